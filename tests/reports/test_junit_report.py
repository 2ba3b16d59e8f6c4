import xml.etree.ElementTree as ET

from autograder.reports.junit import JUnitReport
from autograder.results import GradingRun, TestResult


def properties(element):
    return {p.get("name"): p.get("value") for p in element.findall("properties/property")}


def test_junit_parses_with_a_suite_per_unit_and_points(run, tmp_path):
    path = tmp_path / "junit.xml"
    JUnitReport().write(run, path)
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    assert root.get("tests") == "5" and root.get("failures") == "3"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["functions.sigmoid", "functions.softmax", "layers.Affine", "iris_mission.train"]
    affine = suites["layers.Affine"]
    assert properties(affine)["points"] == "1" and properties(affine)["max_points"] == "3"
    assert affine.get("tests") == "2" and affine.get("failures") == "1"
    cases = affine.findall("testcase")
    assert [properties(c)["points"] for c in cases] == ["0", "1"]
    assert properties(cases[0])["unit"] == "layers.Affine"
    failure = cases[0].find("failure")
    assert "reshape <x> & compare" in failure.text
    assert "Likely mistake: dx not reshaped to x's shape" in failure.get("message")
    assert cases[1].find("failure") is None
    iris = suites["iris_mission.train"].find("testcase")
    assert properties(iris)["points"] == "3.25" and iris.find("failure") is not None


def test_grader_error_is_an_error_testcase(error_run):
    root = ET.fromstring(JUnitReport().render(error_run))
    assert root.get("errors") == "1"
    error = root.find("testsuite[@name='grading']/testcase/error")
    assert "functions.py does not import" in error.get("message")


def test_control_characters_and_markup_cannot_break_the_xml():
    nasty = "got \x00\x01\x0b\x1b[2J<![CDATA[ ]]> </failure> & \"quotes\" \ud800 \uffff end"
    run = GradingRun("x\x02y", 0, "0.1.0",
                     [TestResult("relu <of> & \x03", "functions.relu", 1, 0, False, output=nasty, diagnosis=nasty)],
                     error=nasty)
    root = ET.fromstring(JUnitReport().render(run))
    failure = root.find("testsuite[@name='functions.relu']/testcase/failure")
    assert "<![CDATA[ ]]> </failure> & \"quotes\"" in failure.text
    assert failure.text.endswith("end")
