"""Step 6: bundle.json, what the run-time side reads: the seed policy and what the bundle was built with.

    {"kit_version": "0.1.0", "seed": null, "course_seed": 0, "visibility": "visible", "late_policy": null,
     "language": "ja", "built_at": "...", "built_with": {"python": ..., "numpy": ...}}

`seed` null: each submission is graded with a seed taken from its Gradescope
submission id, so a regrade on Gradescope reproduces every input; an integer:
every submission is graded with that seed. `course_seed`: the missions' splits
and training seeds, the same for every submission (so the same honest mission
code gets the same score whatever the submission id). `visibility`: Gradescope's, for
the results and each test. `late_policy`: a late_work.LatePolicy as a dict,
applied to the submission's `created_at` (null: no penalty). `language`: the
course's language of the feedback ("ja", "en"; null: the machine's KIT_LANG or locale).
"""
import json
import platform
from datetime import datetime, timezone

SETTINGS_FILE = "bundle.json"


def write_settings(bundle):
    import numpy

    from autograder.grading import kit_version

    settings = {
        "kit_version": kit_version(),
        "seed": bundle.seed,
        "course_seed": bundle.course_seed,
        "visibility": bundle.visibility,
        "late_policy": bundle.late_policy.to_dict() if bundle.late_policy else None,
        "language": bundle.language,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "built_with": {"python": platform.python_version(), "numpy": numpy.__version__},
    }
    bundle.write_text(SETTINGS_FILE, json.dumps(settings, indent=2) + "\n")


def read_settings(source_dir):
    """bundle.json of the bundle unpacked at `source_dir`, {} when missing or unreadable."""
    try:
        with open(source_dir / SETTINGS_FILE, encoding="utf-8") as file:
            settings = json.load(file)
    except (OSError, ValueError):
        return {}
    return settings if isinstance(settings, dict) else {}
