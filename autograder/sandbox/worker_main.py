"""Entry point of the worker process: the only place where student code runs.

Started by client.py once per grader as `python -I worker_main.py BASE_JSON`,
this process is the zygote: it ties its life to the grader's (parent-death
signal), imports NumPy from the installation (so a numpy.py in the submission
can never shadow it) and loads its siblings, wire.py, catalogue.py, mission_probe.py, confine.py
and worker_session.py, by path under private names, once. Then, for each worker
the grader asks for, it forks, and that child:
  1. becomes a small supervisor outside the worker: it makes the user and pid
     namespaces, is the subreaper of all the worker starts, reports the worker's
     exit status to the grader, and when the grader dies kills the worker and
     removes the scratch files;
  2. forks the worker proper, pid 1 of its own pid namespace, which then:
  3. confines itself (confine.py): fresh mount, network, IPC and UTS
     namespaces, a private root on a size-capped tmpfs holding a copy of the
     submission, rlimits, an unprivileged user;
  4. points fd 0 at /dev/null and fds 1 and 2 at an unlinked capture file, so
     nothing the student prints can reach the RPC socket, which is its own fd;
  5. makes the scratch copy importable as the package `submission` and, through
     an alias finder, under its plain module names too (one module object each);
  6. registers a stack dump (faulthandler) on SIGUSR1 into a pipe the grader
     reads: on a timeout the grader says where the submission was stuck;
  7. says hello (the protections in force) and serves requests until told to
     exit or the grader goes away.

It imports nothing of the kit's grading code.
"""
import faulthandler
import fcntl
import json
import os
import shutil
import signal
import site
import socket
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONFINEMENT_FAILED = 71          # exit code: the grader falls back to a weaker mode


def _load_sibling(name):
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"_kit_sandbox_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def confine_worker(config, confine, parent_alive_fd):
    """Apply every confinement step the config asks for; return (protections, notes, pid, capture_fd)."""
    namespaces = set(config["namespaces"])
    protections, notes = ["separate process", "scrubbed environment",
                          "dies with the grader (parent-death signal)"], []
    pid = confine.outer_pid()
    drop = config.get("drop_to") if os.geteuid() == 0 and "user" not in namespaces else None
    limits = config["limits"]
    # Counted now, while /proc still shows the whole machine.
    running = confine.count_processes(drop[0] if drop else os.getuid())
    confine.unshare(namespaces & {"mount", "net", "ipc", "uts"})
    scratch = config["scratch"]
    if "uts" in namespaces:
        confine.set_hostname("sandbox")
    if "mount" in namespaces:
        files, size = confine.submission_size(config["source"], limits["max_files"], limits["submission_mb"] << 20)
        size_mb = confine.root_size_mb(files, size, limits["scratch_mb"])
        notes += confine.build_private_root(config["temp_root"], config["visible"], config["hidden"],
                                            config["source"], scratch, size_mb, drop, "pid" in namespaces)
        protections.append("private mount namespace (only the system, Python and the submission are visible)")
        protections.append(f"writable space {limits['scratch_mb']} MB beyond the submission "
                           "(a tmpfs that goes with the worker)")
        capture_dir = "/tmp"
    else:
        confine.submission_size(config["source"], limits["max_files"], limits["submission_mb"] << 20)
        confine.copy_tree(config["source"], scratch, drop if drop and _usable_by(drop, config["needed_paths"])
                          else None)
        capture_dir = config["temp_root"]
    capture_fd, capture_path = tempfile.mkstemp(dir=capture_dir)
    os.unlink(capture_path)
    for name, text in (("pid", "private pid namespace"), ("net", "no network"),
                       ("ipc", "private IPC namespace (no shared memory or message queues with others)"),
                       ("uts", "private UTS namespace (own hostname)")):
        if name in namespaces:
            protections.append(text)
    protections += confine.set_limits(None, limits["cpu_seconds"], limits["max_processes"],
                                      limits["file_size_mb"], running)
    if "user" in namespaces:
        confine.drop_capabilities()
        protections.append("user namespace without capabilities")
    elif drop:
        if "mount" in namespaces or _usable_by(drop, config["needed_paths"]):
            confine.drop_privileges(*drop)
            protections.append(f"unprivileged user {config['drop_name']}")
        else:
            notes.append(f"still root: the Python installation is not readable by {config['drop_name']}")
    try:
        confine.no_new_privileges()
    except OSError:
        pass
    # Again: a change of user id clears the parent-death signal.
    confine.die_with_parent(signal.SIGKILL, lambda: confine.pipe_closed(parent_alive_fd))
    os.close(parent_alive_fd)
    return protections, notes, pid, capture_fd


