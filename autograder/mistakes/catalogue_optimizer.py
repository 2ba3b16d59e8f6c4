"""Known mistakes in optimizer.py: the update rules."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    # SGD
    Mistake(
        name=N_("SGD rebinds params[key] instead of updating in place"),
        unit="optimizer.SGD",
        target="optimizer.SGD.update",
        hint=N_("params[key] = params[key] - ... puts a NEW array in the dict, and the network's layers keep "
                "the old one, so training never changes them: update in place with params[key] -= ..."),
        source="""
            def update(self, params, grads):
                for key in params.keys():
                    params[key] = params[key] - self.lr * grads[key]
        """,
    ),
    Mistake(
        name=N_("SGD adds the gradient"),
        unit="optimizer.SGD",
        target="optimizer.SGD.update",
        hint=N_("Gradient DEScent steps against the gradient: params[key] -= lr * grads[key]."),
        source="""
            def update(self, params, grads):
                for key in params.keys():
                    params[key] += self.lr * grads[key]
        """,
    ),
    # Momentum
    Mistake(
        name=N_("Momentum without the velocity (plain SGD)"),
        unit="optimizer.Momentum",
        target="optimizer.Momentum.update",
        hint=N_("Keep a velocity per key across calls (self.v, zeros on the first call): "
                "v = momentum * v - lr * g, then params[key] += v."),
        source="""
            def update(self, params, grads):
                for key in params.keys():
                    params[key] -= self.lr * grads[key]
        """,
    ),
    Mistake(
        name=N_("Momentum adds the velocity in the wrong direction"),
        unit="optimizer.Momentum",
        target="optimizer.Momentum.update",
        hint=N_("With v = momentum * v - lr * g the velocity already points downhill: add it, "
                "params[key] += v."),
        source="""
            def update(self, params, grads):
                if self.v is None:
                    self.v = {}
                    for key, val in params.items():
                        self.v[key] = np.zeros_like(val)
                for key in params.keys():
                    self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
                    params[key] -= self.v[key]
        """,
    ),
    # AdaGrad
    Mistake(
        name=N_("AdaGrad without eps (division by zero)"),
        unit="optimizer.AdaGrad",
        target="optimizer.AdaGrad.update",
        hint=N_("Where a gradient is 0, h is 0 too and 0 / sqrt(0) is nan: add a small eps (1e-7) to "
                "np.sqrt(h) in the denominator."),
        source="""
            def update(self, params, grads):
                if self.h is None:
                    self.h = {}
                    for key, val in params.items():
                        self.h[key] = np.zeros_like(val)
                for key in params.keys():
                    self.h[key] += grads[key] * grads[key]
                    params[key] -= self.lr * grads[key] / np.sqrt(self.h[key])
        """,
    ),
    Mistake(
        name=N_("AdaGrad h not accumulated"),
        unit="optimizer.AdaGrad",
        target="optimizer.AdaGrad.update",
        hint=N_("h is the running SUM of squared gradients over all steps: h += g * g, not h = g * g."),
        source="""
            def update(self, params, grads):
                if self.h is None:
                    self.h = {}
                    for key, val in params.items():
                        self.h[key] = np.zeros_like(val)
                for key in params.keys():
                    self.h[key] = grads[key] * grads[key]
                    params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
        """,
    ),
    # RMSprop
    Mistake(
        name=N_("RMSprop accumulates like AdaGrad"),
        unit="optimizer.RMSprop",
        target="optimizer.RMSprop.update",
        hint=N_("RMSprop forgets old gradients: h = decay_rate * h + (1 - decay_rate) * g * g, not h += g * g."),
        source="""
            def update(self, params, grads):
                if self.h is None:
                    self.h = {}
                    for key, val in params.items():
                        self.h[key] = np.zeros_like(val)
                for key in params.keys():
                    self.h[key] += grads[key] * grads[key]
                    params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
        """,
    ),
    Mistake(
        name=N_("RMSprop with decay_rate and 1 - decay_rate swapped"),
        unit="optimizer.RMSprop",
        target="optimizer.RMSprop.update",
        hint=N_("decay_rate weighs the OLD h: h = decay_rate * h + (1 - decay_rate) * g * g."),
        source="""
            def update(self, params, grads):
                if self.h is None:
                    self.h = {}
                    for key, val in params.items():
                        self.h[key] = np.zeros_like(val)
                for key in params.keys():
                    self.h[key] = (1 - self.decay_rate) * self.h[key] + self.decay_rate * grads[key] * grads[key]
                    params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)
        """,
    ),
    # Adam
    Mistake(
        name=N_("Adam without bias correction"),
        unit="optimizer.Adam",
        target="optimizer.Adam.update",
        hint=N_("m and v start at 0 and are biased towards 0 in the first steps: divide them by "
                "1 - beta1**t and 1 - beta2**t before the update."),
        source="""
            def update(self, params, grads):
                if self.m is None:
                    self.m, self.v = {}, {}
                    for key, val in params.items():
                        self.m[key] = np.zeros_like(val)
                        self.v[key] = np.zeros_like(val)
                self.t += 1
                for key in params.keys():
                    self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
                    self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
                    params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
        """,
    ),
    Mistake(
        name=N_("Adam with the step count starting at 0"),
        unit="optimizer.Adam",
        target="optimizer.Adam.update",
        hint=N_("With t = 0, 1 - beta1**t is 0 and the update divides by zero (inf, nan): "
                "increment t BEFORE the bias correction, so the first step has t = 1."),
        source="""
            def update(self, params, grads):
                if self.m is None:
                    self.m, self.v = {}, {}
                    for key, val in params.items():
                        self.m[key] = np.zeros_like(val)
                        self.v[key] = np.zeros_like(val)
                for key in params.keys():
                    self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
                    self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
                    m_hat = self.m[key] / (1 - self.beta1 ** self.t)
                    v_hat = self.v[key] / (1 - self.beta2 ** self.t)
                    params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
                self.t += 1
        """,
    ),
    Mistake(
        name=N_("Adam step count incremented once per key"),
        unit="optimizer.Adam",
        target="optimizer.Adam.update",
        hint=N_("t counts update calls, not parameters: move self.t += 1 out of the loop over keys "
                "(or keep one count per key)."),
        source="""
            def update(self, params, grads):
                if self.m is None:
                    self.m, self.v = {}, {}
                    for key, val in params.items():
                        self.m[key] = np.zeros_like(val)
                        self.v[key] = np.zeros_like(val)
                for key in params.keys():
                    self.t += 1
                    self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
                    self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
                    m_hat = self.m[key] / (1 - self.beta1 ** self.t)
                    v_hat = self.v[key] / (1 - self.beta2 ** self.t)
                    params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
        """,
    ),
)
