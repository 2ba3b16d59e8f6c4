"""The command every experiment shares: options, data, progress bar, summary and PNG.

An experiment module describes itself with an `Experiment` and calls
`main(experiment)`; this module does the rest:

    python -m exercises.experiments.<name> [--quick] [--dataset digits|mnist]
        [--solutions] [--out PATH.png] [--seed N] [--no-show] [--lang ja|en]

Exit codes: 0 done; 1 the code or the data cannot be loaded (the message says
why); 2 a unit the experiment needs is not implemented yet (one line says which).
"""
import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..translation import LANGUAGES, _, argparse_in_language, language_code, set_language, translated
from . import figures
from .datasets import DATASETS, DataUnavailable, load_dataset
from .progress import ProgressBar, silent_progress
from .submission import SubmissionNotFound, load_submission, missing_unit_message

EXIT_OK = 0
EXIT_UNAVAILABLE = 1
EXIT_NOT_IMPLEMENTED = 2
FIGURES_DIR = Path("figures")


@dataclass
class Option:
    """An option of one experiment, passed to its `run` by name: --<name> CHOICE."""
    name: str
    choices: tuple
    help: str

    @property
    def default(self):
        return self.choices[0]


@dataclass
class Experiment:
    """What the shared command needs to know about an experiment.

    run(submission, data, *, seed, progress, **size, **options) -> dict: the
        figure's data (`data` is None when uses_data is False).
    plot(result) -> matplotlib Figure; summarize(result) -> str.
    sizes: keyword arguments for `run` under 'default', 'quick' (--quick) and
        'check' (a run of a step or two, made first so that a missing unit is
        reported at once rather than after minutes of training).
    """
    name: str
    description: str
    run: Callable
    plot: Callable
    summarize: Callable
    sizes: dict
    uses_data: bool = True
    options: list = field(default_factory=list)


def _parser(experiment):
    parser = argparse.ArgumentParser(
        prog=f"python -m exercises.experiments.{experiment.name}",
        description=translated(experiment.description),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true",
                        help=_("a smaller run for a fast look (a few seconds)"))
    if experiment.uses_data:
        parser.add_argument("--dataset", choices=DATASETS, default=DATASETS[0],
                            help=_("the kit's 8x8 digits (default), or MNIST as in the book "
                                   "(downloaded once, about 11 MB, when not cached)"))
    parser.add_argument("--solutions", action="store_true",
                        help=_("run on the reference solutions/ instead of your exercises/ "
                               "(instructors)"))
    parser.add_argument("--out", type=Path, metavar="PATH.png",
                        help=_("where to write the figure (default: {path})").format(
                            path=f"{FIGURES_DIR}/{experiment.name}[_<options>].png"))
    parser.add_argument("--seed", type=int, default=0,
                        help=_("seed for the weights, minibatches and data split (default 0)"))
    parser.add_argument("--no-show", action="store_true",
                        help=_("only write the PNG, do not open a window"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=_("language of the output and the figure: ja or en "
                               "(default: $KIT_LANG, else the locale)"))
    for option in experiment.options:
        parser.add_argument(f"--{option.name}", choices=option.choices, default=option.default,
                            help=_("{help} (default {default})").format(help=translated(option.help),
                                                                       default=option.default))
    return parser


def _requested_language(argv):
    """--lang's value, read before the parser is built so that --help is in that language."""
    argv = sys.argv[1:] if argv is None else argv
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def _default_path(experiment, args):
    """figures/<name>.png, with each non-default choice appended: figures/batch_norm_book_mnist.png."""
    parts = [experiment.name]
    parts += [getattr(args, option.name) for option in experiment.options
              if getattr(args, option.name) != option.default]
    if experiment.uses_data and args.dataset != DATASETS[0]:
        parts.append(args.dataset)
    if args.quick:
        parts.append("quick")
    if args.solutions:
        parts.append("solutions")
    return FIGURES_DIR / ("_".join(parts) + ".png")


def main(experiment, argv=None):
    """Runs `experiment` as a command; returns the exit code."""
    requested = _requested_language(argv)
    if requested and language_code(requested):  # an unknown one is refused by the parser
        set_language(requested)
    with argparse_in_language():  # argparse's own "usage:", "options", "error: ..." too
        args = _parser(experiment).parse_args(argv)
    show = figures.choose_backend(not args.no_show)
    size = experiment.sizes["quick" if args.quick else "default"]
    options = {option.name: getattr(args, option.name) for option in experiment.options}
    progress = ProgressBar(experiment.name)
    submission = None
    started = time.perf_counter()
    try:
        submission = load_submission(args.solutions)
        data = load_dataset(submission, args.dataset, args.seed) if experiment.uses_data else None
        # A step or two first, quietly: a unit still missing is named at once.
        experiment.run(submission, data, seed=args.seed, progress=silent_progress(),
                       **experiment.sizes["check"], **options)
        result = experiment.run(submission, data, seed=args.seed, progress=progress,
                                **size, **options)
    except NotImplementedError as err:
        message = missing_unit_message(err, submission) if submission else None
        if not message:
            raise
        progress.close()
        print(message, file=sys.stderr)
        return EXIT_NOT_IMPLEMENTED
    except (SubmissionNotFound, DataUnavailable) as err:
        progress.close()
        print(err, file=sys.stderr)
        return EXIT_UNAVAILABLE
    progress.close()
    seconds = time.perf_counter() - started

    with figures.figure_language():
        figure = experiment.plot(result)
    path = figures.save_figure(figure, args.out or _default_path(experiment, args))
    print(experiment.summarize(result))
    print(_("Ran on {package}/ in {seconds:.1f} s. Figure: {path}").format(
        package=submission.package, seconds=seconds, path=path))
    figures.show_and_close(figure, show)
    return EXIT_OK
