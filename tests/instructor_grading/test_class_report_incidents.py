"""report.md: who failed which unit; timeouts, crashes and modules that do not import, each named."""
import csv
import re
import subprocess
import sys

from .conftest import REPO, solved


def replace_function(module, name, body):
    """`module` with the function `name` replaced by `body` (the new function's source)."""
    text = module.read_text()
    start = text.index(f"def {name}(")
    end = text.find("\ndef ", start + 1)
    module.write_text(text[:start] + body + ("\n\n" + text[end + 1:] if end != -1 else "\n"))


def test_report_names_failures_timeouts_crashes_and_imports(tmp_path):
    folder = tmp_path / "class"
    solved(folder / "alice")
    replace_function(solved(folder / "bob") / "functions.py", "sigmoid",
                     "def sigmoid(x):\n    while True:\n        pass\n")
    replace_function(solved(folder / "carol") / "functions.py", "relu",
                     "def relu(x):\n    import os\n    os._exit(3)\n")
    (solved(folder / "dave") / "layers.py").write_text("import not_a_module\n")
    (solved(folder / "erin") / "layers.py").unlink()             # not handed in
    out = tmp_path / "graded"
    done = subprocess.run([sys.executable, "-m", "autograder", "batch", str(folder), "--out", str(out), "--only",
                           "functions.sigmoid,functions.relu,layers.Relu", "--timeout", "2", "--seed", "1"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    report = (out / "report.md").read_text()
    who = report[report.index("## Who failed which unit"):]
    assert re.search(r"\| functions\.sigmoid \| 1 \| bob \|", who)
    assert re.search(r"\| functions\.relu \| 1 \| carol \|", who)
    assert re.search(r"\| layers\.Relu \| 2 \| dave, erin \|", who)
    incidents = report[report.index("## Timeouts, crashes and modules that do not import"):]
    assert re.search(r"\| bob \| timeout \| functions\.sigmoid \| .*timed out after 2 s", incidents)
    assert re.search(r"\| carol \| crash \| functions\.relu \|", incidents)
    assert re.search(r"\| dave \| does not import \| layers\.Relu \| importing layers\.py raised", incidents)
    assert re.search(r"\| erin \| does not import \| layers\.Relu \| layers\.py is missing: the submission has no "
                     r"file layers\.py", incidents)
    with open(out / "gradebook.csv", newline="") as file:
        rows = {row["submission"]: row for row in csv.DictReader(file)}
    assert rows["erin"]["errors"] == "missing: layers.py"
    assert rows["dave"]["errors"] == "does not import: layers.py (ModuleNotFoundError)"
    feedback = (out / "feedback" / "erin.md").read_text()
    assert "layers.py is missing" in feedback and "Traceback" not in feedback
    assert "alice" not in incidents.split("## Modules that did not import")[0]
    assert "![Pass rate per unit and score distribution](report.png)" in report and (out / "report.png").is_file()
