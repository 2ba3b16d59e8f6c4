"""Step 5: the GitHub Classroom workflow, one weighted grading step per unit.

Hidden tests never ship to students, so the workflow grades the *visible*
tests: for each unit, a `classroom-resources/autograding-command-grader@v1`
step runs `pytest exercises` restricted to that unit (the small plugin
`.github/classroom/classroom_units.py` adds `--unit`) and earns the unit's
`max-score` when they all pass. The points per unit are the hidden suites'
points (`release.unit_points`), so Classroom weighs units as the course's
grader does. `classroom-resources/autograding-grading-reporter@v1` then adds
the steps up and sends the total to Classroom.

With `release.hidden_grader` (a pip requirement of the kit from a private
repository) the workflow instead installs the kit and runs
`autograder grade exercises --format classroom`, one runner whose tests are
the hidden tests with their own points and partial credit.

Facts this file relies on (from the actions' sources):
- the command grader's inputs are `test-name`, `setup-command`, `command`,
  `timeout` (minutes) and `max-score`; it runs `command` in a shell with only
  PATH and HOME kept from the environment, scores `max-score` on exit code 0,
  else 0, and reads `max-score` with parseInt (whole points only);
- the reporter reads each runner's result from the env var
  `<RUNNER ID upper-cased>_RESULTS`; its `runners` input must be letters and
  digits separated by commas;
- Classroom only takes scores from a workflow named "Autograding Tests" whose
  single job is `run-autograding-tests`.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import resources

WORKFLOW_PATH = ".github/workflows/classroom.yml"
PLUGIN_FOLDER = ".github/classroom"
PLUGIN_MODULE = "classroom_units"
PYTHON_VERSION = "3.11"
COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"
TIMEOUT_MINUTES = 5
MISSION_TIMEOUT_MINUTES = 10  # the missions' visible tests train networks


def write_workflow(release):
    units = release.unit_points
    if not units:
        raise ValueError("no units with points: the classroom workflow would grade nothing")
    if release.hidden_grader:
        release.write_text(WORKFLOW_PATH, hidden_grader_workflow(release.hidden_grader, units, release.language,
                                                                 course_seed=release.course_seed))
        return
    release.write_text(f"{PLUGIN_FOLDER}/{PLUGIN_MODULE}.py",
                       resources.files(__package__).joinpath(f"templates/{PLUGIN_MODULE}.py").read_text("utf-8"))
    tested = visible_units(release.out)
    untested = [unit for unit in units if unit not in tested]
    if untested:
        raise ValueError(f"units with points but no visible test (they could never earn points): {untested}")
    release.write_text(WORKFLOW_PATH, workflow_text(units, release.language))


def visible_units(release_dir):
    """Units of the release's visible tests, as the workflow's own plugin collects them.

    Collected in a scratch copy, so that nothing (caches, bytecode) lands in the release.
    """
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, "release")
        shutil.copytree(release_dir, copy)
        listing = os.path.join(scratch, "units.txt")
        environment = dict(os.environ, PYTHONPATH=os.path.join(copy, PLUGIN_FOLDER),
                           PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")  # students have no third-party plugins
        completed = subprocess.run(
            [sys.executable, "-m", "pytest", "exercises", "--collect-only", "-q", "-p", "no:cacheprovider",
             "-p", PLUGIN_MODULE, "--list-units", listing],
            cwd=copy, env=environment, capture_output=True, text=True, timeout=300)
        if not os.path.exists(listing):
            raise RuntimeError(f"collecting the release's visible tests failed:\n{completed.stdout}{completed.stderr}")
        with open(listing, encoding="utf-8") as file:
            return [line.strip() for line in file if line.strip()]


def runner_id(unit, taken):
    """A step id made of letters and digits only (the reporter's rule), unique in `taken`."""
    base = re.sub(r"[^A-Za-z0-9]", "", unit).lower()
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{number}", number + 1
    taken.add(candidate)
    return candidate


def whole_points(unit, points):
    if float(points) != int(points):
        raise ValueError(f"{unit} is worth {points} points; GitHub Classroom's command grader "
                         "takes whole points only (it reads max-score with parseInt)")
    return int(points)


def unit_command(unit):
    return (f"PYTHONPATH={PLUGIN_FOLDER} python -m pytest exercises -q -p no:cacheprovider "
            f"-p {PLUGIN_MODULE} --unit {unit}")


def _header(comment_lines, language=None):
    """The workflow's start; `language` ('ja', 'en' or None) is set as KIT_LANG for every step."""
    return [
        *(f"# {line}" for line in comment_lines),
        "name: Autograding Tests",
        "on:",
        "  - push",
        "  - repository_dispatch",
        "  - workflow_dispatch",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        *(["    env:", f"      KIT_LANG: {json.dumps(language)}  # the course's language"] if language else []),
        "    steps:",
        "      - name: Checkout code",
        "        uses: actions/checkout@v4",
        "      - name: Set up Python",
        "        uses: actions/setup-python@v5",
        "        with:",
        f"          python-version: {json.dumps(PYTHON_VERSION)}",
    ]


def _reporter(runner_ids):
    lines = [
        "      - name: Autograding Reporter",
        f"        uses: {REPORTER}",
        "        env:",
    ]
    lines += [f"          {runner.upper()}_RESULTS: \"${{{{ steps.{runner}.outputs.result }}}}\""
              for runner in runner_ids]
    lines += [
        "        with:",
        f"          runners: {','.join(runner_ids)}",
    ]
    return lines


def workflow_text(unit_points, language=None):
    """The workflow YAML grading the visible tests, one step per unit of {unit: points}, in that order.
    language: the course's language for the tests' messages (KIT_LANG), or None."""
    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    taken = set()
    ids = {unit: runner_id(unit, taken) for unit in unit_points}
    total = sum(whole_points(unit, points) for unit, points in unit_points.items())
    lines = _header([
        "Generated by `autograder release`: one grading step per unit, weighted by the",
        "course's points (the hidden suites' markers). It runs the visible tests; see",
        "README.md, \"For instructors\", to grade with the hidden tests instead.",
        f"{len(unit_points)} units, {total} points.",
    ], language)
    lines += [
        "      - name: Install the exercises' requirements",
        "        run: python -m pip install -e .",
    ]
    for unit, points in unit_points.items():
        timeout = MISSION_TIMEOUT_MINUTES if "mission" in unit.split(".")[0] else TIMEOUT_MINUTES
        lines += [
            f"      - name: {q(unit)}",
            f"        id: {ids[unit]}",
            f"        uses: {COMMAND_GRADER}",
            "        with:",
            f"          test-name: {q(unit)}",
            f"          command: {q(unit_command(unit))}",
            f"          timeout: {timeout}",
            f"          max-score: {whole_points(unit, points)}",
        ]
    return "\n".join(lines + _reporter(list(ids.values()))) + "\n"


HIDDEN_RUNNER = "kit"


def hidden_grader_workflow(kit_requirement, unit_points, language=None, course_seed=0):
    """The workflow YAML grading with the kit's hidden tests, installed from `kit_requirement`.

    course_seed: the missions' splits and training seeds, the same for every student.
    """
    q = json.dumps
    total = sum(unit_points.values())
    lines = _header([
        "Generated by `autograder release --hidden-grader`: installs the course's grader",
        "(the kit, from a private repository) and grades with the hidden tests:",
        f"{len(unit_points)} units, {total:g} points, partial credit per test.",
        "The repository secret named in the requirement must be set for the organisation.",
    ], language)
    lines += [
        "      - name: Install the course's grader",
        f"        run: python -m pip install {q(kit_requirement)}",
        "      - name: Hidden tests",
        f"        id: {HIDDEN_RUNNER}",
        "        run: |",
        f'          autograder grade exercises --format classroom --course-seed {int(course_seed)} '
        '--out "$RUNNER_TEMP/classroom.json"',
        '          echo "result=$(base64 -w0 "$RUNNER_TEMP/classroom.json")" >> "$GITHUB_OUTPUT"',
    ]
    return "\n".join(lines + _reporter([HIDDEN_RUNNER])) + "\n"
