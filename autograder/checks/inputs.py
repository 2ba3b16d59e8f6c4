"""Random inputs a fair check draws: away from ReLU's kink, probabilities kept moderate."""
import numpy as np

MIN_TRUE_PROBABILITY = 0.05   # >= 0.02 keeps the cross-entropy eps variants apart from the mistakes
RELU_MARGIN = 0.05            # no input closer to 0 than this (courses differ on relu'(0))


def away_from_zero(rng, shape, scale=2.0, margin=RELU_MARGIN):
    """Normal draws N(0, scale**2) with no entry closer than `margin` to 0."""
    x = rng.normal(0.0, scale, size=shape)
    return np.where(np.abs(x) < margin, np.where(x < 0, -1.0, 1.0) * (margin + np.abs(x)), x)


def probabilities(rng, shape):
    """Softmax of random scores along the last axis, every entry >= MIN_TRUE_PROBABILITY."""
    return _softmax(moderate_scores(rng, shape, scale=0.7))


def moderate_scores(rng, shape, scale=0.5):
    """Class scores whose softmax keeps every probability >= MIN_TRUE_PROBABILITY."""
    while True:
        scores = rng.normal(0.0, scale, size=shape)
        if _softmax(scores).min() >= MIN_TRUE_PROBABILITY:
            return scores


def _softmax(scores):
    p = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return p / p.sum(axis=-1, keepdims=True)
