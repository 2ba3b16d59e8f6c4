"""Visible tests: run `pytest exercises` (or one file, e.g. `pytest exercises/tests/test_functions.py`).

Each test checks one unit (its `unit` marker) on small examples you can redo by
hand, and its failure message says what was checked, what was expected, what
came back and the likely mistake.
"""
