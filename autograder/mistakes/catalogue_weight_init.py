"""Known mistakes in weight_init.py: the scale of the initial weights."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    # he_init
    Mistake(
        name=N_("He init scaled by fan_out"),
        unit="weight_init.he_init",
        target="weight_init.he_init",
        hint=N_("He's variance is 2 / fan_in (the number of INPUTS of the layer, the first dimension): "
                "check which size you divide by."),
        source="""
            def he_init(fan_in, fan_out, rng=None):
                return _normal((fan_in, fan_out), rng) * np.sqrt(2.0 / fan_out)
        """,
    ),
    Mistake(
        name=N_("He init with Xavier's scale (1 / fan_in)"),
        unit="weight_init.he_init",
        target="weight_init.he_init",
        hint=N_("He's variance is 2 / fan_in, twice Xavier's 1 / fan_in (ReLU zeroes half the signal): "
                "multiply by np.sqrt(2.0 / fan_in)."),
        source="""
            def he_init(fan_in, fan_out, rng=None):
                return _normal((fan_in, fan_out), rng) * np.sqrt(1.0 / fan_in)
        """,
    ),
    Mistake(
        name=N_("He init with the variance used as the std (no square root)"),
        unit="weight_init.he_init",
        target="weight_init.he_init",
        hint=N_("2 / fan_in is the VARIANCE; standard normal draws are scaled by the std, "
                "np.sqrt(2.0 / fan_in)."),
        source="""
            def he_init(fan_in, fan_out, rng=None):
                return _normal((fan_in, fan_out), rng) * (2.0 / fan_in)
        """,
    ),
    Mistake(
        name=N_("He init ignores rng"),
        unit="weight_init.he_init",
        target="weight_init.he_init",
        hint=N_("When an rng (numpy.random.Generator) is given, draw from it: rng.standard_normal(...) or "
                "the provided _normal(shape, rng), not np.random.randn."),
        source="""
            def he_init(fan_in, fan_out, rng=None):
                return np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)
        """,
    ),
    # xavier_init
    Mistake(
        name=N_("Xavier init with He's scale (2 / fan_in)"),
        unit="weight_init.xavier_init",
        target="weight_init.xavier_init",
        hint=N_("The book's Xavier variance is 1 / fan_in (He's is 2 / fan_in): multiply by "
                "np.sqrt(1.0 / fan_in)."),
        source="""
            def xavier_init(fan_in, fan_out, rng=None):
                return _normal((fan_in, fan_out), rng) * np.sqrt(2.0 / fan_in)
        """,
    ),
    Mistake(
        name=N_("Xavier init scaled by fan_out"),
        unit="weight_init.xavier_init",
        target="weight_init.xavier_init",
        hint=N_("Xavier's variance is 1 / fan_in (the number of INPUTS, the first dimension), or Glorot's "
                "2 / (fan_in + fan_out); not 1 / fan_out."),
        source="""
            def xavier_init(fan_in, fan_out, rng=None):
                return _normal((fan_in, fan_out), rng) * np.sqrt(1.0 / fan_out)
        """,
    ),
)
