"""Worker-side confinement: a private file system view, fewer privileges, rlimits.

Runs inside the worker process, before any student code, after the grader has
started it in fresh namespaces (see isolation.py). It imports only the standard
library, because it runs where the kit's own code will soon be invisible.

The namespaces themselves are made here too (unshare(2) through ctypes, no
external tool), and the parent-death signal that ties the worker's life to
the grader's.

The file system view is a whitelist, not a blacklist: a new root (a tmpfs of a
fixed size, the only place the submission can write, gone with the worker's
mount namespace) gets read-only bind mounts of the system directories and of
the Python installation, a fresh /dev and /proc, and, writable, /tmp and
/submission, a copy of the submission made into that tmpfs.
Everything else, the kit's checkout, its reference solutions, the grader's
output directory, other users' homes, another checkout of the kit, simply does
not exist there. Paths that must stay hidden although they sit inside a
whitelisted directory (the kit installed into site-packages) get an empty
read-only tmpfs on top. The old root is then detached with pivot_root, so no
path leads back to it.
"""
import ctypes
import ctypes.util
import os
import platform
import resource
import select
import shutil
import stat

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
MNT_DETACH = 2
# statvfs f_flag bits -> the mount flags a read-only remount must keep
# (the kernel refuses to drop "locked" flags inside a user namespace).
_STATVFS_TO_MS = {os.ST_NOSUID: MS_NOSUID, os.ST_NODEV: MS_NODEV, os.ST_NOEXEC: MS_NOEXEC,
                  os.ST_NOATIME: MS_NOATIME, os.ST_NODIRATIME: MS_NODIRATIME,
                  os.ST_RELATIME: MS_RELATIME}
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "arm64": 41, "armv7l": 218,
                   "i686": 217, "i386": 217, "ppc64le": 203, "s390x": 217, "riscv64": 41}
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_SET_SECUREBITS = 1, 38, 24, 28
PR_SET_CHILD_SUBREAPER = 36
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
NAMESPACE_FLAGS = {"mount": CLONE_NEWNS, "uts": CLONE_NEWUTS, "ipc": CLONE_NEWIPC,
                   "user": CLONE_NEWUSER, "pid": CLONE_NEWPID, "net": CLONE_NEWNET}
SKIPPED_NAMES = {"__pycache__", ".git", ".ipynb_checkpoints", "__MACOSX"}
PAGE = 4096
DEVICES = ("null", "zero", "full", "random", "urandom")

_libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


class ConfinementError(OSError):
    """A confinement step failed: the grader falls back to a weaker mode."""


class SubmissionTooLarge(Exception):
    """The submission is over the file-count or size cap: no mode can grade it."""


def unshare(namespaces):
    """Move this process into fresh namespaces ("mount", "pid", "net", "ipc", "uts", "user").

    "pid" applies to the children forked afterwards, not to this process.
    """
    flags = 0
    for name in namespaces:
        flags |= NAMESPACE_FLAGS[name]
    if flags:
        _check(_libc.unshare(ctypes.c_int(flags)), "unshare " + "+".join(sorted(namespaces)))


def map_to_root(uid, gid):
    """In a fresh user namespace: be uid/gid 0 there, mapped to `uid`/`gid` outside."""
    for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
        try:
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
        except OSError as error:
            raise ConfinementError(error.errno or 0, f"user namespace {name}: {error.strerror}") from None


def die_with_parent(signal_number, parent_gone=None):
    """Receive `signal_number` when the parent dies; exit now if it already has.

    parent_gone: a callable telling whether the parent is already gone (the
    parent may die between fork and this call). Must be called again after a
    change of user id, which clears the setting.
    """
    if hasattr(_libc, "prctl"):     # Linux; elsewhere the grader's kill on close is all there is
        _check(_libc.prctl(PR_SET_PDEATHSIG, signal_number, 0, 0, 0), "parent-death signal")
    if parent_gone is not None and parent_gone():
        os._exit(0)