def _usable_by(drop, paths):
    """Can uid/gid `drop` read the Python installation? (checked with effective ids)"""
    os.setegid(drop[1])
    os.seteuid(drop[0])
    try:
        return all(os.access(p, os.R_OK | os.X_OK, effective_ids=True) for p in paths)
    finally:
        os.seteuid(0)
        os.setegid(0)


def clean_import_system(scratch, stdlib_dirs, site_dirs):
    """sys.path = [scratch, stdlib (with lib-dynload), site-packages]; drop .pth and editable-install extras."""
    def keep(path):
        return (path in site_dirs or path.endswith(".zip")
                or any(path == d or path.startswith(d.rstrip("/") + "/") for d in stdlib_dirs))
    sys.path[:] = [scratch] + [p for p in sys.path if keep(p)]
    sys.meta_path[:] = [f for f in sys.meta_path
                        if type(f).__module__ in ("_frozen_importlib", "_frozen_importlib_external")
                        or getattr(f, "__module__", None) in ("_frozen_importlib", "_frozen_importlib_external")]
    sys.path_importer_cache.clear()


def install_submission_package(scratch):
    """Register the package `submission` (__path__ = [scratch]) and the alias finder."""
    import importlib
    import importlib.machinery
    import types

    package = types.ModuleType("submission", "The student's submission (a scratch copy).")
    package.__path__ = [scratch]
    package.__package__ = "submission"
    package.__spec__ = importlib.machinery.ModuleSpec("submission", None, is_package=True)
    package.__spec__.submodule_search_locations = [scratch]
    sys.modules["submission"] = package
    reserved = set(sys.modules) | set(getattr(sys, "stdlib_module_names", ())) | {"numpy", "submission"}

    class AliasLoader:
        """Hands back submission.<name> for a plain `import <name>`."""
        def __init__(self, name):
            self.name = name

        def create_module(self, spec):
            return importlib.import_module(f"submission.{self.name}")

        def exec_module(self, module):
            pass

    class SubmissionAliasFinder:
        """`import layers` and `from .layers import` give the same module object.

        So a module using relative imports still works when another module
        imports it plainly, and classes have one identity.
        """
        @staticmethod
        def find_spec(fullname, path=None, target=None):
            if path is not None or fullname in reserved or not submission_has(scratch, fullname):
                return None
            return importlib.machinery.ModuleSpec(fullname, AliasLoader(fullname))

    sys.meta_path.insert(0, SubmissionAliasFinder)
    return reserved


def submission_has(scratch, name):
    """Is `name` a top-level module of the submission (name.py or a package dir)?"""
    return name.isidentifier() and (
        os.path.isfile(os.path.join(scratch, f"{name}.py"))
        or os.path.isfile(os.path.join(scratch, name, "__init__.py")))


def redirect_stdio(capture_fd):
    """fd 0 <- /dev/null; fds 1, 2 -> the capture file (appending, so truncating it resets it)."""
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    fcntl.fcntl(capture_fd, fcntl.F_SETFL, os.O_APPEND)
    os.dup2(capture_fd, 1)
    os.dup2(capture_fd, 2)


