"""Named functions built inside the worker, for callables that must cross the boundary.

Functions cannot travel as plain data, so when a hidden test needs to hand the
student's code a callable (the `f` of `numerical_gradient(f, x)`), it asks the
worker to build one from this catalogue:

    f = worker.function("net_loss", net=net_ref, x=x, t=t)

Each entry is a small factory: keyword arguments in, a function of one
argument out. The arguments arrive already decoded, and RemoteRef arguments are
the worker's own objects, so closures see the very arrays the student's code
perturbs in place. To add an entry, write a factory and decorate it with
`@entry`. This module runs in the worker: it imports NumPy and its sibling
mission_probe.py only.
"""
import importlib.util
import os
import sys

import numpy as np

PROBE_MODULE = "_kit_sandbox_mission_probe"   # the name worker_main.py loads mission_probe.py under

CATALOGUE = {}


def entry(factory):
    """Register `factory` in the catalogue under its own name."""
    CATALOGUE[factory.__name__] = factory
    return factory


@entry
def sum_of_squares(target=None):
    """f(x) = sum(x ** 2), or sum(target ** 2) when `target` is given.

    With a target the argument is ignored (closure semantics): perturbing
    `target` in place is what changes the value.
    """
    def f(x):
        a = x if target is None else target
        return float(np.sum(np.asarray(a, dtype=float) ** 2))
    return f


@entry
def weighted_sum_of_sines(weights, target=None):
    """f(x) = sum(weights * sin(x)), or of `target` when given (argument ignored)."""
    weights = np.asarray(weights, dtype=float)

    def f(x):
        a = x if target is None else target
        return float(np.sum(weights * np.sin(a)))
    return f


@entry
def net_loss(net, x, t):
    """f(_) = net.loss(x, t): how a network's numerical gradient is checked."""
    def f(_):
        return net.loss(x, t)
    return f


@entry
def layer_loss(layer, x, weights, method="forward", **kwargs):
    """f(_) = sum(weights * layer.<method>(x, **kwargs)).

    Its numerical gradient with respect to `x` (or to a parameter the layer
    holds) is what `layer.backward(weights)` must return (or store).
    """
    weights = np.asarray(weights, dtype=float)

    def f(_):
        return float(np.sum(weights * getattr(layer, method)(x, **kwargs)))
    return f


@entry
def mission_run(train, network_classes, x_train, t_train, seed, x_test):
    """f(_) = mission_probe.run(...): one mission split, trained, predicted and watched (a dict of evidence)."""
    probe = _mission_probe()

    def f(_):
        return probe.run(train, list(network_classes), x_train, t_train, seed, x_test)
    return f


def _mission_probe():
    """mission_probe.py: loaded by worker_main.py before confinement, or here by path (in-process grading)."""
    module = sys.modules.get(PROBE_MODULE)
    if module is None:
        spec = importlib.util.spec_from_file_location(
            PROBE_MODULE, os.path.join(os.path.dirname(os.path.abspath(__file__)), "mission_probe.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[PROBE_MODULE] = module
    return module


def build(name, kwargs):
    """The function `name` built with `kwargs`; KeyError names the known entries."""
    if name not in CATALOGUE:
        raise KeyError(f"no catalogue function {name!r}; known: {', '.join(sorted(CATALOGUE))}")
    return CATALOGUE[name](**kwargs)
