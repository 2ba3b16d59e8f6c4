"""Step 5: requirements.txt, the packages the grader imports, with the kit's own version ranges.

The ranges are read from the kit's pyproject.toml (their one home). matplotlib
is left out: only the students' experiments and the batch report draw plots,
and it would double the time setup.sh takes on Gradescope.
"""
import re

from autograder.release.student_pyproject import read_kit_pyproject

GRADER_REQUIREMENTS = ("numpy", "pytest")


def write_requirements(bundle):
    project = read_kit_pyproject(bundle.kit_root / "pyproject.toml")["project"]
    bundle.write_text("requirements.txt", requirements_text(project["dependencies"]))


def requirements_text(dependencies):
    """The lines of requirements.txt for the grader, from the kit's dependency list."""
    chosen = [d for d in dependencies if requirement_name(d) in GRADER_REQUIREMENTS]
    missing = set(GRADER_REQUIREMENTS) - {requirement_name(d) for d in chosen}
    if missing:
        raise ValueError(f"the kit's pyproject.toml does not list {sorted(missing)} in its dependencies")
    return "# What the kit's grader imports (ranges from the kit's pyproject.toml).\n" + "\n".join(chosen) + "\n"


def requirement_name(requirement):
    """"numpy>=1.26,<3" -> "numpy"."""
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower()
