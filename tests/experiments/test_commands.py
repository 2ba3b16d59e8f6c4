"""The experiments as commands: PNG written, summary printed, clear one-line messages otherwise."""
import importlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest

from exercises.experiments.progress import ProgressBar
from exercises.experiments.submission import missing_unit_message

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPERIMENTS = ("weight_init", "activation_histograms", "batch_norm", "optimizers", "overfitting", "conv_filters",
               "gradient_vanishing")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MISSING_UNIT_LINE = re.compile(
    r"^This experiment needs (?P<unit>\w+\.\w+) \((?P<path>exercises/\w+\.py)\): "
    r"not implemented yet - TODO: (?P<todo>.+)$")


def experiment_module(name):
    return importlib.import_module(f"exercises.experiments.{name}")


def assert_readable_png(path):
    """A PNG by its signature, that matplotlib reads, big enough to hold a figure, not blank."""
    data = Path(path).read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 20_000
    image = matplotlib.image.imread(path)
    assert image.shape[0] >= 400 and image.shape[1] >= 700
    assert np.std(image) > 0.05


def run_command(name, *args, cwd=REPO_ROOT, env=None):
    return subprocess.run([sys.executable, "-m", f"exercises.experiments.{name}", "--no-show", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def tiny_quick(monkeypatch):
    """--quick runs each experiment at its 'check' size (a step or an epoch): fast, same code path."""
    for name in EXPERIMENTS:
        sizes = experiment_module(name).EXPERIMENT.sizes
        monkeypatch.setitem(sizes, "quick", sizes["check"])


@pytest.mark.parametrize("name", EXPERIMENTS)
def test_each_experiment_writes_a_png_and_prints_a_summary(name, tiny_quick, tmp_path, capsys):
    out = tmp_path / f"{name}.png"
    assert experiment_module(name).main(["--solutions", "--quick", "--no-show", "--out", str(out)]) == 0
    assert_readable_png(out)
    printed = capsys.readouterr().out
    assert "Ran on solutions/ in" in printed and str(out) in printed
    assert len(printed.splitlines()) >= 4  # a heading, a column header, rows, the figure's path


@pytest.mark.parametrize("name, options, file_name", [
    ("batch_norm", ["--grid", "book"], "batch_norm_book_quick_solutions.png"),
    ("activation_histograms", ["--activation", "relu"], "activation_histograms_relu_quick_solutions.png"),
])
def test_default_file_name_tells_the_options(name, options, file_name, tiny_quick, tmp_path,
                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert experiment_module(name).main(["--solutions", "--quick", "--no-show", *options]) == 0
    assert_readable_png(tmp_path / "figures" / file_name)


def test_module_runs_as_a_command_with_a_progress_bar(tmp_path):
    out = tmp_path / "weight_init.png"
    done = run_command("weight_init", "--solutions", "--quick", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert_readable_png(out)
    for label in ("std 0.01", "Xavier", "He"):
        assert re.search(rf"^  {label} +\d\.\d{{4}} +\d\.\d{{3}}$", done.stdout, re.MULTILINE)
    assert "100%" in done.stderr.splitlines()[-1]  # the progress bar's last line
    assert "Traceback" not in done.stderr


def test_mnist_offline_says_so_and_stops(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIT_MNIST_DIR", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("KIT_MNIST_URL", "http://127.0.0.1:9/")  # nothing listens on the discard port
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    out = tmp_path / "weight_init.png"
    code = experiment_module("weight_init").main(
        ["--solutions", "--dataset", "mnist", "--no-show", "--out", str(out)])
    assert code == 1
    error = capsys.readouterr().err
    assert "Downloading MNIST failed" in error and "--dataset digits" in error
    assert not out.exists()


# --- a unit not implemented yet ---------------------------------------------------

def assert_one_missing_unit_line(stderr, package_dir):
    """stderr is exactly one line naming a unit, its file, and the TODO found in that file."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    match = MISSING_UNIT_LINE.match(lines[0])
    assert match, lines[0]
    stub = (package_dir.parent / match["path"]).read_text(encoding="utf-8")
    assert " ".join(match["todo"].split()[:6]) in " ".join(stub.replace("#", " ").split())
    return match["unit"]


@pytest.fixture
def untouched_stubs():
    """The kit's exercises/, when its stubs are generated and still untouched."""
    stub = REPO_ROOT / "exercises" / "functions.py"
    if not stub.is_file() or "raise NotImplementedError" not in stub.read_text(encoding="utf-8"):
        pytest.skip("exercises/ holds no untouched stubs")
    return REPO_ROOT / "exercises"


def test_untouched_stubs_exit_2_with_one_line(untouched_stubs):
    done = run_command("activation_histograms")
    assert done.returncode == 2
    assert done.stdout == ""
    assert assert_one_missing_unit_line(done.stderr, untouched_stubs) == "functions.sigmoid"


@pytest.mark.parametrize("name", ["weight_init", "batch_norm", "optimizers", "overfitting",
                                  "gradient_vanishing"])
def test_every_experiment_names_a_missing_unit_on_the_stubs(name, untouched_stubs, tmp_path, capsys):
    out = tmp_path / "figure.png"
    assert experiment_module(name).main(["--no-show", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_one_missing_unit_line(captured.err, untouched_stubs)
    assert not out.exists()


def make_package_with_one_stub(root, module, class_name, todo):
    """root/exercises: the reference solutions with one class's first solution region stubbed,
    as the stub generator writes it, and a copy of the experiments."""
    package = root / "exercises"
    package.mkdir()
    for source in (REPO_ROOT / "solutions").glob("*.py"):
        shutil.copy(source, package / source.name)
    shutil.copytree(REPO_ROOT / "exercises" / "experiments", package / "experiments",
                    ignore=shutil.ignore_patterns("__pycache__"))
    path = package / f"{module}.py"
    text = path.read_text(encoding="utf-8")
    start = text.index("### BEGIN SOLUTION", text.index(f"class {class_name}"))
    end = text.index("### END SOLUTION", start) + len("### END SOLUTION")
    indent = " " * (start - text.rindex("\n", 0, start) - 1)
    stub = f"# TODO: {todo}\n{indent}raise NotImplementedError({todo!r})"
    path.write_text(text[:start] + stub + text[end:], encoding="utf-8")
    return package


def test_a_partly_done_submission_is_told_the_one_missing_unit(tmp_path):
    package = make_package_with_one_stub(tmp_path, "layers", "BatchNormalization",
                                         "normalise x with the batch statistics")
    env = dict(os.environ, KIT_DATASETS=str(REPO_ROOT / "datasets"))
    done = run_command("batch_norm", "--out", str(tmp_path / "figure.png"), cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert assert_one_missing_unit_line(done.stderr, package) == "layers.BatchNormalization"
    assert "normalise x with the batch statistics" in done.stderr


def test_not_implemented_outside_the_submission_is_not_blamed_on_it(reference):
    try:
        raise NotImplementedError("raised by the test, not by a stub")
    except NotImplementedError as err:
        assert missing_unit_message(err, reference) is None


def test_progress_bar_writes_one_line_per_run_to_a_log():
    log = io.StringIO()
    progress = ProgressBar("weight_init", stream=log)
    progress.expect(4)
    for label in ("std 0.01", "He"):
        progress.start(label)
        progress.advance()
        progress.advance()
    progress.close()
    lines = log.getvalue().splitlines()
    assert [line.split()[-1] for line in lines] == ["0.01", "He", "He"]
    assert [line.split()[2] for line in lines] == ["0%", "50%", "100%"]
