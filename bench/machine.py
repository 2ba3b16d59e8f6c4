"""The machine a benchmark's figures come from: CPUs, CPU model, Python, NumPy, BLAS, and the load.

    from machine import describe, load_average
    print(describe())     # "2 CPUs (AMD EPYC, x86_64, Linux), Python 3.11.7, NumPy 2.4.6, ..., load 1.52"

Built on bench/missions.py's `machine_description` (one home for the Python, NumPy and BLAS
part); this adds the CPU model and the load average, which the figures of a shared machine
depend on.
"""
import os
import platform
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from missions import machine_description  # noqa: E402


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, else platform.processor(), else "unknown CPU"."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load_average():
    """The 1-minute load average, or None where the system does not tell."""
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):
        return None


def load_text():
    """ "load 1.52 (1-min average)" or "load unknown"."""
    load = load_average()
    return "load unknown" if load is None else f"load {load:.2f} (1-min average)"


def describe():
    """One line: the machine, then the load at the moment of the call."""
    base = machine_description()
    cpus, rest = base.split(" (", 1)
    return f"{cpus} ({cpu_model()}, {rest}; {load_text()}"
