"""The worker's request loop: one request in, one reply out, student code in between.

A Session holds the objects the grader has handles to (by integer id), runs
each request with the student's output captured, warnings recorded and every
exception turned into a reply, and after a call reports how the call changed
its plain-data arguments so the grader can mirror that on its own copies.

Runs in the worker and imports only the standard library and NumPy; wire.py
and catalogue.py are handed in by worker_main.py.
"""
import builtins
import ctypes
import errno
import importlib
import os
import sys
import time
import traceback
import types
import warnings

import numpy as np

# Bound now: student code may replace builtins (builtins.len = ...) in the worker.
from builtins import (any, callable, dict, enumerate, getattr, hasattr, id, isinstance,  # noqa: E402,A004
                      len, list, min, repr, setattr, str, tuple, type)

MESSAGE_CHARS = 2000
TRACEBACK_CHARS = 4000
MAX_WARNINGS = 20


class ProtocolError(Exception):
    """A request the worker cannot make sense of (a bug on the grader side)."""


class Session:
    def __init__(self, rpc, capture_fd, config, wire, catalogue, worker_files):
        self.rpc, self.capture_fd = rpc, capture_fd
        self.wire, self.catalogue = wire, catalogue
        self.scratch = config["scratch"]
        self.output_chars = config["output_chars"]
        self.max_bytes = config["max_message_bytes"]
        self.scratch_mb = config["limits"]["scratch_mb"]
        self.file_size_mb = config["limits"]["file_size_mb"]
        self.worker_files = tuple(worker_files)
        self.objects, self.next_id = {}, 1
        self._libc = ctypes.CDLL(None)
        self._from_refs = set()
        # Student code may rebind builtins (builtins.len = ...). Its changes are
        # in force while its code runs and put aside in between, so the
        # worker's own code (and the stdlib it uses) keeps working.
        self._pristine_builtins = dict(vars(builtins))
        self._student_builtins = dict(self._pristine_builtins)

    # ------------------------------------------------------------ loop

    def serve(self):
        while True:
            try:
                message = self.wire.recv_blocking(self.rpc, self.max_bytes)
            except (EOFError, OSError, self.wire.WireError):
                os._exit(0)           # the grader went away or broke the stream
            try:
                reply, leave = self.respond(message)
                body = self.wire.dumps(reply)
            except MemoryError:
                reply, leave = {"err": {"type": "ResultTooLarge", "traceback": "",
                                        "message": self.wire.OUT_OF_WORKER_MEMORY}}, False
                body = self.wire.dumps(reply)
            except BaseException as error:     # the submission broke Python under our feet
                reply, leave = {"err": {"type": "SandboxError", "traceback": _format_own(error),
                                        "message": self.wire.PYTHON_CHANGED.format(
                                            error=repr(error))[:MESSAGE_CHARS]}}, False
                body = self.wire.dumps(reply)
            if len(body) > self.max_bytes:
                body = self.wire.dumps({"err": {"type": "ResultTooLarge", "traceback": "",
                                                "message": self.wire.too_large_message(len(body), self.max_bytes)},
                                        "t": reply.get("t", 0.0), "out": reply.get("out", ""), "warn": []})
            self.rpc.sendall(body)
            if leave:
                os._exit(0)

    def respond(self, message):
        """(reply dict, whether the worker must exit after sending it)."""
        for handle_id in message.get("release", ()):
            self.objects.pop(handle_id, None)
        op = message.get("op")
        handler = getattr(self, f"op_{op}", None) if isinstance(op, str) else None
        leave = op == "exit"
        start = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _swap_namespace(vars(builtins), self._student_builtins)
            try:
                if handler is None:
                    raise ProtocolError(f"unknown operation {op!r}")
                reply, failure = handler(message), None
            except BaseException as error:     # student code may raise anything at all
                reply, failure = None, error
            finally:
                self._from_refs.clear()
                self._student_builtins = dict(vars(builtins))
                _swap_namespace(vars(builtins), self._pristine_builtins)
        if isinstance(failure, SystemExit):
            code = "sys.exit()" if failure.code is None else f"sys.exit({_short_repr(failure.code)})"
            reply, leave = {"died": {"kind": "exit", "call": code}}, True
        elif isinstance(failure, MemoryError):
            reply, leave = {"died": {"kind": "memory"}}, True
        elif failure is not None:
            reply = {"err": self.describe(failure)}
        reply["t"] = time.perf_counter() - start
        reply["out"] = self.collect_output()
        reply["warn"] = [f"{w.category.__name__}: {w.message}" for w in caught[:MAX_WARNINGS]]
        return reply, leave

    # ------------------------------------------------------------ operations

    def op_import(self, message):
        name = message.get("name")
        if not (isinstance(name, str) and name and all(p.isidentifier() for p in name.split("."))):
            raise ProtocolError(f"bad module name {name!r}")
        top = name.split(".")[0]
        if not (os.path.isfile(os.path.join(self.scratch, f"{top}.py"))
                or os.path.isdir(os.path.join(self.scratch, top))):
            raise ModuleNotFoundError(f"No module named '{name}': the submission has no file {top}.py")
        module = importlib.import_module(f"submission.{name}")
        hand_arrays_between_modules(sys.modules)
        return {"ok": self.new_handle(module)}

    def op_call(self, message):
        function = self.resolve(message.get("target"))
        args = self.decode(message.get("args"))
        kwargs = self.decode(message.get("kwargs"))
        if type(args) is not list or type(kwargs) is not dict or not all(type(k) is str for k in kwargs):
            raise ProtocolError("bad call arguments")
        before = {i: self.snapshot(a) for i, a in enumerate(args)}
        before.update((k, self.snapshot(v)) for k, v in kwargs.items())
        result = function(*args, **kwargs)
        reply = {"ok": self.encode_result(result)}
        mirror = [[key, change] for key, snap in before.items()
                  if snap is not None and (change := self.delta(snap)) is not None]
        if mirror:
            reply["mirror"] = mirror
        return reply

    def op_fetch(self, message):
        value = self.resolve(message.get("target"))
        try:
            return {"ok": self.wire.encode(value, max_bytes=self.max_bytes)}
        except self.wire.NotPlainData as error:
            raise self.wire.NotPlainData(f"{_label(value)} is not plain data ({error})") from None

    def op_pin(self, message):
        return {"ok": self.new_handle(self.resolve(message.get("target")))}

    def op_set(self, message):
        target = self.resolve(message.get("target"))
        value = self.decode(message.get("value"))
        if message.get("kind") == "attr" and isinstance(message.get("name"), str):
            setattr(target, message["name"], value)
        elif message.get("kind") == "item":
            target[self.decode(message.get("key"))] = value
        elif message.get("kind") == "each_in_place" and type(value) is dict:
            for key, array in value.items():      # target[key][...] = array, arrays keep their identity
                target[key][...] = array
        else:
            raise ProtocolError("bad set request")
        return {"ok": None}

    def op_put(self, message):
        return {"ok": self.new_handle(self.decode(message.get("value")))}

    def op_function(self, message):
        kwargs = self.decode(message.get("kwargs"))
        if type(kwargs) is not dict or not isinstance(message.get("name"), str):
            raise ProtocolError("bad function request")
        return {"ok": self.new_handle(self.catalogue.build(message["name"], kwargs))}

    def op_inspect(self, message):
        obj = self.resolve(message.get("target"))
        what, arg = message.get("what"), message.get("arg")
        if what == "type_name":
            return {"ok": type(obj).__name__}
        if what == "isinstance_name":
            return {"ok": any(c.__name__ == arg for c in type(obj).__mro__)}
        if what == "hasattr":
            return {"ok": hasattr(obj, str(arg))}
        if what == "len":
            return {"ok": len(obj)}
        if what == "callable":
            return {"ok": callable(obj)}
        if what == "is_same":
            return {"ok": obj is self.resolve(arg)}
        raise ProtocolError(f"unknown inspection {what!r}")

    def op_exit(self, message):
        return {"ok": None}

    # ------------------------------------------------------------ values and handles

    def new_handle(self, obj):
        handle_id, self.next_id = self.next_id, self.next_id + 1
        self.objects[handle_id] = obj
        return {"$handle": [handle_id, _label(obj)]}

    def encode_result(self, value):
        """Plain data decoded on the other side; anything else becomes a handle."""
        return self.wire.encode(value, leaf=self.new_handle, max_bytes=self.max_bytes)

    def resolve(self, spec):
        """[root id, path] -> the object; the path steps are ["a", name] or ["i", key]."""
        if not (type(spec) is list and len(spec) == 2 and type(spec[1]) is list):
            raise ProtocolError("bad reference")
        root, path = spec
        if root not in self.objects:
            raise ProtocolError(f"unknown or released handle {root!r}")
        obj = self.objects[root]
        for step in path:
            if not (type(step) is list and len(step) == 2):
                raise ProtocolError("bad reference step")
            kind, key = step
            if kind == "a" and isinstance(key, str):
                obj = getattr(obj, key)
            elif kind == "i":
                obj = obj[self.decode(key)]
            else:
                raise ProtocolError("bad reference step")
        return obj

    def decode(self, data):
        def ref(tag, payload):
            if tag != "$ref":
                raise self.wire.WireError("the grader sent a handle tag")
            obj = self.resolve(payload)
            self._from_refs.add(id(obj))
            return obj
        return self.wire.decode(data, ref, self.max_bytes)

    # ------------------------------------------------------------ argument mirroring

    def snapshot(self, value):
        """What a plain-data argument looked like before the call (None: nothing to mirror)."""
        if id(value) in self._from_refs:
            return None               # the worker's own object: nothing to copy back
        if type(value) is np.ndarray:
            return ("nd", value, value.tobytes(), value.shape, value.dtype)
        if type(value) is dict:
            return ("dict", value, {k: (v, self.snapshot(v)) for k, v in value.items()})
        if type(value) is list:
            return ("list", value, [(v, self.snapshot(v)) for v in value])
        if type(value) is tuple:
            return ("tuple", value, [self.snapshot(v) for v in value])
        return None

    def delta(self, snap):
        """How the argument changed: in place (copy back) or rebound items (set on the caller's side)."""
        kind, obj = snap[0], snap[1]
        if kind == "nd":
            _, _, data, shape, dtype = snap
            if obj.shape == shape and obj.dtype == dtype and obj.tobytes() != data:
                return ["copy", self.wire.encode_array(obj, self.max_bytes)]
            return None
        if kind == "tuple":
            changes = [["in", i, d] for i, s in enumerate(snap[2])
                       if s is not None and (d := self.delta(s)) is not None]
            return ["items", changes] if changes else None
        items, changes = snap[2], []
        if kind == "list":        # compare the common prefix item by item, then the length
            if len(obj) > len(items):
                changes.append(["extend", None, self.encode_result(list(obj[len(items):]))])
            elif len(obj) < len(items):
                changes.append(["truncate", len(obj)])
            items = dict(enumerate(items[:len(obj)]))
        for key, (old, sub) in items.items():
            if kind == "dict" and key not in obj:
                changes.append(["del", key])
            elif obj[key] is not old:
                changes.append(["set", key, self.encode_result(obj[key])])
            elif sub is not None and (d := self.delta(sub)) is not None:
                changes.append(["in", key, d])
        if kind == "dict":
            changes += [["set", k, self.encode_result(v)] for k, v in obj.items()
                        if k not in items and type(k) in (str, int)]
        return ["items", changes] if changes else None

    # ------------------------------------------------------------ output and errors

    def collect_output(self):
        """Everything printed since the last request, truncated; the capture file is emptied."""
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except Exception:
                pass
        self._libc.fflush(None)
        size = os.fstat(self.capture_fd).st_size
        if not size:
            return ""
        data = os.pread(self.capture_fd, min(size, 4 * self.output_chars + 4), 0)
        os.ftruncate(self.capture_fd, 0)
        text = data.decode("utf-8", "replace")
        if len(text) > self.output_chars or size > len(data):
            text = text[:self.output_chars] + f"\n[... output truncated: {size} bytes in total]"
        return text

    def describe(self, error):
        """type name, message and a short traceback with the worker's own frames left out."""
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if not (f.filename.startswith(self.worker_files) or f.filename.startswith("<frozen"))]
        text = "".join(["Traceback (most recent call last):\n"] + traceback.format_list(frames)
                       + traceback.format_exception_only(type(error), error))
        try:
            message = str(error)
        except Exception:
            message = "<the exception's str() failed>"
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            message += self.wire.DISK_FULL_NOTE.format(megabytes=self.scratch_mb)
        elif isinstance(error, OSError) and error.errno == errno.EFBIG:
            message += self.wire.FILE_TOO_LARGE_NOTE.format(megabytes=self.file_size_mb)
        return {"type": type(error).__name__,
                "message": self.relative(message)[:MESSAGE_CHARS],
                "traceback": _tail(self.relative(text), TRACEBACK_CHARS)}

    def relative(self, text):
        return text.replace(self.scratch.rstrip("/") + "/", "")


