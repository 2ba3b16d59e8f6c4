"""Step 4: pyproject.toml of the student repository.

It installs what students need (NumPy, pytest, matplotlib: the kit's own
requirements, read from the kit's pyproject.toml so the version ranges have one
home) and configures pytest: `pytest` at the root runs `exercises/`, with the
repository root on sys.path and the markers the visible tests use.
"""
import json
import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

STUDENT_PACKAGE_NAME = "dl-scratch-exercises"
STUDENT_REQUIREMENTS = ("numpy", "pytest", "matplotlib")
STUDENT_MARKERS = ("unit", "slow")  # of the kit's markers, those the visible tests use
STUDENT_EXTRAS = ("ja",)  # of the kit's extras, those students may want (a Japanese font for the figures)


def write_pyproject(release):
    kit = read_kit_pyproject(release.kit_root / "pyproject.toml")
    release.write_text("pyproject.toml", student_pyproject(kit))


def read_kit_pyproject(path):
    """The kit's pyproject.toml as a dict (only the keys this step reads when tomllib is missing)."""
    text = path.read_text(encoding="utf-8")
    if tomllib is not None:
        return tomllib.loads(text)
    return _read_without_tomllib(text)


def student_pyproject(kit):
    """The text of the student pyproject.toml from the kit's parsed pyproject."""
    project = kit["project"]
    requirements = [r for r in project["dependencies"] if _requirement_name(r) in STUDENT_REQUIREMENTS]
    missing = set(STUDENT_REQUIREMENTS) - {_requirement_name(r) for r in requirements}
    if missing:
        raise ValueError(f"the kit's pyproject.toml does not list {sorted(missing)} in its dependencies")
    markers = [m for m in kit["tool"]["pytest"]["ini_options"]["markers"]
               if m.split("(")[0].split(":")[0].strip() in STUDENT_MARKERS]
    extras = {name: requirements for name, requirements in project.get("optional-dependencies", {}).items()
              if name in STUDENT_EXTRAS}
    extras_text = "".join(f"{name} = {json.dumps(requirements)}\n" for name, requirements in extras.items())
    return f"""\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{STUDENT_PACKAGE_NAME}"
version = "{project['version']}"
description = "Exercises: deep learning from scratch with NumPy"
readme = "README.md"
requires-python = "{project['requires-python']}"
dependencies = {_toml_list(requirements)}

[project.optional-dependencies]
# `pip install -e ".[ja]"`: a Japanese font, for the experiments' figures in Japanese.
{extras_text}
[tool.setuptools.packages.find]
include = ["exercises*"]

[tool.setuptools.package-data]
# The compiled message catalogues (Japanese), read with Python's own gettext.
exercises = ["locale/*/LC_MESSAGES/*.mo"]

[tool.pytest.ini_options]
# `pytest` runs the visible tests; the progress table is printed at the end.
testpaths = ["exercises"]
pythonpath = ["."]
markers = {_toml_list(markers)}
"""


def _requirement_name(requirement):
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower()


def _toml_list(items):
    return "[\n" + "".join(f"    {json.dumps(item)},\n" for item in items) + "]"


def _read_without_tomllib(text):
    """Just enough of pyproject.toml: project version, requires-python, dependencies, pytest markers."""
    def string(key):
        return re.search(rf'^{key}\s*=\s*"([^"]*)"', text, re.M).group(1)

    def string_list(key):
        body = re.search(rf"^{key}\s*=\s*\[(.*?)\]", text, re.M | re.S).group(1)
        return re.findall(r'"([^"]*)"', body)

    return {
        "project": {"version": string("version"), "requires-python": string("requires-python"),
                    "dependencies": string_list("dependencies"),
                    "optional-dependencies": {name: string_list(name) for name in STUDENT_EXTRAS
                                              if re.search(rf"^{name}\s*=", text, re.M)}},
        "tool": {"pytest": {"ini_options": {"markers": string_list("markers")}}},
    }