def become_subreaper():
    """Orphans among our descendants become our children (so we can reap them), not init's."""
    if hasattr(_libc, "prctl"):
        _check(_libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "child subreaper")


def set_hostname(name):
    """In a private UTS namespace: a hostname that says nothing about the grading machine."""
    _check(_libc.sethostname(name.encode(), len(name)), "sethostname")


def pipe_closed(read_fd):
    """Whether the write end of this pipe is closed (the process holding it died)."""
    readable, _, _ = select.select([read_fd], [], [], 0)
    return bool(readable)


def submission_size(source, max_files, max_bytes):
    """(files, bytes) of what copy_tree would copy; SubmissionTooLarge over a cap."""
    files = size = 0
    for _, path, _ in _regular_files(source):
        files += 1
        size += os.lstat(path).st_size
        if files > max_files:
            raise SubmissionTooLarge(f"the submission holds more than {max_files} files")
        if size > max_bytes:
            raise SubmissionTooLarge(f"the submission is larger than {max_bytes >> 20} MB")
    return files, size


def _regular_files(source):
    """(relative folder, path, name) of each regular file under `source`: no links followed,
    no FIFOs or devices, no __pycache__ or .pyc (a crafted .pyc could differ from its source)."""
    for folder, dirs, files in os.walk(source, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_NAMES and not os.path.islink(os.path.join(folder, d)))
        relative = os.path.relpath(folder, source)
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith(".pyc") or not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            yield relative, path, name


def copy_tree(source, destination, owner=None):
    """Copy the regular files and folders of `source` into `destination` (created), owned by
    `owner` (uid, gid) when given. Links are neither followed nor copied."""
    os.makedirs(destination, exist_ok=True)
    made = {"."}
    for relative, path, name in _regular_files(source):
        target_dir = os.path.normpath(os.path.join(destination, relative))
        if relative not in made:
            os.makedirs(target_dir, exist_ok=True)
            made.add(relative)
        source_fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(source_fd, "rb") as reader, open(os.path.join(target_dir, name), "xb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
    if owner is not None:
        give_tree_to(destination, *owner)


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise ConfinementError(errno, f"{what}: {os.strerror(errno)}")


def mount(source, target, fstype, flags, data=None):
    enc = (lambda s: None if s is None else os.fsencode(s))
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def _inside(root, path):
    return os.path.join(root, path.lstrip("/"))


def _is_under(path, base):
    return path == base or path.startswith(base.rstrip("/") + "/")


def _bind_read_only(source, target):
    """Bind `source` at `target` (creating a dir or file there), then make it read-only."""
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    mount(source, target, None, MS_BIND | MS_REC)
    kept = sum(ms for st, ms in _STATVFS_TO_MS.items() if os.statvfs(target).f_flag & st)
    mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | kept)