def supervise(worker_pid, config, confine, parent, status_fd):
    """The first process's job once the worker is forked: wait for it, report how it ended.

    It is the subreaper of everything the worker starts: when the worker ends,
    whatever is left (processes that detached themselves, where there is no pid
    namespace to take them along) is killed and reaped, the worker's temporary
    folder removed, and its exit status goes to the grader on `status_fd`
    ("exit N" or "signal N"). When the zygote dies (this process's parent-death
    signal, SIGTERM here) it kills the worker first. When the grader is gone, it
    also removes the grader's copy of the submission (the grader cannot any more).
    """
    def parent_gone(signum, frame):
        if os.getppid() == parent:
            return
        _kill_descendants(worker_pid)
        _remove_scratch(config)
        os._exit(1)

    signal.signal(signal.SIGTERM, parent_gone)
    confine.die_with_parent(signal.SIGTERM, lambda: os.getppid() != parent)
    while True:
        try:
            _, status = os.waitpid(worker_pid, 0)
        except ChildProcessError:
            status = None
        if status is None or os.WIFSIGNALED(status) or os.WIFEXITED(status):
            break
    signal.signal(signal.SIGTERM, signal.SIG_IGN)      # finishing anyway
    _kill_descendants(None)
    _remove_scratch(config)
    if status is None:
        text = "exit 1"
    elif os.WIFSIGNALED(status):
        text = f"signal {os.WTERMSIG(status)}"
    else:
        text = f"exit {os.WEXITSTATUS(status)}"
    try:
        os.write(status_fd, text.encode())
    except OSError:
        pass
    os._exit(0)


def _remove_scratch(config):
    """The worker's temporary folder; the grader's copy of the submission too if the grader is gone."""
    paths = [config["temp_root"]] + (config["grader_scratch"] if _gone(config["grader_pid"]) else [])
    for path in paths:
        if os.path.basename(path).startswith(("kit-sandbox-", "kit-submission-")):
            shutil.rmtree(path, ignore_errors=True)


def _gone(pid):
    """Has process `pid` ended (a zombie counts as ended)?"""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass
    return False


def _kill_descendants(first):
    """SIGKILL `first` and every child we have (orphans come to us, the subreaper), until none is left."""
    if first:
        _kill(first)
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        for pid in _children():
            _kill(pid)
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return                   # nobody left
        if pid == 0:
            time.sleep(0.002)


def _children():
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as listing:
            return [int(p) for p in listing.read().split()]
    except (OSError, ValueError):
        return []


def _kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass


class Kit:
    """What the zygote loaded once, for every worker it forks."""

    def __init__(self, extra_sys_path):
        for path in extra_sys_path:
            if path not in sys.path:
                sys.path.append(path)
        self.confine = _load_sibling("confine")
        import numpy                # before any scratch dir is on sys.path: never shadowed
        self.np = numpy
        self.wire = _load_sibling("wire")
        _load_sibling("mission_probe")  # catalogue.py finds it by name (the kit is hidden from workers)
        self.catalogue = _load_sibling("catalogue")
        self.session = _load_sibling("worker_session")


def zygote(base):
    """Serve fork requests from the grader: one message (the worker's config) with three fds
    (the worker's end of its RPC socket, the write end of its status pipe, the write end of
    the pipe it dumps its stack into when the grader times a call out) -> {"pid": P}.

    Dies with the grader (parent-death signal); ends when the grader closes the socket.
    It never runs student code: that starts two forks further down, once confined.
    """
    grader = base["grader_pid"]
    kit = Kit(base["extra_sys_path"])
    kit.confine.set_limits(None, None, None, None)            # no core files, from here on
    def grader_gone(signum, frame):
        if os.getppid() != grader:   # not merely the end of the thread that started us
            os._exit(0)

    signal.signal(signal.SIGTERM, grader_gone)
    kit.confine.die_with_parent(signal.SIGTERM, lambda: os.getppid() != grader)
    control = socket.socket(fileno=base["control_fd"])

    def reap(signum, frame):
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    signal.signal(signal.SIGCHLD, reap)
    control.sendall(b'{"ready": true}')
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 1 << 20, 3)
        except OSError:
            os._exit(0)
        if not message:
            os._exit(0)             # the grader is done
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            control.sendall(b'{"pid": null}')
            continue
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            control.close()
            os.setsid()
            config = json.loads(message)
            config["rpc_fd"], config["stack_fd"] = fds[0], fds[2]
            start_worker(config, kit, fds[1], parent=os.getppid())
        for fd in fds:
            os.close(fd)
        control.sendall(json.dumps({"pid": pid}).encode())


