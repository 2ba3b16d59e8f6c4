"""The project's own test run (`python -m pytest` at the root): spread over every core.

The suite is mostly waiting on sandboxed grading workers, so with pytest-xdist
installed (the `dev` and `instructor` extras bring it) a plain `python -m pytest`
runs on `-n auto` workers. `-n 0` (or `-p no:xdist`) runs in one process;
`KIT_TEST_WORKERS=N` picks the number. Runs of the visible tests
(`pytest exercises`, what students do) are left alone.
"""
import os

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    if not config.pluginmanager.has_plugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is not None or config.option.dist != "no":
        return   # the caller chose
    if config.getoption("usepdb", False) or config.getoption("collectonly", False):
        return
    if any(_under_exercises(config, arg) for arg in config.args):
        return   # the students' visible tests keep their one-process output
    config.option.numprocesses = os.environ.get("KIT_TEST_WORKERS", "auto")


def _under_exercises(config, arg):
    path = os.path.abspath(str(arg).split("::")[0])
    return os.path.relpath(path, config.rootpath).split(os.sep)[0] == "exercises"
