"""Fixtures of the hidden suites: `sub` (the submission, in a sandboxed worker), `rng` and `course_rng`.

A grading run (autograder.grading) leaves its GradingSettings in the config's
stash; run by hand, the options below say what to grade:

    python -m pytest autograder/hidden -c autograder/hidden/pytest.ini \
        --rootdir autograder/hidden --submission solutions --grading-seed 1 --course-seed 0
"""
import pytest

from autograder.grading.background_checks import BACKGROUND_KEY, generator_for_test
from autograder.grading.settings import DEFAULT_COURSE_SEED, SETTINGS_KEY, GradingSettings


def pytest_addoption(parser):
    group = parser.getgroup("kit grading")
    group.addoption("--submission", default=None, help="submission directory to grade")
    group.addoption("--grading-seed", type=int, default=0, help="the grading seed")
    group.addoption("--course-seed", type=int, default=DEFAULT_COURSE_SEED,
                    help="the course seed (the missions' splits and training seeds)")
    group.addoption("--call-timeout", type=float, default=10.0, help="seconds per call into the submission")


def pytest_sessionstart(session):
    settings(session.config)   # no submission to grade: a usage error now, not one per test


def settings(config):
    """The GradingSettings of this run: the grading run's, or built from the options."""
    if SETTINGS_KEY not in config.stash:
        config.stash[SETTINGS_KEY] = _settings_from_options(config)
    return config.stash[SETTINGS_KEY]


def _settings_from_options(config):
    directory = config.getoption("--submission")
    if directory is None:
        raise pytest.UsageError("the hidden suites grade a submission: pass --submission DIR")
    return GradingSettings(submission_dir=directory, seed=config.getoption("--grading-seed"),
                           course_seed=config.getoption("--course-seed"),
                           call_timeout=config.getoption("--call-timeout"))


@pytest.fixture(scope="module")
def _worker_submission(request):
    """One sandboxed worker per test module, so a module's troubles stay in that module."""
    submission = settings(request.config).start_submission()
    yield submission
    submission.close()


@pytest.fixture
def sub(request):
    """The submission under test (checks.submission.RemoteSubmission); a fresh worker after a death.

    A test run in the background (autograder/grading/background_checks.py) has a worker of its own:
    here it gets its job, whose `advice` the grading plugin reads.
    """
    background = request.config.stash.get(BACKGROUND_KEY, None)
    if background is not None and background.handles(request.node):
        return background.jobs[request.node.nodeid]
    submission = request.getfixturevalue("_worker_submission")
    submission.begin_check()
    return submission


@pytest.fixture
def rng(request):
    """A Generator from the grading seed and the test's own name only.

    Neither --only nor the order of the tests changes what a test draws.
    """
    return generator_for_test(settings(request.config).seed, request.node)


@pytest.fixture
def course_rng(request):
    """A Generator from the COURSE seed and the test's own name only (the missions' draws).

    The grading seed plays no part: every student of a course gets the same splits.
    """
    return generator_for_test(settings(request.config).course_seed, request.node)