def start_worker(config, kit, status_fd, parent):
    """In a fresh child of the zygote: become the supervisor, fork the worker, confine and serve it."""
    confine, wire = kit.confine, kit.wire
    os.environ.clear()
    os.environ.update(config["env"])
    rpc = socket.socket(fileno=config["rpc_fd"])

    def failed(error):               # report, exit: the grader tries a weaker mode
        try:
            rpc.sendall(wire.dumps({"failed": f"confinement failed: {error!r}"[:2000]}))
        except OSError:
            pass
        os._exit(CONFINEMENT_FAILED)

    namespaces = set(config["namespaces"])
    uid, gid = os.getuid(), os.getgid()
    try:
        confine.die_with_parent(signal.SIGTERM, lambda: os.getppid() != parent)
        confine.become_subreaper()
        confine.unshare(namespaces & {"user", "pid"})
        if "user" in namespaces:
            confine.map_to_root(uid, gid)
    except Exception as error:
        failed(error)
    parent_alive_read, parent_alive_write = os.pipe()
    worker_pid = os.fork()
    if worker_pid:
        rpc.close()
        os.close(config["stack_fd"])
        os.close(parent_alive_read)
        supervise(worker_pid, config, confine, parent, status_fd)
    os.close(parent_alive_write)
    os.close(status_fd)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        confine.die_with_parent(signal.SIGKILL, lambda: confine.pipe_closed(parent_alive_read))
        protections, notes, pid, capture_fd = confine_worker(config, confine, parent_alive_read)
    except confine.SubmissionTooLarge as error:
        rpc.sendall(wire.dumps({"refused": str(error)}))
        os._exit(1)
    except Exception as error:
        failed(error)
    serve(config, kit, rpc, protections, notes, pid, capture_fd)


def serve(config, kit, rpc, protections, notes, pid, capture_fd):
    """The confined worker: stdio captured, the submission importable, hello, then requests."""
    np, confine = kit.np, kit.confine
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)     # over RLIMIT_FSIZE: an OSError, not a kill
    scratch = config["scratch"]
    os.chdir(scratch)
    redirect_stdio(capture_fd)
    paths = sysconfig.get_paths()
    site_dirs = {paths["purelib"], paths["platlib"], os.path.dirname(os.path.dirname(np.__file__)),
                 *site.getsitepackages(), *config["extra_sys_path"]}
    clean_import_system(scratch, {paths["stdlib"], paths["platstdlib"]}, site_dirs)
    install_submission_package(scratch)
    for shadow in ("numpy.py", "numpy"):
        if os.path.exists(os.path.join(scratch, shadow)):
            notes.append(f"the submission's {shadow} is ignored: NumPy comes from the installation")
    if config["limits"]["memory_mb"]:     # last: setting up needs more address space than it keeps
        protections += confine.set_limits(config["limits"]["memory_mb"], None, None, None)
    # On SIGUSR1 (sent by the grader just before it kills a call that timed out) every thread's
    # stack goes to the grader's pipe: written from C, so it works inside a long NumPy call too.
    faulthandler.register(signal.SIGUSR1, file=config["stack_fd"], all_threads=True, chain=False)
    hello = {"protections": protections, "notes": notes, "pid": pid,
             "python": sys.version.split()[0], "numpy": np.__version__}
    rpc.sendall(kit.wire.dumps({"hello": hello}))
    kit.session.Session(rpc, capture_fd, config, kit.wire, kit.catalogue, worker_files=(HERE,)).serve()


if __name__ == "__main__":
    zygote(json.loads(sys.argv[1]))
