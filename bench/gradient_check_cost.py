"""What the hidden suites' gradient check costs, against a per-entry numerical gradient, from 1e3 to 1e6
parameters; and how often it catches a planted backward bug at each size.

    python bench/gradient_check_cost.py                          # 1e3 .. 1e6 parameters, 20 trials
    python bench/gradient_check_cost.py --sizes 1e3 1e4 --trials 50
    python bench/gradient_check_cost.py --quick                  # smoke run at tiny sizes

BLAS runs one thread (OPENBLAS_NUM_THREADS=1 unless set), as in the grader's workers.
The networks are MultiLayerNet(D, [H, H], C) of the reference solutions with H chosen for
the parameter count (D = 100 inputs, C = 10 classes, a batch of N = 16, sigmoid, weight
decay; with batch norm for the BN bugs). Sigmoid, not ReLU: the hidden check keeps every
ReLU input 0.02 away from the kink, which no draw achieves with 10^4 hidden units.

Per size:
- check: autograder.checks.networks.expect_network_gradient, the helper the hidden test
  `test_multi_layer_net_gradient` calls (the student's gradient compared with the
  reference's at the same parameters, each array's relative error on its own scale or a
  floor, checks.backward), on the correct reference. Timed in-process (LocalSubmission: the check's own arithmetic)
  and through a sandboxed worker (RemoteSubmission: as graded, the arrays crossing the RPC).
- per-entry: the kit's own solutions.gradient.numerical_gradient over every entry of every
  parameter array (2 loss evaluations per entry). Measured in full up to --full-limit
  parameters; above, EXTRAPOLATED: it runs on --sample-entries entries spread over the
  arrays (views into the parameters, so each entry costs what it costs in the full run)
  and the time per entry is multiplied by the parameter count. Where both are possible
  (the small sizes) both are printed, which shows how good the extrapolation is.
- detection: each planted bug, --trials fresh draws (inputs, labels, parameters, weight
  decay): how many the check fails. False alarms: the same on the correct code.

The bugs: two of the mistake catalogue (no weight decay in gradient; BatchNormalization
backward without the variance and mean paths), and two planted here: dW1 scaled by 1.002
(twice the check's relative tolerance, along the gradient), and a loop off by one that
leaves dW1's last row and last column at 0 (a sparse error, whose share of the gradient
shrinks as the layer grows).
"""
import argparse
import datetime
import importlib
import importlib.machinery
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# One BLAS thread, as in the grader's workers, unless the caller says otherwise: with the
# library's default (a thread per core) on a shared machine, a loss evaluation at 1e5
# parameters took ~7 ms instead of ~0.3 ms, and erratically so. Set before NumPy loads.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
for entry in (REPO_ROOT, REPO_ROOT / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from machine import describe, load_text  # noqa: E402

from autograder.checks.feedback import CheckFailed  # noqa: E402
from autograder.checks.networks import expect_network_gradient, set_params  # noqa: E402
from autograder.checks.tolerances import GRADIENT_RTOL  # noqa: E402
from autograder.checks.reference import REFERENCE  # noqa: E402
from autograder.checks.submission import LocalSubmission  # noqa: E402
from autograder.mistakes import MISTAKES, Mistake  # noqa: E402

REFERENCE_DIR = REPO_ROOT / "solutions"
UNIT = "multi_layer_net.MultiLayerNet"
INPUTS, CLASSES, BATCH = 100, 10, 16
DECAYS = (0.05, 0.1)                # the hidden check's weight decay choices

# The MultiLayerNet.gradient of the reference with `{tail}` spliced in before `return grads`.
GRADIENT_TEMPLATE = """
def gradient(self, x, t):
    self.loss(x, t, train_flg=True)
    dout = self.last_layer.backward(1)
    for layer in reversed(self.layers):
        dout = layer.backward(dout)
    affine_layers = [layer for layer in self.layers if isinstance(layer, Affine)]
    batchnorm_layers = [layer for layer in self.layers if isinstance(layer, BatchNormalization)]
    grads = {{}}
    for i, layer in enumerate(affine_layers, start=1):
        grads["W" + str(i)] = layer.dW + self.weight_decay_lambda * layer.W
        grads["b" + str(i)] = layer.db
    for i, layer in enumerate(batchnorm_layers, start=1):
        grads["gamma" + str(i)] = layer.dgamma
        grads["beta" + str(i)] = layer.dbeta
{tail}
    return grads
"""


def planted(name, tail):
    return Mistake(name=name, unit=UNIT, target="multi_layer_net.MultiLayerNet.gradient",
                   hint="(planted by bench/gradient_check_cost.py)", source=GRADIENT_TEMPLATE.format(tail=tail))


def catalogued(name):
    return next(m for m in MISTAKES if m.name == name)


@dataclass(frozen=True)
class Bug:
    label: str
    mistake: Mistake
    batchnorm: bool


BUGS = (
    Bug("no weight decay in gradient (catalogue)",
        catalogued("MultiLayerNet.gradient without the weight decay term"), False),
    Bug("BN backward without dvar, dmean (catalogue)",
        catalogued("BatchNormalization backward without the variance and mean paths"), True),
    Bug("dW1 scaled by 1.002 (planted)",
        planted("dW1 scaled by 1.002", '    grads["W1"] = grads["W1"] * 1.002'), False),
    Bug("dW1 last row and column 0 (planted)",
        planted("dW1 last row and column left at 0",
                '    grads["W1"] = grads["W1"].copy()\n    grads["W1"][-1, :] = 0\n    grads["W1"][:, -1] = 0'),
        False),
)


# ---------------------------------------------------------------- networks

def parameter_count(hidden, batchnorm):
    count = INPUTS * hidden + hidden + hidden * hidden + hidden + hidden * CLASSES + CLASSES
    return count + (4 * hidden if batchnorm else 0)


def hidden_width(target, batchnorm):
    """The width H whose network has the parameter count closest to `target`."""
    widths = np.arange(1, 4000)
    counts = np.array([parameter_count(h, batchnorm) for h in widths])
    return int(widths[np.argmin(np.abs(counts - target))])


@dataclass
class Case:
    """One draw: the network's arguments, its parameter values, a batch."""

    hidden: int
    kwargs: dict
    values: dict
    x: np.ndarray
    t: np.ndarray

    def make(self, modules):
        return modules["multi_layer_net"].MultiLayerNet(INPUTS, [self.hidden, self.hidden], CLASSES, **self.kwargs)

    @property
    def name(self):
        return f"MultiLayerNet({INPUTS}, [{self.hidden}, {self.hidden}], {CLASSES}, {self.kwargs})"

    @property
    def parameters(self):
        return sum(v.size for v in self.values.values())


def draw_case(rng, hidden, batchnorm):
    """Inputs N(0, 1), one-hot labels, W ~ N(0, 1 / fan_in), small biases, gamma ~ U(0.6, 1.4)."""
    sizes = [INPUTS, hidden, hidden, CLASSES]
    values = {}
    for i in range(1, len(sizes)):
        values[f"W{i}"] = rng.normal(0.0, 1.0 / np.sqrt(sizes[i - 1]), size=(sizes[i - 1], sizes[i]))
        values[f"b{i}"] = rng.normal(0.0, 0.1, size=sizes[i])
        if batchnorm and i < len(sizes) - 1:
            values[f"gamma{i}"] = rng.uniform(0.6, 1.4, size=sizes[i])
            values[f"beta{i}"] = rng.normal(0.0, 0.1, size=sizes[i])
    kwargs = {"activation": "sigmoid", "weight_decay_lambda": float(rng.choice(DECAYS))}
    if batchnorm:
        kwargs["use_batchnorm"] = True
    labels = rng.integers(0, CLASSES, size=BATCH)
    return Case(hidden, kwargs, values, rng.normal(size=(BATCH, INPUTS)), np.eye(CLASSES)[labels])


def run_check(sub, rng, case):
    """The hidden suite's gradient check on `case`; (passed, seconds)."""
    started = time.perf_counter()
    try:
        expect_network_gradient(sub, rng, UNIT, case.name, case.make, case.values, case.x, case.t,
                                loss_kwargs={"train_flg": True})
        passed = True
    except CheckFailed:
        passed = False
    return passed, time.perf_counter() - started


# ---------------------------------------------------------------- per-entry numerical gradient

def per_entry_seconds(case, sample=None):
    """Seconds of solutions' numerical_gradient over every entry (sample None) or over ~`sample`
    entries spread over the arrays by size, extrapolated to every entry. (seconds, entries run)."""
    from solutions.gradient import numerical_gradient

    net = case.make(REFERENCE)
    set_params(net, case.values)
    params = net.params

    def loss(_):
        return net.loss(case.x, case.t, train_flg=True)

    total = case.parameters
    started = time.perf_counter()
    done = 0
    for value in params.values():
        flat = value.reshape(-1)            # a view: numerical_gradient changes the parameter itself
        count = flat.size if sample is None else max(1, round(sample * flat.size / total))
        numerical_gradient(loss, flat[:count])
        done += count
    seconds = time.perf_counter() - started
    return (seconds if sample is None else seconds / done * total), done


# ---------------------------------------------------------------- the submissions

def local_modules(mistake, scratch):
    """The reference with `mistake` written into a copy, imported as its own package; or the reference."""
    if mistake is None:
        return dict(REFERENCE)
    directory = Path(scratch) / f"bug_{abs(hash(mistake.name))}"
    shutil.copytree(REFERENCE_DIR, directory, ignore=shutil.ignore_patterns("__pycache__"))
    mistake.write_into(directory)
    package = f"gradient_check_cost_{directory.name}"
    spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
    spec.submodule_search_locations = [str(directory)]
    sys.modules[package] = importlib.util.module_from_spec(spec)
    return {name: importlib.import_module(f"{package}.{name}") for name in REFERENCE}


def worker_submission():
    from autograder.grading.settings import GradingSettings

    return GradingSettings(submission_dir=str(REFERENCE_DIR), seed=0).start_submission()


# ---------------------------------------------------------------- the run

def measure_size(target, args, scratch, bug_modules):
    hidden = hidden_width(target, batchnorm=False)
    rng = np.random.default_rng([int(target), 0])
    reference = LocalSubmission(dict(REFERENCE))
    timing_case = draw_case(rng, hidden, batchnorm=False)
    passed_local, _ = run_check(reference, rng, timing_case)          # warm-up (imports, caches)
    local = [run_check(reference, rng, timing_case)[1] for _ in range(args.repeats)]
    remote = None
    if args.worker:
        sub = worker_submission()
        try:
            sub.begin_check()
            run_check(sub, rng, timing_case)
            remote = []
            for _ in range(args.repeats):
                sub.begin_check()
                remote.append(run_check(sub, rng, timing_case)[1])
        finally:
            sub.close()
    full = per_entry_seconds(timing_case)[0] if timing_case.parameters <= args.full_limit else None
    sampled, sampled_entries = per_entry_seconds(timing_case, args.sample_entries)
    row = {"target": target, "hidden": hidden, "parameters": timing_case.parameters,
           "check": min(local), "worker": min(remote) if remote else None, "full": full,
           "extrapolated": sampled, "sampled": sampled_entries, "load": load_text()}

    false_alarms = 0
    for trial in range(args.trials):
        trial_rng = np.random.default_rng([int(target), 1, trial])
        case = draw_case(trial_rng, hidden, batchnorm=False)
        false_alarms += not run_check(reference, trial_rng, case)[0]
    row["false_alarms"] = false_alarms
    row["detected"] = {}
    for bug in BUGS:
        bug_hidden = hidden_width(target, bug.batchnorm)
        sub = LocalSubmission(bug_modules[bug.label])
        caught = 0
        for trial in range(args.trials):
            trial_rng = np.random.default_rng([int(target), 2, trial])
            caught += not run_check(sub, trial_rng, draw_case(trial_rng, bug_hidden, bug.batchnorm))[0]
        row["detected"][bug.label] = caught
    return row


def print_table(rows, args):
    print(f"\nTime of one gradient check on the correct reference (best of {args.repeats}), "
          f"against a per-entry numerical gradient:")
    print(f"{'params':>9} {'H':>5} {'check s':>9} {'via worker s':>12} {'per-entry s':>12} "
          f"{'how':<28} {'per-entry / check':>17}  load")
    for row in rows:
        if row["full"] is not None:
            per_entry, how = row["full"], "measured"
            if row["extrapolated"]:
                how += f" (from {row['sampled']}: {row['extrapolated']:.3g})"
        else:
            per_entry, how = row["extrapolated"], f"extrapolated from {row['sampled']} entries"
        worker = f"{row['worker']:.3f}" if row["worker"] is not None else "-"
        print(f"{row['parameters']:>9} {row['hidden']:>5} {row['check']:>9.3f} {worker:>12} {per_entry:>12.4g} "
              f"{how:<28} {per_entry / row['check']:>17.4g}  {row['load']}")
    print(f"\nDetection over {args.trials} trials per size (check failed / trials); the check: "
          f"the reference's gradient, relative tolerance {GRADIENT_RTOL:g} per parameter array:")
    labels = ["correct reference: false alarms"] + [bug.label for bug in BUGS]
    print(f"{'':<44}" + "".join(f"{row['parameters']:>11}" for row in rows))
    for label in labels:
        cells = [row["false_alarms"] if label.startswith("correct") else row["detected"][label] for row in rows]
        print(f"{label:<44}" + "".join(f"{f'{c}/{args.trials}':>11}" for c in cells))


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1e3, 1e4, 1e5, 1e6],
                        help="parameter counts (default 1e3 1e4 1e5 1e6)")
    parser.add_argument("--trials", type=int, default=20, help="draws per bug and size (20)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of the check, the best kept (3)")
    parser.add_argument("--full-limit", type=float, default=2e4,
                        help="measure the full per-entry gradient up to this many parameters (2e4)")
    parser.add_argument("--sample-entries", type=int, default=300,
                        help="entries timed for the extrapolated per-entry gradient (300)")
    parser.add_argument("--no-worker", dest="worker", action="store_false",
                        help="skip the timing through a sandboxed worker")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 300 and 1000, 2 trials")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.trials, args.repeats, args.sample_entries = [300, 1000], 2, 1, 30
    return args


def main(argv=None):
    args = parse_arguments(argv)
    print(f"Gradient-check cost, {datetime.date.today().isoformat()}: MultiLayerNet({INPUTS}, [H, H], "
          f"{CLASSES}), batch {BATCH}, sigmoid, weight decay {' or '.join(map(str, DECAYS))}")
    print(f"machine: {describe()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kit-gradcost-") as scratch:
        bug_modules = {bug.label: local_modules(bug.mistake, scratch) for bug in BUGS}
        for target in args.sizes:
            rows.append(measure_size(target, args, scratch, bug_modules))
            print(f"  size {rows[-1]['parameters']} done ({rows[-1]['load']})", file=sys.stderr, flush=True)
    print_table(rows, args)
    print(f"\nmachine at end: {load_text()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
