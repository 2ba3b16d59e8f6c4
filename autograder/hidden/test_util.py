"""Hidden tests of util.py (checks in autograder/checks/util.py)."""
import pytest

from autograder.checks import util as checks


@pytest.mark.unit("util.im2col")
@pytest.mark.points(2)
def test_im2col(sub, rng):
    """im2col matches the reference: output size, row order (n, oh, ow), column order (c, fh, fw)"""
    checks.check_im2col(sub, rng)


@pytest.mark.unit("util.col2im")
@pytest.mark.points(2)
def test_col2im(sub, rng):
    """col2im matches the reference: overlapping patches add up, padding dropped"""
    checks.check_col2im(sub, rng)
