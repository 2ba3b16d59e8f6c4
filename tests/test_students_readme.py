"""The students' part of README.md says what the code does: the region marks, the time limits, the missions' bars."""
import re
from pathlib import Path

from autograder.checks.missions import CNN, DIGITS, IRIS
from autograder.curriculum.solution_regions import END_OF_YOUR_CODE, TODO_PREFIX

REPO = Path(__file__).resolve().parents[1]


def students_part():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text[text.index("## Students"):text.index("## Run the project's own tests")]


def test_the_region_marks_are_the_stubs_own():
    readme = students_part()
    assert TODO_PREFIX in readme and END_OF_YOUR_CODE in readme
    assert END_OF_YOUR_CODE in (REPO / "exercises" / "functions.py").read_text(encoding="utf-8")


def test_the_time_limits_are_the_visible_tests_own():
    conftest = (REPO / "exercises" / "conftest.py").read_text(encoding="utf-8")
    limit = float(re.search(r"^TIME_LIMIT = ([\d.]+)", conftest, re.MULTILINE).group(1))
    mission_limit = float(re.search(r"^MISSION_TIME_LIMIT = ([\d.]+)", conftest, re.MULTILINE).group(1))
    assert f"stops after {limit:g} seconds (the missions'\nafter {mission_limit:g}" in students_part()


def test_the_missions_bars_are_the_graders_own():
    readme = " ".join(students_part().split())
    assert (f"over {IRIS.splits} splits (Iris) or {DIGITS.splits} splits (digits, CNN) reaches "
            f"{IRIS.full_credit_accuracy:g} (Iris), {DIGITS.full_credit_accuracy:g} (digits) or "
            f"{CNN.full_credit_accuracy:g} (CNN)") in readme
    assert f"from {IRIS.no_credit_accuracy:.2f} (Iris) or {DIGITS.no_credit_accuracy:.2f} (digits, CNN)" in readme
    assert (f"({IRIS.time_limit:g} s per Iris split, {DIGITS.time_limit:g} s per\ndigits split, "
            f"{CNN.time_limit:g} s per CNN split)") in students_part()
