"""One mission run watched from inside the worker: train, predict, and the evidence of who did the work.

The missions are graded on the student's own network (TwoLayerNet, MultiLayerNet,
SimpleConvNet): `train` must build and train it, and `predict` must compute its
scores through it. Whether that happened can only be seen where the student's
code runs, so `run` does the whole mission call here and returns plain data:

1. the network classes get thin wrappers around `__init__` (each instance built
   is recorded with a copy of its initial parameters), `predict` (its calls and
   outputs are recorded) and `gradient` / `numerical_gradient` / `loss`
   (counted: the training API was used);
2. `train(x_train, t_train, seed=seed)` and then `model.predict(x_test)` run,
   both timed by the wall clock (and the process CPU time, every thread
   included); threads or child processes still alive afterwards are counted;
3. the ablation: every parameter array of the networks `predict` used is set to
   zero in place (the contract's layers keep references to `params`), predict
   runs again, and the parameters are restored. A network doing the work then
   gives constant scores, so the accuracy falls to one class's share; scores
   from anything else (a lookup table, nearest neighbours, a closed-form fit)
   survive it.

The grader (autograder/checks/missions.py) turns the evidence into the verdict:
only it holds the test labels. Runs in the worker: standard library and NumPy only.
"""
import gc
import os
import threading
import time

import numpy as np

TRAINING_METHODS = ("gradient", "numerical_gradient", "loss")
THREAD_GRACE_SECONDS = 0.3   # time given to threads that are just finishing before they are counted


class NetworkWatch:
    """Wrappers on the network classes, recording what happens to their instances, by phase.

    classes: the submission's network classes (subclasses built by the student
    go through their parents' wrapped methods when they call them).
    """

    def __init__(self, classes):
        self.classes = tuple(c for c in classes if isinstance(c, type))
        self.phase = "before"
        self.built = {}            # id -> (instance, phase, initial params)
        self.calls = []            # (phase, instance, output copy) of outermost predict calls
        self.training_calls = 0    # gradient / numerical_gradient / loss calls during train
        self._depth = 0
        self._saved = []

    def install(self):
        for cls in self.classes:
            for name, make in (("__init__", self._init_wrapper), ("predict", self._predict_wrapper),
                               *((m, self._training_wrapper) for m in TRAINING_METHODS)):
                original = cls.__dict__.get(name)
                if callable(original):
                    self._saved.append((cls, name, original))
                    setattr(cls, name, make(original))

    def remove(self):
        for cls, name, original in reversed(self._saved):
            try:
                setattr(cls, name, original)
            except Exception:
                pass
        self._saved = []

    def _init_wrapper(self, original):
        watch = self

        def __init__(self, *args, **kwargs):
            original(self, *args, **kwargs)
            if id(self) not in watch.built:
                watch.built[id(self)] = (self, watch.phase, params_copy(self))
        return __init__

    def _predict_wrapper(self, original):
        watch = self

        def predict(self, *args, **kwargs):
            watch._depth += 1
            try:
                out = original(self, *args, **kwargs)
            finally:
                watch._depth -= 1
            if watch._depth == 0 and watch.phase in ("predict", "ablation"):
                try:
                    copy = np.array(out, dtype=float)
                except Exception:
                    copy = None
                watch.calls.append((watch.phase, self, copy))
            return out
        return predict

    def _training_wrapper(self, original):
        watch = self

        def method(self, *args, **kwargs):
            if watch.phase == "train":
                watch.training_calls += 1
            return original(self, *args, **kwargs)
        method.__name__ = original.__name__
        return method

    def instances(self):
        """Every live instance of the watched classes (found through the garbage collector)."""
        return [o for o in gc.get_objects() if isinstance(o, self.classes)]

    def used(self, phase):
        """The distinct instances whose predict ran in `phase`, in order of first use."""
        seen, used = set(), []
        for call_phase, net, _ in self.calls:
            if call_phase == phase and id(net) not in seen:
                seen.add(id(net))
                used.append(net)
        return used

    def outputs(self, phase):
        return [out for call_phase, _, out in self.calls if call_phase == phase]


