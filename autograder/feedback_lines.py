"""The feedback lines the reports recognise, in English or in the language they were written in.

The checks write these lines (checks/submission.py, checks/feedback.py, sandbox/client.py) in the
chosen language; the terminal report (reports/text.py) and the class report (batch/class_report.py)
read them back, whichever of the kit's languages a run was graded in.
"""
import functools

from autograder.translation import N_, MessagePattern, chosen_language

#: What a check calls the import of a module: "importing functions.py".
IMPORTING = N_("importing {module}")
#: An exception the student's code raised (checks/feedback.py writes it).
RAISED = N_("{what} raised {error}: {message}")
#: A module the submission lacks (checks/submission.py writes it).
MISSING_MODULE = N_("{module}.py is missing: the submission has no file {module}.py. Hand it in beside your "
                    "other modules (start from exercises/{module}.py).")

_MODULE = r"[\w.]+\.py"


def _per_language(build):
    """`build()` made once per language (the patterns hold the translation chosen when made)."""
    cached = functools.lru_cache(maxsize=None)(lambda language: build())
    return functools.wraps(build)(lambda: cached(chosen_language()))


@_per_language
def importing_pattern():
    """Matches a line that starts with the import of a module: group "module" ("functions.py")."""
    return MessagePattern.of(lambda tr: tr(IMPORTING), module=_MODULE, prefix="^", suffix="(?:: |$)")


@_per_language
def import_failure_pattern():
    """Matches "importing layers.py raised SyntaxError: ...": groups "module" ("layers.py"), "error"."""
    return MessagePattern.of(lambda tr: tr(RAISED).format(what=tr(IMPORTING), error="{error}", message="{message}"),
                             prefix="^", module=_MODULE, error=r"\w+")


@_per_language
def missing_module_pattern():
    """Matches the feedback of a module not handed in: group "module" ("layers")."""
    return MessagePattern.of(lambda tr: tr(MISSING_MODULE), prefix="^", module=r"\w+")
