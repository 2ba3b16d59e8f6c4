"""`python -m autograder ...` is the `autograder` command (autograder/cli.py)."""
from autograder.cli import run_command

run_command()
