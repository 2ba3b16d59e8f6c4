"""diagnose: names the mistake an output comes from, and nothing for a correct output."""
import time

import numpy as np
import pytest

from autograder.mistakes import MISTAKES, diagnose, mistakes_for, outputs_match
from autograder.mistakes.diagnosis import run_scenario
from autograder.mistakes.mistake import reference_modules

from .scenarios import SCENARIOS

FAST_UNITS = [unit for unit in SCENARIOS if not unit.endswith("_mission.train")]


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_diagnose_names_the_mistake_from_its_own_output(mistake):
    scenario = SCENARIOS[mistake.unit]
    got = run_scenario(scenario, mistake.reference_with_mistake())
    assert diagnose(mistake.unit, scenario, got) == mistake


@pytest.mark.parametrize("unit", SCENARIOS)
def test_diagnose_names_nothing_for_the_reference_output(unit):
    scenario = SCENARIOS[unit]
    assert diagnose(unit, scenario, run_scenario(scenario, reference_modules())) is None


def test_diagnose_names_nothing_for_an_unknown_wrong_output():
    scenario = SCENARIOS["functions.softmax"]
    got = tuple(np.full_like(part, 0.25) for part in run_scenario(scenario, reference_modules()))
    assert diagnose("functions.softmax", scenario, got) is None


def test_diagnose_ignores_mistakes_that_agree_with_the_reference_here():
    # On unit-scale inputs, softmax without the max is right: it must not be named
    # even for an output that is wrong in some other way.
    x = np.array([[0.2, -1.0, 0.5], [1.5, 0.3, -0.7]])
    def scenario(modules):
        return modules["functions"].softmax(x.copy())
    no_max = [m for m in mistakes_for("functions.softmax") if "max" in m.name][0]
    assert outputs_match(run_scenario(scenario, no_max.reference_with_mistake()),
                         run_scenario(scenario, reference_modules()))
    assert diagnose("functions.softmax", scenario, np.zeros((2, 3))) is None


def test_diagnose_matches_an_error_by_type_and_first_line():
    def scenario(modules):
        return modules["functions"].step_function(np.array([-1.0, 2.0]))
    np_int = [m for m in mistakes_for("functions.step_function") if "np.int" in m.name][0]
    try:
        scenario(np_int.reference_with_mistake())
    except AttributeError as error:
        raised = error
    assert diagnose("functions.step_function", scenario, raised) == np_int
    assert diagnose("functions.step_function", scenario, ValueError(str(raised))) is None
    # a wrong value never matches a mistake that raises
    assert diagnose("functions.step_function", scenario, np.array([1, 1])) is None


def test_diagnose_compares_structures_leafwise():
    assert outputs_match({"a": [1.0, np.array([2.0, 3.0])]}, {"a": (1.0, np.array([2.0, 3.0 + 1e-12]))})
    assert not outputs_match({"a": 1.0}, {"a": 1.0, "b": 2.0})
    assert not outputs_match(np.zeros((2, 3)), np.zeros((3, 2)))
    assert outputs_match(np.array([np.nan, np.inf]), np.array([np.nan, np.inf]))
    assert not outputs_match(np.array([np.nan]), np.array([1.0]))
    assert outputs_match(np.array([True, False]), np.array([1, 0]))
    assert outputs_match(2.0, np.float64(2.0)) and not outputs_match(None, 0.0)
    assert outputs_match("raised ValueError", "raised ValueError")


def test_diagnose_respects_the_tolerance():
    mistake = mistakes_for("functions.mean_squared_error")[0]
    scenario = SCENARIOS[mistake.unit]
    got = run_scenario(scenario, mistake.reference_with_mistake()) * (1 + 1e-4)
    assert diagnose(mistake.unit, scenario, got) is None
    assert diagnose(mistake.unit, scenario, got, rtol=1e-3) == mistake


def test_diagnose_leaves_the_global_random_state_alone():
    scenario = SCENARIOS["layers.Dropout"]  # it seeds np.random itself
    got = run_scenario(scenario, mistakes_for("layers.Dropout")[-1].reference_with_mistake())
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    assert diagnose("layers.Dropout", scenario, got) is not None
    assert np.array_equal(np.random.get_state()[1], before)


def test_diagnose_is_fast():
    started = time.perf_counter()
    for unit in FAST_UNITS:
        scenario = SCENARIOS[unit]
        diagnose(unit, scenario, run_scenario(scenario, mistakes_for(unit)[-1].reference_with_mistake()))
    assert time.perf_counter() - started < 2.0
