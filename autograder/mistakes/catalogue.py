"""The whole catalogue of known mistakes, in contract order, and look-up by unit.

Entries live beside their module, one file per contract module
(`catalogue_functions.py`, `catalogue_layers.py`, ...), each a tuple
``MISTAKES`` of `Mistake` records.
"""
from __future__ import annotations

from . import (
    catalogue_cnn_mission,
    catalogue_digits_mission,
    catalogue_functions,
    catalogue_gradient,
    catalogue_iris_mission,
    catalogue_layers,
    catalogue_multi_layer_net,
    catalogue_optimizer,
    catalogue_simple_conv_net,
    catalogue_two_layer_net,
    catalogue_util,
    catalogue_weight_init,
)
from .mistake import Mistake

MISTAKES: tuple[Mistake, ...] = (
    *catalogue_functions.MISTAKES,
    *catalogue_gradient.MISTAKES,
    *catalogue_util.MISTAKES,
    *catalogue_layers.MISTAKES,
    *catalogue_optimizer.MISTAKES,
    *catalogue_weight_init.MISTAKES,
    *catalogue_two_layer_net.MISTAKES,
    *catalogue_multi_layer_net.MISTAKES,
    *catalogue_simple_conv_net.MISTAKES,
    *catalogue_iris_mission.MISTAKES,
    *catalogue_digits_mission.MISTAKES,
    *catalogue_cnn_mission.MISTAKES,
)


def mistakes_for(unit: str) -> list[Mistake]:
    """The known mistakes of one unit ("layers.Affine"), in catalogue order (most telling first)."""
    return [mistake for mistake in MISTAKES if mistake.unit == unit]
