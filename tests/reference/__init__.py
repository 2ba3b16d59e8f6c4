"""An independent oracle for the reference solutions in `solutions/`.

Every backward pass is checked against numerical gradients computed by this
folder's own central difference (`central_difference.py`), never by
`solutions.gradient`; update rules, forward values and the missions are checked
against formulas and bars written out here.

Each gradient check records its worst relative error as a test property; to see them:
    pytest tests/reference --junitxml=errors.xml -o junit_family=legacy
"""
