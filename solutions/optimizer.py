"""Parameter update rules (book chapter 6.1).

Each optimizer has ``update(params, grads)``: both are dicts of arrays with the
same keys. Parameters are updated **in place** (``params[key] -= ...``), never
rebound, because the network's layers hold references to these very arrays.
State (velocities, squared-gradient sums) is created on the first call, per key.
"""
import numpy as np

#: Keeps the adaptive methods from dividing by zero.
DIVISION_EPSILON = 1e-7


class SGD:
    """Stochastic gradient descent: p -= lr * g."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        ### BEGIN SOLUTION
        # TODO: for every key, subtract lr * grads[key] from params[key] in place (-=).
        for key in params:
            params[key] -= self.lr * grads[key]
        ### END SOLUTION


class Momentum:
    """Momentum SGD: v = momentum * v - lr * g; p += v."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        ### BEGIN SOLUTION
        # TODO: on the first call set self.v to a dict of zero arrays shaped like params;
        #   then for every key: v = momentum * v - lr * g, and add v to params[key] in place.
        if self.v is None:
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]
        ### END SOLUTION


class AdaGrad:
    """AdaGrad: h += g * g; p -= lr * g / (sqrt(h) + eps)."""

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        ### BEGIN SOLUTION
        # TODO: on the first call set self.h to zero arrays shaped like params; then for every
        #   key: h += g * g and params[key] -= lr * g / (sqrt(h) + DIVISION_EPSILON), in place.
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + DIVISION_EPSILON)
        ### END SOLUTION


class RMSprop:
    """RMSprop: h = decay_rate * h + (1 - decay_rate) * g * g; p -= lr * g / (sqrt(h) + eps)."""

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        ### BEGIN SOLUTION
        # TODO: like AdaGrad, but h is a moving average: h = decay_rate * h + (1 - decay_rate) * g * g.
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + DIVISION_EPSILON)
        ### END SOLUTION


class Adam:
    """Adam (Kingma & Ba 2015) with bias correction; the step count t starts at 1.

    m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g * g
    p -= lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t)
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.t = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        ### BEGIN SOLUTION
        # TODO: update params in place with bias-corrected Adam steps.
        #   On the first call create zero m and v per key. Every call: t += 1; update m and v;
        #   correct their bias (divide by 1 - beta1**t and 1 - beta2**t); then
        #   params[key] -= lr * m_hat / (sqrt(v_hat) + DIVISION_EPSILON), in place.
        if self.m is None:
            self.m = {key: np.zeros_like(value) for key, value in params.items()}
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        self.t += 1
        for key in params:
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1 ** self.t)
            v_hat = self.v[key] / (1 - self.beta2 ** self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + DIVISION_EPSILON)
        ### END SOLUTION
