"""The same checks on modules imported in this process (how nbgrader notebooks will use them)."""
import importlib
import inspect

import numpy as np
import pytest

from autograder.checks.feedback import CheckFailed, NotImplementedYet
from autograder.checks.submission import LocalSubmission

from .conftest import NON_MISSION_MODULES

CHECKS = [(module, name, function)
          for module in NON_MISSION_MODULES
          for name, function in inspect.getmembers(importlib.import_module(f"autograder.checks.{module}"),
                                                   inspect.isfunction)
          if name.startswith("check_")]


def modules_of(package):
    return {name: importlib.import_module(f"{package}.{name}") for name in NON_MISSION_MODULES}


@pytest.mark.parametrize("module, name, check", CHECKS, ids=[name for _, name, _ in CHECKS])
def test_reference_passes_and_stubs_are_not_implemented_locally(module, name, check):
    check(LocalSubmission(modules_of("solutions")), np.random.default_rng(5))
    with pytest.raises(CheckFailed) as failure:
        check(LocalSubmission(modules_of("exercises")), np.random.default_rng(5))
    assert isinstance(failure.value, NotImplementedYet) and "TODO:" in failure.value.message
