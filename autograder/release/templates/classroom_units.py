"""pytest plugin of the GitHub Classroom workflow: `--unit NAME` keeps the visible tests of one unit.

The workflow (.github/workflows/classroom.yml) runs one grading step per unit:

    PYTHONPATH=.github/classroom python -m pytest exercises -p classroom_units --unit functions.sigmoid

A unit is the name in a test's `@pytest.mark.unit(...)` marker. Selecting no
test at all is an error, so a unit can never earn its points by having no
tests. `--list-units FILE` writes the units of the collected tests to FILE,
one per line (the release builder checks with it that every graded unit has tests).
"""
import pytest


def pytest_addoption(parser):
    parser.addoption("--unit", action="append", default=[], metavar="NAME",
                     help="run only the tests of this unit, e.g. functions.sigmoid (repeatable)")
    parser.addoption("--list-units", metavar="FILE", default=None,
                     help="write the units of the collected tests to FILE, one per line")


def unit_of(item):
    marker = item.get_closest_marker("unit")
    return marker.args[0] if marker and marker.args else None


def pytest_collection_modifyitems(config, items):
    listing = config.getoption("--list-units")
    if listing:
        units = dict.fromkeys(unit_of(item) for item in items if unit_of(item))
        with open(listing, "w", encoding="utf-8") as file:
            file.write("".join(f"{unit}\n" for unit in units))
    wanted = config.getoption("--unit")
    if not wanted:
        return
    kept = [item for item in items if unit_of(item) in wanted]
    if not kept:
        raise pytest.UsageError(f"no test of unit {', '.join(wanted)} in the selected files")
    dropped = [item for item in items if unit_of(item) not in wanted]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
