"""Points per unit for the release: the hidden suites' `points` markers, summed per unit.

The hidden suites are the one home of the course's points (`autograder.grading.selected_tests`
reads them); the classroom workflow and the student README show them per unit, in course order.
"""
from autograder.results import unit_order


def hidden_unit_points():
    """{unit: total points of its hidden tests}, units in the order the course teaches them.

    The suites read are those of this kit (autograder.grading.runner.HIDDEN_DIR).
    """
    from autograder.grading import selected_tests

    totals = {}
    for _nodeid, unit, points, _name in selected_tests():
        totals[unit] = totals.get(unit, 0.0) + points
    return {unit: totals[unit] for unit in unit_order(totals)}
