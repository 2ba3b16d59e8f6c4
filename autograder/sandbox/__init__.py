"""Run untrusted student code in a separate, confined worker process, called through a small RPC.

    from autograder.sandbox import SubmissionWorker, Limits, RemoteRef, RemoteError, WorkerDied
    with SubmissionWorker("/path/to/submission", Limits(call_timeout=10.0)) as w:
        y = w.module("functions").sigmoid(x)

Files: client.py (SubmissionWorker, Limits), remote.py (RemoteRef and the
errors), wire.py (the plain-data message format, no pickle), isolation.py (how
the worker is started and killed), and the worker side: worker_main.py (entry),
confine.py (namespaces, privileges, rlimits), worker_session.py (request loop),
catalogue.py (named functions built in the worker).
"""
import importlib

#: Imported on first use (PEP 562): starting the zygote early (warm_up.py) needs neither NumPy nor the client.
_HOMES = {"Limits": "client", "SubmissionWorker": "client", "WorkerStats": "client", "RemoteError": "remote",
          "RemoteRef": "remote", "WorkerDied": "remote", "NotPlainData": "wire"}


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["SubmissionWorker", "Limits", "RemoteRef", "RemoteError", "WorkerDied",
           "NotPlainData", "WorkerStats"]
