"""Lazy answers for optimizer.py and weight_init.py: no-op, `+= 1`, sign steps; zeros, uniform draws."""
from .lazy import lazy

OPTIMIZERS = ("SGD", "Momentum", "AdaGrad", "RMSprop", "Adam")
UPDATES = {
    "a no-op": "pass",
    "params[key] += 1": "for key in params:\n        params[key] += 1",
    "a sign step": "for key in params:\n        params[key] -= self.lr * np.sign(grads[key])",
    "a plain SGD step": "for key in params:\n        params[key] -= self.lr * grads[key]",
}

OPTIMIZER_ANSWERS = tuple(
    lazy(f"optimizer.{name}", what, f"optimizer.{name}.update", f"def update(self, params, grads):\n    {body}\n")
    for name in OPTIMIZERS for what, body in UPDATES.items()
    if not (name == "SGD" and what == "a plain SGD step"))

INITS = {
    "zeros": "return np.zeros((fan_in, fan_out))",
    "uniform(-1, 1)": "return np.random.uniform(-1.0, 1.0, (fan_in, fan_out))",
    "uniform of the right standard deviation":
        "return np.random.uniform(-1.0, 1.0, (fan_in, fan_out)) * np.sqrt(3.0 * 2.0 / fan_in)",
    "a constant": "return np.full((fan_in, fan_out), np.sqrt(2.0 / fan_in))",
    "one fixed draw whatever rng": "return np.random.default_rng(0).standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)",
    "standard normal, not scaled": "return np.random.randn(fan_in, fan_out)",
}

INIT_ANSWERS = tuple(
    lazy(f"weight_init.{name}", what, f"weight_init.{name}", f"def {name}(fan_in, fan_out, rng=None):\n    {body}\n")
    for name in ("he_init", "xavier_init") for what, body in INITS.items())

LAZY_ANSWERS = (*OPTIMIZER_ANSWERS, *INIT_ANSWERS)