def params_copy(net):
    """{key: copy} of the network's parameter arrays (the contract's `params` dict)."""
    params = getattr(net, "params", None)
    if not isinstance(params, dict):
        return {}
    return {k: np.array(v, copy=True) for k, v in params.items() if isinstance(v, np.ndarray)}


def params_equal(a, b):
    return a.keys() == b.keys() and all(a[k].shape == b[k].shape and np.array_equal(a[k], b[k]) for k in a)


def thread_count():
    """Threads of this process: the kernel's count when there is one, else Python's."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def child_count():
    """Child processes of this process (Linux), 0 where that cannot be read."""
    total = 0
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children") as handle:
                total += len(handle.read().split())
    except OSError:
        return 0
    return total


def python_threads():
    """Idents of the Python threads alive now."""
    return {t.ident for t in threading.enumerate() if t.is_alive()}


def left_running(threads_before, children_before, python_before=frozenset()):
    """(threads, child processes) started and still alive.

    A Python thread started since `python_before` and alive now counts at once
    (work it does after the call returns would escape the timing); other threads
    of the process and child processes get a short grace to finish.
    """
    started = len(python_threads() - set(python_before))
    if started:
        return started, max(child_count() - children_before, 0)
    deadline = time.perf_counter() + THREAD_GRACE_SECONDS
    while True:
        extra = (max(thread_count() - threads_before, 0), max(child_count() - children_before, 0))
        if extra == (0, 0) or time.perf_counter() > deadline:
            return extra
        time.sleep(0.02)


def as_scores(value):
    """(float array, None) or (None, what the value was)."""
    try:
        scores = np.array(value, dtype=float)
    except Exception:
        return None, type(value).__name__
    return scores, None


def explained_rows(scores, outputs):
    """Per row of `scores` (N, C): does its top class equal the top class of a network output for that row?

    The network's outputs are cut into passes of N rows (its calls taken in
    order, a pass closed whenever the rows add up to N), so batched calls and
    several networks (an ensemble) are understood; rows with no pass are False.
    """
    n = scores.shape[0]
    explained = np.zeros(n, dtype=bool)
    chosen = np.argmax(scores, axis=1)
    pending, rows = [], 0
    for out in outputs:
        if out is None or out.ndim != 2 or out.shape[1] != scores.shape[1]:
            pending, rows = [], 0
            continue
        if rows + out.shape[0] > n:
            pending, rows = [], 0
        pending.append(out)
        rows += out.shape[0]
        if rows == n:
            full = np.concatenate(pending)
            best = full.max(axis=1, keepdims=True)
            top = full >= best - 1e-9 * np.maximum(np.abs(best), 1.0)   # ties: any top class counts
            explained |= top[np.arange(n), chosen]
            pending, rows = [], 0
    return explained


def run(train, network_classes, x_train, t_train, seed, x_test):
    """Train, predict and ablate once; return the evidence as a dict of plain data.

    train: the submission's train function; network_classes: the classes whose
    instances must do the work, or (module, class name) pairs naming them;
    x_train (N, ...), t_train (N,), x_test (M, ...).
    Keys: problem (None, or the type name of what train() returned when it is no
    model), train_seconds, predict_seconds, cpu_seconds,
    threads_left, children_left, stage ("train" or "predict": where something was
    left running), scores (M, C), networks_built, networks_used, used_not_built
    (used networks that existed before train() was called),
    built_in_predict, changed_in_predict, untrained, training_calls, explained
    (M,) bools, network_calls, ablation_calls, ablated_scores, ablation_returned
    (the type name of a non-array), ablation_raised ("Type: message").
    """
    watch = NetworkWatch([_resolve(c) for c in network_classes])
    evidence = {"problem": None, "threads_left": 0, "children_left": 0, "stage": None}
    threads, children, python_before = thread_count(), child_count(), python_threads()
    kept = watch.instances()         # held, so that their ids stay theirs
    before_train = {id(o) for o in kept}
    watch.install()
    try:
        watch.phase = "train"
        cpu_started, started = time.process_time(), time.perf_counter()
        model = train(x_train, t_train, seed=seed)
        evidence["train_seconds"] = time.perf_counter() - started
        watch.phase = "between"
        evidence["threads_left"], evidence["children_left"] = left_running(threads, children, python_before)
        if evidence["threads_left"] or evidence["children_left"]:
            evidence["stage"] = "train"
            return evidence
        predict = getattr(model, "predict", None)
        if model is None or not callable(predict):
            evidence["problem"] = type(model).__name__     # train() returned no model
            return evidence
        after_train = watch.instances()
        params_after_train = {id(o): params_copy(o) for o in after_train}

        watch.phase = "predict"
        started = time.perf_counter()
        raw = predict(x_test)
        evidence["predict_seconds"] = time.perf_counter() - started
        evidence["cpu_seconds"] = time.process_time() - cpu_started
        watch.phase = "between"
        evidence["threads_left"], evidence["children_left"] = left_running(threads, children, python_before)
        if evidence["threads_left"] or evidence["children_left"]:
            evidence["stage"] = "predict"
            return evidence
        scores, kind = as_scores(raw)
        if scores is None or scores.ndim != 2 or scores.shape[0] != len(x_test):
            evidence["scores"] = scores if scores is not None else kind
            return evidence
        evidence["scores"] = scores

        used = watch.used("predict")
        existed = {id(o) for o in after_train}
        built_in_train = {key for key, (_, phase, _) in watch.built.items() if phase == "train"}
        evidence["networks_built"] = len(built_in_train)
        evidence["networks_used"] = len(used)
        evidence["built_in_predict"] = sum(1 for o in used if id(o) not in existed)
        evidence["used_not_built"] = sum(1 for o in used if id(o) in before_train)
        evidence["changed_in_predict"] = sum(
            1 for o in used if id(o) in params_after_train and not params_equal(params_after_train[id(o)],
                                                                                 params_copy(o)))
        evidence["untrained"] = sum(1 for o in used if id(o) in built_in_train
                                    and params_equal(watch.built[id(o)][2], params_copy(o)))
        evidence["training_calls"] = watch.training_calls
        outputs = watch.outputs("predict")
        evidence["network_calls"] = len(outputs)
        evidence["explained"] = explained_rows(scores, outputs) if scores.shape[1] else np.zeros(0, bool)
        evidence.update(ablate(predict, used, x_test, watch))
        return evidence
    finally:
        watch.phase = "after"
        watch.remove()


def ablate(predict, networks, x_test, watch):
    """predict(x_test) again with every parameter of `networks` set to zero (restored afterwards)."""
    saved = [(array, array.copy()) for net in networks for array in _param_arrays(net)]
    result = {"ablation_calls": 0, "ablated_scores": None, "ablation_returned": None, "ablation_raised": None}
    if not networks:
        return result
    try:
        for array, _ in saved:
            array[...] = 0
        watch.phase = "ablation"
        raw = predict(x_test)
        watch.phase = "between"
        scores, kind = as_scores(raw)
        if scores is None:
            result["ablation_returned"] = kind
        else:
            result["ablated_scores"] = scores
    except Exception as error:      # the student's code: reported, never raised from here
        result["ablation_raised"] = f"{type(error).__name__}: {error}"[:300]
    finally:
        watch.phase = "between"
        for array, copy in saved:
            array[...] = copy
    result["ablation_calls"] = len(watch.outputs("ablation"))
    return result


def _resolve(spec):
    """A class, from a class or a (module, class name) pair; None when the module lacks it."""
    if isinstance(spec, (tuple, list)) and len(spec) == 2:
        try:
            return getattr(spec[0], spec[1], None)
        except Exception:
            return None
    return spec


def _param_arrays(net):
    params = getattr(net, "params", None)
    if not isinstance(params, dict):
        return []
    return [v for v in params.values() if isinstance(v, np.ndarray) and v.flags.writeable]