# The contract's functions that return an array, by name -> their module: only these are handed on
# (a learner's own helper returning a list of sizes must stay a list).
ARRAY_FUNCTIONS = {
    "step_function": "submission.functions", "sigmoid": "submission.functions",
    "relu": "submission.functions", "softmax": "submission.functions",
    "numerical_gradient": "submission.gradient",
    "he_init": "submission.weight_init", "xavier_init": "submission.weight_init",
}


def hand_arrays_between_modules(modules):
    """Let one submission module's list-returning function hand arrays to the others.

    A contract function (ARRAY_FUNCTIONS: functions.softmax, ...) that returns a list
    where the contract wants an array loses its own points, in its own checks, which call it
    directly. The modules that imported it (layers.py's `from functions import softmax`)
    get it wrapped here so that the list reaches them as np.asarray(list): a unit loses
    points only for its own faults. Each imported function is wrapped once.
    """
    for module_name, module in list(modules.items()):
        if not (module_name.startswith("submission.") and isinstance(module, types.ModuleType)):
            continue
        namespace = vars(module)
        for name, value in list(namespace.items()):
            owner = getattr(value, "__module__", None)
            if (isinstance(value, types.FunctionType) and owner != module_name
                    and ARRAY_FUNCTIONS.get(getattr(value, "__name__", None)) == owner):
                namespace[name] = _returning_arrays(value)


