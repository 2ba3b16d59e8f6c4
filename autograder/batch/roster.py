"""The class roster: which student each submission belongs to.

    submission,student_id,name,email
    alice,s001,Alice Liddell,alice@example.edu
    submission_123456,s002,Bob Baker,bob@example.edu       # a Gradescope export's folder (or 123456)
    octocat,s003,Carol Chen,carol@example.edu              # GitHub Classroom: hw1-octocat/

`submission` is the submission's folder or zip name; a Gradescope export's
submission id (with or without `submission_`) or a GitHub Classroom
username (the folder `<assignment>-<username>`) works too. Header names are
matched without regard to case, spaces or underscores; `student id`, `id`,
`sis_id`, `username`, `login` and `folder` are accepted as aliases.
"""
import csv
from dataclasses import dataclass
from pathlib import Path

from autograder.translation import _

IDENTITY_COLUMNS = ("student_id", "name", "email")
_ALIASES = {
    "submission": ("submission", "folder", "username", "login", "github", "githubusername", "gradescopeid"),
    "student_id": ("studentid", "id", "sisid", "sisuserid", "idnumber", "studentnumber"),
    "name": ("name", "studentname", "fullname"),
    "email": ("email", "emailaddress", "mail"),
}


class RosterError(ValueError):
    """The roster file cannot be read."""


@dataclass(frozen=True)
class Student:
    key: str
    student_id: str = ""
    name: str = ""
    email: str = ""

    def identity(self):
        return {"student_id": self.student_id, "name": self.name, "email": self.email}


class Roster:
    """Students by the key that names their submission; `find(submission)` matches one."""

    def __init__(self, students):
        self.students = list(students)
        self._by_key = {s.key.lower(): s for s in self.students}

    @classmethod
    def read(cls, path):
        path = Path(path)
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.reader(handle))
        except OSError as error:
            raise RosterError(_("roster {path}: cannot be read ({error})").format(path=path, error=error.strerror or error)) from None
        except UnicodeDecodeError:
            raise RosterError(_("roster {path}: not UTF-8 text; save it as CSV (UTF-8)").format(path=path)) from None
        if not rows:
            raise RosterError(_("roster {path}: empty; it needs a header row: submission,student_id,name,email").format(
                path=path))
        columns = _columns(rows[0])
        if "submission" not in columns:
            raise RosterError(_("roster {path}: no 'submission' column (the folder, Gradescope id or GitHub username of "
                                "each student); its header is {header}").format(path=path, header=", ".join(rows[0])))
        students, seen = [], set()
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            cells = {field: (row[index].strip() if index < len(row) else "") for field, index in columns.items()}
            key = cells["submission"]
            if not key:
                raise RosterError(_("roster {path}, line {number}: the submission cell is empty").format(path=path, number=number))
            if key.lower() in seen:
                raise RosterError(_("roster {path}, line {number}: {key!r} appears twice").format(path=path, number=number, key=key))
            seen.add(key.lower())
            students.append(Student(key, cells.get("student_id", ""), cells.get("name", ""), cells.get("email", "")))
        return cls(students)

    def find(self, submission):
        """The Student of a discovery.Submission (its name, folder, Gradescope id or Classroom username), or None."""
        folder = submission.path.name[:-4] if submission.path.name.lower().endswith(".zip") else submission.path.name
        for candidate in (submission.name, folder):
            student = self._by_key.get(candidate.lower())
            if student:
                return student
        if folder.lower().startswith("submission_"):
            student = self._by_key.get(folder[len("submission_"):].lower())
            if student:
                return student
        suffixes = [s for key, s in self._by_key.items() if folder.lower().endswith("-" + key)]
        return max(suffixes, key=lambda s: len(s.key)) if suffixes else None


def _columns(header):
    """{field: column index} from a header row, aliases accepted."""
    found = {}
    for index, title in enumerate(header):
        squashed = "".join(ch for ch in title.lower() if ch.isalnum())
        for field, aliases in _ALIASES.items():
            if squashed in aliases and field not in found:
                found[field] = index
    return found
