"""When a unit fails inside a unit it calls, the feedback names the called unit first.

A network calls the student's layers, SoftmaxWithLoss calls the student's softmax and
cross_entropy_error. When a check of a unit fails, `names_failing_dependency` runs the own
checks of the units it uses (deepest first: functions before layers) and, if any of them
fails, puts first in the feedback:

    two_layer_net.TwoLayerNet failed because layers.SoftmaxWithLoss fails its own tests: fix that first.

The points are the failing test's: only the message changes. A unit of functions.py or util.py is
named only when the using module refers to it (the student's layers.py may not use their softmax).
"""
import functools

import numpy as np

from autograder.translation import _

from .feedback import CheckFailed

# unit -> the units its code calls (the book's structure: layers use functions, networks use layers).
USES = {
    "layers.Sigmoid": ("functions.sigmoid",),
    "layers.SoftmaxWithLoss": ("functions.softmax", "functions.cross_entropy_error"),
    "two_layer_net.TwoLayerNet": ("layers.Affine", "layers.Relu", "layers.SoftmaxWithLoss"),
    "layers.Convolution": ("util.im2col", "util.col2im"),
    "layers.Pooling": ("util.im2col", "util.col2im"),
    "simple_conv_net.SimpleConvNet": ("layers.Convolution", "layers.Relu", "layers.Pooling", "layers.Affine",
                                      "layers.SoftmaxWithLoss"),
    "multi_layer_net.MultiLayerNet": ("layers.Affine", "layers.Relu", "layers.Sigmoid", "layers.SoftmaxWithLoss",
                                      "layers.BatchNormalization", "layers.Dropout", "weight_init.he_init",
                                      "weight_init.xavier_init"),
}


def own_checks(unit):
    """The check functions that grade `unit` alone (undecorated), in the order of its hidden tests."""
    from . import convolution, functions, layers, util, weight_init

    table = {
        "functions.sigmoid": (functions.check_sigmoid_values,),
        "functions.softmax": (functions.check_softmax_rows, functions.check_softmax_large_inputs),
        "functions.cross_entropy_error": (functions.check_cross_entropy_values,),
        "layers.Affine": (layers.check_affine_forward, layers.check_affine_backward),
        "layers.Relu": (layers.check_relu_forward, layers.check_relu_backward),
        "layers.Sigmoid": (layers.check_sigmoid_forward, layers.check_sigmoid_backward),
        "layers.SoftmaxWithLoss": (layers.check_softmax_with_loss_forward, layers.check_softmax_with_loss_backward),
        "layers.BatchNormalization": (layers.check_batchnorm_forward, layers.check_batchnorm_backward),
        "layers.Dropout": (layers.check_dropout_forward, layers.check_dropout_backward),
        "util.im2col": (util.check_im2col,),
        "util.col2im": (util.check_col2im,),
        "layers.Convolution": (convolution.check_convolution_forward, convolution.check_convolution_backward),
        "layers.Pooling": (convolution.check_pooling_forward, convolution.check_pooling_backward),
        "weight_init.he_init": (weight_init.check_he_init_statistics,),
        "weight_init.xavier_init": (weight_init.check_xavier_init_statistics,),
    }
    return tuple(getattr(check, "__wrapped__", check) for check in table.get(unit, ()))


def used_units(unit):
    """Every unit `unit` uses, directly or not, deepest first (a unit after those it uses)."""
    order = []

    def visit(name):
        for used in USES.get(name, ()):
            if used not in order:
                visit(used)
                order.append(used)

    visit(unit)
    return order


def failing_dependencies(sub, rng, unit):
    """The units `unit` uses that fail one of their own checks, deepest first: [(unit, first line)].

    A used unit's verdict is kept on `sub` for the rest of the grading (one worker per test module):
    the network's next failing test does not run the layers' checks again.
    """
    verdicts = sub.__dict__.setdefault("own_check_verdicts", {})
    failing = []
    for used in used_units(unit):
        module, name = used.split(".", 1)
        users = {user.split(".")[0] for user in (unit, *used_units(unit)) if used in USES.get(user, ())}
        # Helper functions are named only when the using module refers to them (a student's
        # layers.py may compute softmax or im2col its own way).
        if module in ("functions", "util") and not any(_refers_to(sub, user, name) for user in users):
            continue
        if used not in verdicts:
            verdicts[used] = _first_failure(sub, rng, used)
        if verdicts[used] is not None:
            failing.append((used, verdicts[used]))
    return failing


def _first_failure(sub, rng, unit):
    """The first line of the first own check of `unit` that fails, or None."""
    for check in own_checks(unit):
        try:
            check(sub, np.random.default_rng(rng.integers(2**63)))
        except CheckFailed as failure:
            return (failure.message.strip().splitlines() or [""])[0]
        except Exception:  # noqa: BLE001 - a dependency's trouble never hides the unit's own failure
            return None
    return None


def explain(failure, unit, failing):
    """`failure` with the failing used units named first."""
    if not failing:
        return failure
    first, *others = failing
    lines = [_("{unit} failed because {first} fails its own tests: fix that first ({reason}).").format(
                 unit=unit, first=first[0], reason=first[1])]
    lines += [_("{unit} also fails its own tests ({reason}).").format(unit=used, reason=detail)
              for used, detail in others]
    failure.message = "\n".join(lines) + "\n" + failure.message
    failure.args = (failure.message,)
    return failure


def names_failing_dependency(unit):
    """Decorator for a check of `unit`: a failure names the failing units it uses first."""
    def decorate(check):
        @functools.wraps(check)
        def checked(sub, rng, *args, **kwargs):
            try:
                return check(sub, rng, *args, **kwargs)
            except CheckFailed as failure:
                if getattr(failure, "dependencies_named", False):
                    raise
                try:
                    failing = failing_dependencies(sub, rng, unit)
                except Exception:  # noqa: BLE001 - the unit's own failure is reported whatever happens here
                    failing = []
                failure.dependencies_named = True
                raise explain(failure, unit, failing) from None
        return checked
    return decorate


def _refers_to(sub, module, name):
    """Whether the student's `module` has `name` among its globals (imported or defined)."""
    try:
        return sub.has(sub.modules[module], name)
    except CheckFailed:
        return False
