"""The one home of the checks' tolerances: what an accepted variant may differ by, unit by unit.

A tolerance that accepts a variant in a unit's own check is accepted wherever that unit is
used: a network made of layers is compared with the loosest tolerance of the layers it uses
(`network_tolerance`), so a BatchNormalization with eps 1e-5 passes MultiLayerNet's checks
as it passes its own.

Each tolerance is a dict {"rtol", "atol"}: |got - expected| <= atol + rtol * |expected|.
"""

# Pure arithmetic, the same operations in another order.
EXACT = {"rtol": 1e-9, "atol": 1e-12}

# eps inside the log anywhere in [0, 1e-7] moves -log(y_true + eps) by <= 1e-7 / y_true;
# checks keep y_true >= MIN_TRUE_PROBABILITY (checks.inputs), so by <= 2e-6.
CROSS_ENTROPY_TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}

# BN eps in [1e-8, 1e-5] vs the reference's 1e-6 moves xhat by <= 0.5 * 1e-5 / var relatively;
# every batch a check feeds to a BatchNormalization (alone or in a network) has var >= MIN_BATCH_VARIANCE.
BATCH_NORM_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}
MIN_BATCH_VARIANCE = 0.5

# A network without loss and BN: products and sums of float64 in another order.
NETWORK_TOLERANCE = {"rtol": 1e-7, "atol": 1e-9}

# Gradients compared with the reference's gradient (checks.backward): the relative error of each
# array on its own scale, or on FLOOR_FRACTION of the largest array's scale when smaller (a bias
# gradient that nearly cancels, BN's exact zero before normalisation). Accepted variants are
# <= 1e-5 off (BN eps, see above); the catalogue's mistakes >= 1e-1.
GRADIENT_RTOL = 1e-3
FLOOR_FRACTION = 0.02

# Convolution and Pooling (through im2col): the same products, sums and maxima in another order.
CONVOLUTION_TOLERANCE = EXACT

# The tolerance each layer's own checks accept, by the layer's name in the contract.
LAYER_TOLERANCE = {
    "Relu": NETWORK_TOLERANCE,
    "Sigmoid": NETWORK_TOLERANCE,
    "Affine": NETWORK_TOLERANCE,
    "Dropout": NETWORK_TOLERANCE,
    "SoftmaxWithLoss": CROSS_ENTROPY_TOLERANCE,
    "BatchNormalization": BATCH_NORM_TOLERANCE,
    "Convolution": CONVOLUTION_TOLERANCE,
    "Pooling": CONVOLUTION_TOLERANCE,
}


def loosest(*tolerances):
    """The tolerance accepting what each of `tolerances` accepts."""
    return {"rtol": max(t["rtol"] for t in tolerances), "atol": max(t["atol"] for t in tolerances)}


def network_tolerance(*layer_names):
    """The tolerance of a network's values made of these layers (names as in LAYER_TOLERANCE)."""
    return loosest(NETWORK_TOLERANCE, *(LAYER_TOLERANCE[name] for name in layer_names))
