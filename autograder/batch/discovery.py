"""Step 1: which submissions a class folder holds, under stable, file-safe names.

Layouts recognised (each child of the folder is one submission):

- plain: `alice/` (the modules, or one folder holding them) or `alice.zip`;
- Gradescope export: `submission_metadata.yml` beside `submission_<id>/`
  folders (the unzipped export, or the one `assignment_<id>_export/` folder
  holding it); the submitters' names are read from the metadata;
- GitHub Classroom: `<assignment>-<username>/` repositories with the modules
  under `exercises/` (submission_intake finds them one folder down);
- nbgrader: a course folder with `submitted/<student>/<assignment>/*.ipynb`,
  that `submitted/` folder, or student folders of notebooks. The kit's grader
  grades .py modules, so these are recorded with a clear error pointing to
  `nbgrader autograde` in the course `autograder nbgrader` builds.

A name is the child's name without `.zip`, with anything but letters, digits,
`.`, `_` and `-` replaced: it names `results/<name>.json`, so a rerun finds
what is done. Names are given in sorted order, so clashes resolve the same way
on every run.
"""
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.submission_intake import CONTRACT_MODULES
from autograder.translation import N_, _, translated

GRADESCOPE_METADATA = "submission_metadata.yml"
NBGRADER_SUBMITTED = "submitted"
CLASSROOM_MODULE_FOLDER = "exercises"
IGNORED_NAMES = ("__MACOSX", "__pycache__")
NOTEBOOK_DEPTH = 3        # student/assignment/notebook.ipynb
NOTEBOOK_PROBLEM = N_("nbgrader submission: notebooks (.ipynb), which the kit's grader does not grade (it grades "
                      "the .py modules); grade notebooks with `nbgrader autograde` in the course built by "
                      "`autograder nbgrader`")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class DiscoveryError(ValueError):
    """The class folder cannot be read as a set of submissions."""


@dataclass(frozen=True)
class Submission:
    """One submission to grade.

    name: unique and file-name safe (results/<name>.json); path: a folder or a .zip;
    layout: plain, zip, gradescope, classroom or nbgrader; who: the submitters'
    names when the export says; problem: why it cannot be graded, known
    before grading (notebooks), else None; created_at: the submission time a
    Gradescope export records ("" otherwise).
    """

    name: str
    path: Path
    layout: str
    who: str = ""
    problem: str | None = None
    created_at: str = ""

    @property
    def label(self):
        """The gradebook's name for it: the name, with the submitters' names when known."""
        return f"{self.name} ({self.who})" if self.who else self.name


def discover(root, exclude=()):
    """The submissions in the class folder `root`, in name order; `exclude`: paths to skip (the output)."""
    root = Path(root)
    if not root.is_dir():
        raise DiscoveryError(_("{path}: not a folder of submissions").format(path=root))
    root = _export_folder(root)
    excluded = {Path(p).resolve() for p in exclude}
    if (root / GRADESCOPE_METADATA).is_file():
        names = gradescope_submitters(root / GRADESCOPE_METADATA)
        times = gradescope_created_at(root / GRADESCOPE_METADATA)
        return _name_all(_children(root, excluded), lambda child: _gradescope(child, names, times))
    if (root / NBGRADER_SUBMITTED).is_dir():
        root = root / NBGRADER_SUBMITTED
    return _name_all(_children(root, excluded), _plain)


def _export_folder(root):
    """`root`, or its one sub-folder holding a Gradescope export (the unzipped export's top folder)."""
    if (root / GRADESCOPE_METADATA).is_file():
        return root
    folders = [child for child in root.iterdir() if child.is_dir() and not child.name.startswith(".")]
    if len(folders) == 1 and (folders[0] / GRADESCOPE_METADATA).is_file():
        return folders[0]
    return root


def _children(root, excluded):
    return [child for child in sorted(root.iterdir())
            if not child.name.startswith(".") and child.name not in IGNORED_NAMES
            and child.resolve() not in excluded and not child.is_symlink()]


def _plain(child):
    """(layout, problem) of a child of a plain, Classroom or nbgrader class folder; None to skip it."""
    if child.is_file():
        if child.suffix.lower() == ".zip":
            return "zip", None
        if child.suffix.lower() == ".ipynb":
            return "nbgrader", translated(NOTEBOOK_PROBLEM)
        return None                            # a roster, a README, a stray file
    if _holds_modules(child):
        return "plain", None
    if _holds_modules(child / CLASSROOM_MODULE_FOLDER):
        return "classroom", None
    if _holds_notebooks(child):
        return "nbgrader", translated(NOTEBOOK_PROBLEM)
    return "plain", None                       # grading will say what is missing


def _gradescope(child, names, times):
    if child.is_file() and child.suffix.lower() != ".zip":
        return None
    return "gradescope", None, names.get(child.name, ""), times.get(child.name, "")


def _name_all(children, classify):
    submissions, taken = [], set()
    for child in children:
        found = classify(child)
        if found is None:
            continue
        layout, problem, *more = found
        who, created_at = (list(more) + ["", ""])[:2]
        name = _unique(_safe_name(child), taken)
        submissions.append(Submission(name=name, path=child, layout=layout, who=who, problem=problem,
                                      created_at=created_at))
    return submissions


def _safe_name(path):
    stem = path.name[:-4] if path.is_file() and path.name.lower().endswith(".zip") else path.name
    return _UNSAFE.sub("_", stem).strip("._") or "submission"


def _unique(name, taken):
    candidate, number = name, 2
    while candidate.lower() in taken:
        candidate, number = f"{name}-{number}", number + 1
    taken.add(candidate.lower())
    return candidate


def _holds_modules(folder):
    return folder.is_dir() and any((folder / f"{m}.py").is_file() for m in CONTRACT_MODULES)


def _holds_notebooks(folder):
    base = len(folder.parts)
    return any(len(p.parts) - base <= NOTEBOOK_DEPTH for p in folder.rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts)


def gradescope_submitters(metadata_path):
    """{"submission_<id>": "Name One, Name Two"} from a Gradescope export's submission_metadata.yml.

    Read line by line (no YAML library needed): a top-level key starts a
    submission, and each `:name:` below it is a submitter. Unreadable files give {}.
    """
    names, current = {}, None
    try:
        lines = Path(metadata_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    for line in lines:
        top = re.match(r"^([^\s#:][^:]*):\s*$", line)
        if top:
            current = top.group(1).strip().strip("'\"")
            continue
        name = re.match(r"^\s*-?\s*:name:\s*(.+?)\s*$", line)
        if name and current:
            value = name.group(1).strip().strip("'\"")
            names[current] = f"{names[current]}, {value}" if current in names else value
    return names


def gradescope_created_at(metadata_path):
    """{"submission_<id>": "2026-11-30 12:00:00.000000000 -08:00"}: each submission's `:created_at:`.

    Read line by line like gradescope_submitters; unreadable files give {}.
    """
    times, current = {}, None
    try:
        lines = Path(metadata_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {}
    for line in lines:
        top = re.match(r"^([^\s#:][^:]*):\s*$", line)
        if top:
            current = top.group(1).strip().strip("'\"")
            continue
        created = re.match(r"^\s*:created_at:\s*(.+?)\s*$", line)
        if created and current and current not in times:
            times[current] = created.group(1).strip().strip("'\"")
    return times
