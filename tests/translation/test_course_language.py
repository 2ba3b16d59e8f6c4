"""The course's language, chosen by the instructor (--lang), written into what the tools make."""
import json
import zipfile

from autograder.gradescope_bundle.bundle_plan import build_bundle
from autograder.nbgrader_course.notebooks import GradedTest, _test_cell
from autograder.release.release_plan import build_release

UNITS = {"functions.sigmoid": 2, "functions.relu": 1}


def test_a_japanese_release_speaks_japanese_first(tmp_path):
    release = build_release(tmp_path / "release", unit_points=UNITS, language="ja")
    out = release.out
    assert out.joinpath("README.md").read_text(encoding="utf-8").startswith("# ゼロから作る Deep Learning")
    assert "[日本語](README.md)" in out.joinpath("README.en.md").read_text(encoding="utf-8")
    workflow = out.joinpath(".github/workflows/classroom.yml").read_text(encoding="utf-8")
    assert '    env:\n      KIT_LANG: "ja"' in workflow
    pyproject = out.joinpath("pyproject.toml").read_text(encoding="utf-8")
    assert 'ja = ["matplotlib-fontja' in pyproject and 'exercises = ["locale/*/LC_MESSAGES/*.mo"]' in pyproject
    assert out.joinpath("exercises/locale/ja/LC_MESSAGES/exercises.mo").is_file()
    assert not list(out.rglob("*.po")), "students get the compiled catalogue only"


def test_a_release_without_lang_is_english_first_with_the_japanese_readme_beside_it(tmp_path):
    out = build_release(tmp_path / "release", unit_points=UNITS).out
    assert out.joinpath("README.md").read_text(encoding="utf-8").startswith("# Deep Learning from Scratch")
    assert "[English](README.md)" in out.joinpath("README.ja.md").read_text(encoding="utf-8")
    assert "KIT_LANG" not in out.joinpath(".github/workflows/classroom.yml").read_text(encoding="utf-8")


def test_the_gradescope_bundle_records_the_course_language(tmp_path):
    bundle = build_bundle(tmp_path / "bundle.zip", language="ja")
    with zipfile.ZipFile(bundle.out) as archive:
        settings = json.loads(archive.read("bundle.json"))
        names = archive.namelist()
    assert settings["language"] == "ja"
    assert "autograder/locale/ja/LC_MESSAGES/autograder.mo" in names


def test_nbgrader_graded_cells_set_the_course_language():
    test = GradedTest(name="test_sigmoid", unit="functions.sigmoid", points=1, check="check_sigmoid_values")
    japanese = _test_cell(test, seed=0, language="ja")["source"]
    assert "os.environ['KIT_LANG'] = 'ja'" in japanese
    assert "KIT_LANG" not in _test_cell(test, seed=0)["source"]


def test_a_gradescope_run_writes_the_feedback_in_the_bundles_language(tmp_path):
    import os
    import subprocess
    import sys

    from autograder.submission_intake import copy_modules

    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True)
    (root / "source" / "bundle.json").write_text(json.dumps({"seed": 1, "language": "ja"}), encoding="utf-8")
    copy_modules(os.path.join(repo, "exercises"), root / "submission")   # the untouched stubs
    environment = dict(os.environ, KIT_LANG="en", PYTHONPATH=repo)
    subprocess.run([sys.executable, "-m", "autograder.gradescope_bundle.run_submission", "--root", str(root)],
                   cwd=repo, env=environment, capture_output=True, text=True, timeout=600, check=True)
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    outputs = " ".join(test.get("output", "") for test in results["tests"])
    assert "まだ実装されていません" in outputs and "not implemented yet" not in outputs
