"""Steps 9 and 10: zip the tree (executable bits kept), then check the zip as Gradescope will see it."""
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
from pathlib import Path

ENTRY_POINTS = ("setup.sh", "run_autograder")
REQUIRED = ENTRY_POINTS + ("requirements.txt", "bundle.json", "fallback_results.json", "pyproject.toml",
                           "autograder/gradescope_bundle/run_submission.py", "autograder/hidden/pytest.ini",
                           "solutions/functions.py", "datasets/SHA256SUMS")
#: What must not be in the bundle: the student stubs (the grader never imports them).
FORBIDDEN_TOP_LEVEL = ("exercises",)


class BundleError(RuntimeError):
    """The built zip would not work on Gradescope."""


def write_zip(bundle):
    """The tree as a zip, entries sorted, with their Unix modes (Gradescope runs run_autograder as is)."""
    temp = tempfile.NamedTemporaryFile(dir=bundle.out.parent, prefix=f".{bundle.out.name}.", delete=False)
    temp.close()
    try:
        with zipfile.ZipFile(temp.name, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in bundle.tree.rglob("*") if p.is_file()):
                relative = path.relative_to(bundle.tree).as_posix()
                info = zipfile.ZipInfo(relative, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (stat.S_IFREG | stat.S_IMODE(path.stat().st_mode)) << 16
                archive.writestr(info, path.read_bytes())
        os.chmod(temp.name, 0o644)
        os.replace(temp.name, bundle.out)   # whole or not at all
    except BaseException:
        Path(temp.name).unlink(missing_ok=True)
        raise


def check_zip(bundle):
    """Raise BundleError unless the zip holds the entry points (executable, valid bash) and the kit."""
    problems = zip_problems(bundle.out)
    if problems:
        raise BundleError(f"{bundle.out}: " + "; ".join(problems))


def zip_problems(path):
    """What is wrong with the bundle at `path`, [] when nothing."""
    with zipfile.ZipFile(path) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        problems = [f"{name} is missing" for name in REQUIRED if name not in infos]
        problems += [f"{name} is not executable" for name in ENTRY_POINTS
                     if name in infos and not (infos[name].external_attr >> 16) & stat.S_IXUSR]
        problems += [f"{top}/ must not be in the bundle" for top in FORBIDDEN_TOP_LEVEL
                     if any(name.startswith(top + "/") for name in infos)]
        bash = shutil.which("bash")
        for name in ENTRY_POINTS:
            if name in infos and bash:
                checked = subprocess.run([bash, "-n"], input=archive.read(name), capture_output=True)
                if checked.returncode:
                    problems.append(f"{name} is not valid bash: {checked.stderr.decode(errors='replace').strip()}")
    return problems