def build_private_root(new_root, visible, hidden, source, scratch, size_mb, owner, pid_namespace):
    """Switch this process to a whitelist root; return notes on what was done.

    new_root: an empty directory to mount the root tmpfs (size_mb MB) on.
    visible: paths bound read-only at the same place. hidden: paths covered by
    an empty read-only tmpfs (or /dev/null for files). source: the submission,
    copied to `scratch` (a path inside the new root) and owned by `owner`
    (uid, gid) when given. /tmp and `scratch` stay writable, sharing the size cap.
    """
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, f"mode=0755,size={size_mb}m")
    tmp = _inside(new_root, "/tmp")
    os.makedirs(tmp)
    os.chmod(tmp, 0o1777)
    dev = _inside(new_root, "/dev")
    os.makedirs(dev)
    mount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k")
    for name in DEVICES:
        open(os.path.join(dev, name), "w").close()
        mount(f"/dev/{name}", os.path.join(dev, name), None, MS_BIND)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, os.path.join(dev, name))
    notes = []
    os.makedirs(_inside(new_root, "/proc"))
    if pid_namespace:
        try:
            mount("proc", _inside(new_root, "/proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        except ConfinementError as error:
            notes.append(f"no /proc ({error.strerror})")
    bound = []
    for path in sorted(set(visible)):
        if not os.path.lexists(path) or any(_is_under(path, b) for b in bound):
            continue
        target = _inside(new_root, path)
        if os.path.islink(path) and path in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            os.symlink(os.readlink(path), target)     # merged-/usr symlinks stay symlinks
            continue
        _bind_read_only(path, target)
        bound.append(path)
    target = _inside(new_root, scratch)
    copy_tree(source, target, owner)
    # Separate mounts of the same tmpfs: they stay writable when / turns read-only.
    for writable in (target, tmp):
        mount(writable, writable, None, MS_BIND | MS_REC)   # MS_REC keeps what is bound below (a venv in /tmp)
    for path in hidden:
        target = _inside(new_root, path)
        # Only what lies inside a bound directory is visible; the rest of the
        # new root is empty folders made on the way to the bound ones.
        if not (any(_is_under(path, b) for b in bound) and os.path.lexists(target)):
            continue
        if os.path.isdir(target):
            mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "mode=0555,size=4k")
        else:
            mount("/dev/null", target, None, MS_BIND)
    _pivot_root(new_root)
    mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    return notes


def root_size_mb(files, size, write_mb):
    """The root tmpfs: the submission's copy (a page per file at least) plus `write_mb` to write."""
    return write_mb + 1 + (size + files * PAGE + (1 << 20) - 1) // (1 << 20)


def _pivot_root(new_root):
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise ConfinementError(0, f"pivot_root: unknown syscall number on {platform.machine()}")
    os.chdir(new_root)
    _check(_libc.syscall(ctypes.c_long(number), b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")


def outer_pid():
    """This process's pid as the grader sees it (read before /proc is replaced)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("NSpid:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return os.getpid()


def give_tree_to(path, uid, gid):
    """chown the scratch copy so the unprivileged worker can write in it."""
    os.chown(path, uid, gid)
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def drop_privileges(uid, gid):
    """root -> uid/gid for good (no supplementary groups, no way back)."""
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid:
        raise ConfinementError(0, "privilege drop did not stick")


def drop_capabilities():
    """Inside a user namespace we stay uid 0 there: drop every capability instead.

    Without this the student could unmount the tmpfs that hides a path.
    """
    for cap in range(64):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    _libc.prctl(PR_SET_SECUREBITS, 0x2f, 0, 0, 0)   # NOROOT, NO_SETUID_FIXUP, both locked

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()
    _check(_libc.capset(ctypes.byref(header), ctypes.byref(data)), "capset")


def no_new_privileges():
    """setuid binaries and file capabilities stop granting anything."""
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def set_limits(memory_mb, cpu_seconds, max_processes, file_size_mb, processes_running=0):
    """rlimits for this process and its children; returns descriptions of those set.

    RLIMIT_NPROC counts every process of the user, so `max_processes` comes on
    top of the `processes_running` the user already has.
    """
    mb = (lambda n: None if n is None else n << 20)
    nproc = None if max_processes is None else max_processes + processes_running
    nproc_text = f"rlimit processes {max_processes}" + (
        f" (beyond the {processes_running} the user already runs)" if processes_running else "")
    done = []
    for limit, value, text in (
            (resource.RLIMIT_CORE, 0, None),
            (resource.RLIMIT_FSIZE, mb(file_size_mb), f"rlimit file size {file_size_mb} MB"),
            (resource.RLIMIT_NPROC, nproc, nproc_text),
            (resource.RLIMIT_CPU, cpu_seconds, f"rlimit CPU {cpu_seconds} s"),
            (resource.RLIMIT_AS, mb(memory_mb), f"rlimit memory {memory_mb} MB")):
        if value is None:
            continue
        soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY and hard < value:
            value = hard
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            continue
        if text:
            done.append(text)
    return done


def count_processes(uid):
    """Processes (threads count too) that `uid` runs now: RLIMIT_NPROC counts all of them."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    with open(f"/proc/{entry}/status") as status:
                        count += next((int(l.split()[1]) for l in status if l.startswith("Threads:")), 1)
            except (OSError, ValueError):
                pass
    return count
