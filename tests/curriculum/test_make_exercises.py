"""`python -m autograder.curriculum.make_exercises`: exercises/ is generated from solutions/ and up to date."""
import ast
import re
import shutil
import subprocess
import sys

from autograder.curriculum import make_exercises
from autograder.curriculum.docstrings import with_translated_docstrings
from autograder.curriculum.solution_regions import solution_regions

from .variant_submissions import REPO_ROOT, SOLUTIONS_DIR

EXERCISES_DIR = REPO_ROOT / "exercises"


def run_command(*args):
    return subprocess.run([sys.executable, "-m", "autograder.curriculum.make_exercises", *args],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False)


def test_committed_stubs_are_up_to_date():
    """Regenerating changes nothing (edit solutions/, then run the command: never edit exercises/ by hand)."""
    result = run_command("--check")
    assert result.returncode == 0, result.stdout + result.stderr


def copy_of_the_stubs(tmp_path):
    copy = tmp_path / "exercises"
    copy.mkdir()
    for source in SOLUTIONS_DIR.glob("*.py"):
        shutil.copy(EXERCISES_DIR / source.name, copy / source.name)
    return copy


def test_a_hand_edit_is_detected(tmp_path):
    copy = copy_of_the_stubs(tmp_path)
    with open(copy / "layers.py", "a", encoding="utf-8") as stub:
        stub.write("\n# edited by hand\n")
    (copy / "optimizer.py").unlink()
    result = run_command("--check", "--exercises", str(copy))
    assert result.returncode == 1
    assert "2 stale stub(s)" in result.stdout
    assert "  layers.py" in result.stdout and "  optimizer.py" in result.stdout
    assert "functions.py" not in result.stdout


def test_generating_writes_stubs_and_leaves_hand_written_files_alone(tmp_path):
    exercises = tmp_path / "exercises"
    (exercises / "tests").mkdir(parents=True)
    hand_written = {
        exercises / "conftest.py": "# the plugin\n",
        exercises / "tests" / "test_functions.py": "# visible tests\n",
        exercises / "notes.py": "# a file with no solution\n",
        exercises / "functions.py": "# stale\n",
    }
    for path, text in hand_written.items():
        path.write_text(text, encoding="utf-8")

    assert make_exercises.main(["--exercises", str(exercises)]) == 0
    for path, text in hand_written.items():
        if path.name != "functions.py":
            assert path.read_text(encoding="utf-8") == text
    for source in SOLUTIONS_DIR.glob("*.py"):
        assert (exercises / source.name).read_bytes() == (EXERCISES_DIR / source.name).read_bytes()
    assert make_exercises.main(["--check", "--exercises", str(exercises)]) == 0


def test_every_stub_keeps_the_provided_text_and_raises_in_each_region():
    translate = make_exercises.todo_translations(EXERCISES_DIR)
    for source in sorted(SOLUTIONS_DIR.glob("*.py")):
        solution_text = source.read_text(encoding="utf-8")
        stub_text = (EXERCISES_DIR / source.name).read_text(encoding="utf-8")
        header, _, body = stub_text.partition("\n")
        assert header.startswith(f"# Generated from solutions/{source.name} by "), header
        regions = solution_regions(solution_text)
        assert body.count("raise NotImplementedError(") == len(regions), source.name
        if not regions:
            assert body == with_translated_docstrings(solution_text, translate)[0], \
                f"{source.name} is provided code: copied as it is, docstrings with their Japanese paragraph"


def test_a_solution_named_conftest_is_refused(tmp_path):
    solutions = tmp_path / "solutions"
    solutions.mkdir()
    (solutions / "conftest.py").write_text("X = 1\n", encoding="utf-8")
    assert make_exercises.main(["--solutions", str(solutions), "--exercises", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_each_region_ends_with_its_marker_and_the_header_holds_the_provided_codes_fingerprint():
    """The stubs mark where the student's code ends; the visible tests' copy of the fingerprint
    function agrees with the generator's, so untouched stubs are never reported as changed."""
    from autograder.curriculum.solution_regions import END_OF_YOUR_CODE, FINGERPRINT_PREFIX, provided_code_fingerprint

    for source in SOLUTIONS_DIR.glob("*.py"):
        regions = solution_regions(source.read_text(encoding="utf-8"))
        if not regions:
            continue
        stub = (EXERCISES_DIR / source.name).read_text(encoding="utf-8")
        assert [line.strip() for line in stub.splitlines()].count(END_OF_YOUR_CODE) == len(regions), source.name
        header = stub.splitlines()[1]
        assert header.startswith(FINGERPRINT_PREFIX), source.name
        body = stub.split("\n", 2)[2]
        assert header.split()[4] == provided_code_fingerprint(body) == provided_code_fingerprint(stub)
    conftest_text = (EXERCISES_DIR / "conftest.py").read_text(encoding="utf-8")
    original_text = (REPO_ROOT / "autograder" / "curriculum" / "solution_regions.py").read_text(encoding="utf-8")
    strip_docstring = lambda text: re.sub(r'""".*?"""', "", text, count=1, flags=re.DOTALL).replace(
        "    import ast\n    import hashlib\n\n", "").replace("    import hashlib\n\n", "")
    for function in ("def provided_code_fingerprint", "def provided_code_parts"):
        copy = conftest_text[conftest_text.index(function):].split("\n\n\n")[0]
        original = original_text[original_text.index(function):].split("\n\n\n")[0]
        assert strip_docstring(copy).strip() == strip_docstring(original).strip(), function


def test_the_header_holds_one_fingerprint_per_top_level_definition_and_no_solution():
    """'# Provided code by definition: <module>=... sigmoid=...' (wrapped): what the visible tests compare
    definition by definition, to say where provided code was changed."""
    from autograder.curriculum.solution_regions import MODULE_PART, provided_code_parts
    from exercises.conftest import handed_out_parts

    for source in SOLUTIONS_DIR.glob("*.py"):
        solution = source.read_text(encoding="utf-8")
        if not solution_regions(solution):
            continue
        stub = (EXERCISES_DIR / source.name).read_text(encoding="utf-8")
        header = [line for line in stub.splitlines()[:8] if line.startswith("#")]
        assert all(len(line) <= 100 for line in header[2:]), header
        parts = handed_out_parts(stub)
        assert parts == provided_code_parts(stub) == provided_code_parts(stub.split("\n", 2)[2]), source.name
        assert MODULE_PART in parts and len(parts) >= 2, parts
        defined = {node.name for node in ast.parse(solution).body
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        assert set(parts) == defined | {MODULE_PART}, source.name
        for region in solution_regions(solution):       # the header holds no solution code
            assert not any(line.strip() and line.strip() in "\n".join(header) for line in region.code.splitlines()
                           if len(line.strip()) > 8)
