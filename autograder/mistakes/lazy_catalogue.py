"""Every lazy answer of the battery, in contract order, and look-up by unit.

    from autograder.mistakes.lazy_catalogue import LAZY_ANSWERS, lazy_answers_for
"""
from __future__ import annotations

from . import lazy_functions, lazy_layers, lazy_networks, lazy_optimizer, lazy_util
from .lazy import LazyAnswer

LAZY_ANSWERS: tuple[LazyAnswer, ...] = (
    *lazy_functions.LAZY_ANSWERS,
    *lazy_util.LAZY_ANSWERS,
    *lazy_layers.LAZY_ANSWERS,
    *lazy_optimizer.LAZY_ANSWERS,
    *lazy_networks.LAZY_ANSWERS,
)


def lazy_answers_for(unit: str) -> list[LazyAnswer]:
    """The lazy answers of one unit, in catalogue order."""
    return [answer for answer in LAZY_ANSWERS if answer.unit == unit]
