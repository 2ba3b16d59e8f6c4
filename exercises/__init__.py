# Generated from solutions/__init__.py by `python -m autograder.curriculum.make_exercises`: provided code, nothing to edit here.
