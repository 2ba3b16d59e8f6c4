"""Grader-side isolation: how to start the worker, and how to make sure it is gone.

Which protections are possible depends on the machine: as root (Gradescope,
this container) the worker gets private mount, pid, network, IPC and UTS
namespaces and then drops to user `nobody`; as an ordinary user
(an instructor's laptop) the same works inside a user namespace when the
kernel allows it; otherwise the worker is a plain child process with rlimits
and a scrubbed environment. `candidate_modes()` lists these from strongest to
weakest; the client tries them in order and remembers the first that starts
(the worker itself reports what it actually put in place).

Killing is the other half: in a pid namespace everything the student started
dies with the namespace's init; without one, the worker's supervisor, the
subreaper of all it started, kills what is left (see worker_main.supervise).
"""
import contextlib
import importlib.util
import os
import pwd
import signal
import site
import sys
import sysconfig
from dataclasses import dataclass

TOKEN_VARIABLE = "KIT_SANDBOX_TOKEN"
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"


@dataclass(frozen=True)
class Mode:
    """One way of confining the worker: the namespaces worker_main.py creates for it."""
    name: str
    namespaces: tuple


NAMESPACE_SETS = (                       # strongest first; "mount" always comes with the rest
    ("mount+pid+net+ipc+uts", ("mount", "pid", "net", "ipc", "uts")),
    ("mount+pid+ipc+uts", ("mount", "pid", "ipc", "uts")),
    ("mount", ("mount",)),
)


def candidate_modes(as_root=None):
    """Ways to confine the worker, strongest first; the last (a plain process) always works.

    The worker creates the namespaces itself (unshare(2) through ctypes, no
    external tool). As root it then drops to `nobody`; an ordinary user gets a
    user namespace first (as_root=False gives those modes even to root).
    """
    modes = []
    if sys.platform.startswith("linux"):
        as_root = os.geteuid() == 0 if as_root is None else as_root
        user = () if as_root else ("user",)
        modes = [Mode(name, (*spaces, *user)) for name, spaces in NAMESPACE_SETS]
    modes.append(Mode("plain process", ()))
    return modes


_REMOVED_WITH_GRADER = set()
GRADER_SCRATCH_PREFIX = "kit-submission-"


@contextlib.contextmanager
def removed_with_grader(path):
    """While in the block, the supervisor of every worker started removes `path` if the grader dies.

    For the grader's own temporary copy of a submission (named kit-submission-*, the only
    name a supervisor removes), which a SIGKILLed grader cannot remove itself.
    """
    path = os.path.abspath(path)
    if not os.path.basename(path).startswith(GRADER_SCRATCH_PREFIX):
        raise ValueError(f"{path}: only {GRADER_SCRATCH_PREFIX}* folders are removed with the grader")
    _REMOVED_WITH_GRADER.add(path)
    try:
        yield path
    finally:
        _REMOVED_WITH_GRADER.discard(path)


def grader_scratch():
    """The folders a worker's supervisor removes when the grader dies (see removed_with_grader)."""
    return sorted(_REMOVED_WITH_GRADER)


def scrubbed_env(home, token):
    """The worker's whole environment: nothing of the grader's leaks in."""
    return {"PATH": SAFE_PATH, "HOME": home, "LANG": "C.UTF-8",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            # Marks every process the worker starts, so close() finds detached ones.
            TOKEN_VARIABLE: token}


def numpy_dir():
    """The directory NumPy is imported from (a site-packages folder, usually)."""
    spec = importlib.util.find_spec("numpy")
    return os.path.dirname(os.path.dirname(spec.origin))


def python_dirs():
    """Directories the Python installation lives in (prefixes and site-packages)."""
    dirs = {sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix,
            os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))), numpy_dir()}
    dirs |= set(site.getsitepackages())
    dirs |= {os.path.realpath(d) for d in dirs}
    return sorted(d for d in dirs if d and os.path.isdir(d))


def visible_paths():
    """What the worker may see in a private mount namespace: system and Python, read-only."""
    return list(SYSTEM_DIRS) + python_dirs()


def extra_sys_path():
    """NumPy's folder when `python -I` would not find it on its own (e.g. PYTHONPATH installs)."""
    default = set(site.getsitepackages()) | {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    return [] if numpy_dir() in default else [numpy_dir()]


def needed_paths():
    """What an unprivileged worker must be able to read for Python and NumPy to work."""
    return [os.path.realpath(sys.executable), sysconfig.get_paths()["stdlib"], numpy_dir()]


def default_hidden_paths():
    """The kit's own packages (reference solutions, hidden suites, grading code)."""
    hidden = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]   # autograder/
    try:
        spec = importlib.util.find_spec("solutions")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        hidden += list(spec.submodule_search_locations)
    return hidden


def unprivileged_user(name="nobody"):
    """(uid, gid, name) to drop to when running as root."""
    try:
        entry = pwd.getpwnam(name)
        return entry.pw_uid, entry.pw_gid, name
    except KeyError:
        return 65534, 65534, "uid 65534"


def children_of(pid):
    """Direct children of `pid` (Linux /proc); None when this cannot be known."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(p) for p in listing.read().split()]
    except FileNotFoundError:
        return [] if os.path.isdir("/proc/self") else None
    except (OSError, ValueError):
        return None


def kill_tree(process, pid_namespace, inner_pid=None):
    """Kill the worker and everything it started; wait until its supervisor says it is over.

    process: the worker's supervisor (zygote.ForkedWorker). The worker is its
    child: killing it ends its pid namespace and everything in it; without
    one, the supervisor (their subreaper) kills what is left before it reports.
    Its process group (its session) is killed last, for anything still there.
    """
    if process.exit_status(0) is None:      # once the supervisor has reported, all is over
        first = children_of(process.pid)
        if first is None:               # no /proc (macOS): the pid the worker gave in its hello
            first = [inner_pid] if inner_pid else []
        for pid in first:
            _signal(os.kill, pid)
        if process.exit_status(3.0) is None:
            _signal(os.kill, process.pid)
            process.exit_status(1.0)
        _signal(os.killpg, process.pid)
    process.close()


def _signal(kill, pid):
    try:
        kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
