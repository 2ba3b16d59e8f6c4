"""Similarity between submissions, on what each student wrote (not on the code they were given).

    autograder similarity SUBMISSIONS --out similarity/

- `student_code.py`: what a student wrote: their module minus the stub's lines
  (provided code, TODO text and hints all come from the stub);
- `pairs.py`: winnowing fingerprints (copydetect, the approach of MOSS) of
  each submission's code, compared pair by pair, ranked;
- `report.py`: pairs.csv, pairs.md and pairs.html (the top pairs side by
  side, the shared code marked);
- `command.py`: the `autograder similarity` subcommand.

A high similarity is a reason to look, not a verdict: students of one course
write the same book's formulas, and short functions look alike.
copydetect is an instructor extra (`pip install ".[instructor]"`).
"""
