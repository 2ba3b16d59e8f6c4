"""Running commands on what the instructor tools write: the kit importable, no third-party pytest plugins."""
import os
import subprocess
import sys
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[2]


def command_env(**extra):
    """The environment of a command under test: the kit importable, no third-party pytest plugins,
    no bytecode written into the folders under test."""
    env = dict(os.environ, PYTHONPATH=str(KIT_ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
               PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def run_command(args, cwd, timeout=600, **extra_env):
    """Run `args` in `cwd`; return the CompletedProcess (text output, never raises on failure)."""
    return subprocess.run(args, cwd=cwd, env=command_env(**extra_env), capture_output=True, text=True,
                          timeout=timeout)


def run_python(args, cwd, timeout=600, **extra_env):
    return run_command([sys.executable, *args], cwd, timeout=timeout, **extra_env)
