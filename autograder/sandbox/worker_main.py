"""Entry point of the worker process: the only place where student code runs.

Started by client.py as `python -I worker_main.py CONFIG_JSON`, possibly inside
fresh namespaces (isolation.py). In order, it:
  1. imports NumPy from the installation (so a numpy.py in the submission can
     never shadow it) and loads its two siblings, wire.py and catalogue.py, by
     path under private names (a student module called `wire` stays theirs);
  2. confines itself (confine.py): private root, rlimits, unprivileged user;
  3. points fd 0 at /dev/null and fds 1 and 2 at an unlinked capture file, so
     nothing the student prints can reach the RPC socket, which is its own fd;
  4. makes the scratch copy importable as the package `submission` and, through
     an alias finder, under its plain module names too (one module object each);
  5. says hello (the protections in force) and serves requests until told to
     exit or the grader goes away.

It imports nothing of the kit's grading code.
"""
import fcntl
import json
import os
import site
import socket
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CONFINEMENT_FAILED = 71          # exit code: the grader falls back to a weaker mode


def _load_sibling(name):
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"_kit_sandbox_{name}", os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def confine_worker(config, confine):
    """Apply every confinement step the config asks for; return (protections, notes, pid)."""
    namespaces = set(config["namespaces"])
    protections, notes = ["separate process", "scrubbed environment"], []
    pid = confine.outer_pid()
    drop = config.get("drop_to")
    limits = config["limits"]
    # Counted now, while /proc still shows the whole machine.
    running = confine.count_processes(drop[0] if drop else os.getuid())
    if "mount" in namespaces:
        notes += confine.build_private_root(config["new_root"], config["visible"], config["hidden"],
                                            config["scratch"], "pid" in namespaces)
        protections.append("private mount namespace (only the system, Python and the submission are visible)")
    if "pid" in namespaces:
        protections.append("private pid namespace")
    if "net" in namespaces:
        protections.append("no network")
    protections += confine.set_limits(None, limits["cpu_seconds"], limits["max_processes"],
                                      limits["file_size_mb"], running)
    if "user" in namespaces:
        confine.drop_capabilities()
        protections.append("user namespace without capabilities")
    elif drop and os.geteuid() == 0:
        if "mount" in namespaces or _usable_by(drop, config["needed_paths"]):
            confine.give_tree_to(config["scratch"], *drop)
            confine.drop_privileges(*drop)
            protections.append(f"unprivileged user {config['drop_name']}")
        else:
            notes.append(f"still root: the Python installation is not readable by {config['drop_name']}")
    try:
        confine.no_new_privileges()
    except OSError:
        pass
    return protections, notes, pid


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


def main():
    config = json.loads(sys.argv[1])
    for path in config["extra_sys_path"]:
        if path not in sys.path:
            sys.path.append(path)
    import numpy as np              # before the scratch dir is on sys.path: never shadowed

    wire = _load_sibling("wire")
    catalogue = _load_sibling("catalogue")
    confine = _load_sibling("confine")
    session = _load_sibling("worker_session")
    rpc = socket.socket(fileno=config["rpc_fd"])
    capture_fd, capture_path = tempfile.mkstemp(dir=config["capture_dir"])
    os.unlink(capture_path)
    try:
        protections, notes, pid = confine_worker(config, confine)
    except Exception as error:     # report, exit: the grader tries a weaker mode
        print(f"confinement failed: {error!r}", file=sys.stderr, flush=True)
        os._exit(CONFINEMENT_FAILED)
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
    hello = {"protections": protections, "notes": notes, "pid": pid,
             "python": sys.version.split()[0], "numpy": np.__version__}
    rpc.sendall(wire.dumps({"hello": hello}))
    session.Session(rpc, capture_fd, config, wire, catalogue, worker_files=(HERE,)).serve()

if __name__ == "__main__":
    main()