def _returning_arrays(function):
    if getattr(function, "__kit_returns_arrays__", False):
        return function

    def returning_arrays(*args, **kwargs):
        result = function(*args, **kwargs)
        if type(result) is list:
            try:
                return np.asarray(result, dtype=float)
            except (TypeError, ValueError):
                return result
        return result

    for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(returning_arrays, attribute, getattr(function, attribute, None))
    returning_arrays.__wrapped__ = function
    returning_arrays.__kit_returns_arrays__ = True
    return returning_arrays


def _label(obj):
    """'layers.Affine' for an Affine instance, 'functions' for the module functions."""
    if isinstance(obj, types.ModuleType):
        name = obj.__name__
    elif isinstance(obj, (types.FunctionType, type)):
        name = f"{obj.__module__}.{obj.__qualname__}"
    else:
        name = f"{type(obj).__module__}.{type(obj).__qualname__}"
    for prefix in ("submission.", "builtins.", "_kit_sandbox_"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name


def _swap_namespace(namespace, contents):
    namespace.clear()
    namespace.update(contents)


def _format_own(error):
    try:
        return _tail("".join(traceback.format_exception(type(error), error, error.__traceback__)),
                     TRACEBACK_CHARS)
    except BaseException:
        return ""


def _short_repr(value):
    try:
        text = repr(value)
    except Exception:
        text = "..."
    return text if len(text) <= 80 else text[:77] + "..."


def _tail(text, limit):
    return text if len(text) <= limit else "...\n" + text[-limit:]
