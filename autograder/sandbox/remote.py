"""What the grader holds of the worker's world: RemoteRef handles and the two errors.

A RemoteRef names an object in the worker: a root handle (an id the worker
keeps in its table) plus a lazy path of attribute and item steps. Building a
path costs nothing; calling, fetching or assigning sends one request. When the
last RemoteRef on a root handle is garbage-collected, the id is queued and
released in the worker with the next request.
"""
import weakref


class RemoteError(Exception):
    """Student code raised an exception in the worker.

    type_name: the exception's class name ("NotImplementedError"); message: its
    text; traceback: a short traceback, paths relative to the submission.
    """

    def __init__(self, type_name, message, traceback=""):
        super().__init__(type_name, message)
        self.type_name, self.message, self.traceback = type_name, message, traceback

    def __str__(self):
        return f"{self.type_name}: {self.message}" if self.message else self.type_name


class WorkerDied(RuntimeError):
    """The worker process is gone (exit, signal, timeout, memory); `reason` says why, for students.

    stuck_at: on a timeout, where the submission's code was when it was stopped, as
    {"file": "functions.py", "line": 12, "function": "relu", "code": "while True:"}
    (the innermost frame in one of its files), or None when that is not known.
    """

    def __init__(self, reason, stuck_at=None):
        super().__init__(reason)
        self.reason, self.stuck_at = reason, stuck_at

    def __str__(self):
        return self.reason


class Handle:
    """One id in one incarnation of a worker; released there when no RemoteRef needs it."""
    __slots__ = ("id", "label", "generation", "__weakref__")

    def __init__(self, worker, handle_id, label, generation):
        self.id, self.label, self.generation = handle_id, label, generation
        weakref.finalize(self, worker._release_queue.append, (generation, handle_id))


class RemoteRef:
    """An object in the worker, or a lazy path to one: `net.params["W1"]`.

    Attribute and item access build longer paths; calling runs the call in the
    worker. Plain-data results come back decoded, anything else as a new
    RemoteRef. Names starting with "__" are never forwarded, so Python's own
    protocol probes (copy, numpy, pytest) do not reach the worker.
    """
    __slots__ = ("_worker", "_handle", "_path")

    def __init__(self, worker, handle, path=()):
        object.__setattr__(self, "_worker", worker)
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "_path", path)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return RemoteRef(self._worker, self._handle, self._path + (("a", name),))

    def __getitem__(self, key):
        return RemoteRef(self._worker, self._handle, self._path + (("i", key),))

    def __setattr__(self, name, value):
        raise AttributeError(f"set attributes in the worker with .set_attr({name!r}, value)")

    def __setitem__(self, key, value):
        self.set_item(key, value)

    def __call__(self, *args, **kwargs):
        return self._worker._call(self, args, kwargs)

    def fetch(self):
        """A copy of the object as plain data; TypeError (NotPlainData) if it is not plain data."""
        return self._worker._fetch(self)

    def assign(self, value):
        """`obj[...] = value` in the worker: overwrite an array in place, keeping its identity."""
        self._worker._set(self, "item", Ellipsis, value)

    def assign_each(self, values):
        """`obj[key][...] = value` for each key of the dict `values`, in one request (a network's params)."""
        self._worker._set(self, "each_in_place", None, values)

    def set_item(self, key, value):
        """`obj[key] = value` in the worker."""
        self._worker._set(self, "item", key, value)

    def set_attr(self, name, value):
        """`setattr(obj, name, value)` in the worker."""
        self._worker._set(self, "attr", name, value)

    def pin(self):
        """A RemoteRef to the object this path names now (the path is not re-evaluated later)."""
        return self._worker._pin(self)

    def _label(self):
        text = self._handle.label
        for kind, key in self._path:
            text += f".{key}" if kind == "a" else f"[{key!r}]"
        return text

    def __repr__(self):
        return f"<RemoteRef {self._label()}>"
