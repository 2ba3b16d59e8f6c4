"""`python -m autograder ...` is the `autograder` command (autograder/cli.py)."""
import sys

from autograder.cli import main

sys.exit(main())
