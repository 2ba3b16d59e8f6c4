"""The curriculum's tooling: student stubs generated from the reference solutions.

`solution_regions` parses a solution file into provided text and solution regions;
`make_exercises` writes `exercises/` from `solutions/` (`python -m autograder.curriculum.make_exercises`).
"""
