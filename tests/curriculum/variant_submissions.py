"""Submissions built from the reference solutions with other correct variants, or with typical mistakes.

Each variant or mistake is code appended to a copy of a solution module: a later
definition of a name replaces the earlier one, so the copies follow the solutions
as they change. docs/CONTRACT.md lists the variants a fair grader accepts.
"""
import shutil
import textwrap
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS_DIR = REPO_ROOT / "solutions"

# Correct variants, split in two submissions where two values of one setting are accepted.
BOOK_STYLE_VARIANTS = {
    "functions.py": '''
        def step_function(x):  # a bool array is accepted
            return x > 0

        def sigmoid(x):  # naive: NumPy warns about an overflow for x = -1000, the value is right
            return 1 / (1 + np.exp(-x))
    ''',
    "gradient.py": '''
        DIFFERENCE_STEP = 1e-3
    ''',
    "layers.py": '''
        BATCH_NORM_EPSILON = 1e-5

        class Relu:  # the book's: zeroes dout in place
            def __init__(self):
                self.mask = None

            def forward(self, x):
                self.mask = x <= 0
                out = x.copy()
                out[self.mask] = 0
                return out

            def backward(self, dout):
                dout[self.mask] = 0
                return dout

        class Dropout:  # inverted dropout: train x * mask / (1 - ratio), test x
            def __init__(self, dropout_ratio=0.5):
                self.dropout_ratio = dropout_ratio
                self.mask = None

            def forward(self, x, train_flg=True):
                if train_flg:
                    self.mask = (np.random.rand(*x.shape) > self.dropout_ratio) / (1 - self.dropout_ratio)
                    return x * self.mask
                return x

            def backward(self, dout):
                return dout * self.mask

        class BatchNormalization(BatchNormalization):  # running_var from the unbiased batch variance
            def forward(self, x, train_flg=True):
                out = super().forward(x, train_flg)
                if train_flg:
                    n = x.shape[0]
                    self.running_var = self.running_var + (1 - self.momentum) * x.var(axis=0) * (n / (n - 1) - 1)
                return out
    ''',
    "optimizer.py": '''
        class Adam:  # the book's folded form
            def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
                self.lr, self.beta1, self.beta2 = lr, beta1, beta2
                self.iter, self.m, self.v = 0, None, None

            def update(self, params, grads):
                if self.m is None:
                    self.m = {key: np.zeros_like(val) for key, val in params.items()}
                    self.v = {key: np.zeros_like(val) for key, val in params.items()}
                self.iter += 1
                lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
                for key in params.keys():
                    self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
                    self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
                    params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
    ''',
    "weight_init.py": '''
        def xavier_init(fan_in, fan_out, rng=None):  # Glorot's N(0, 2 / (fan_in + fan_out))
            return _normal((fan_in, fan_out), rng) * np.sqrt(2.0 / (fan_in + fan_out))
    ''',
}

OTHER_VARIANTS = {
    "functions.py": '''
        LOG_EPSILON = 1e-9

        def step_function(x):  # a float array is accepted
            return np.where(x > 0, 1.0, 0.0)
    ''',
    "gradient.py": '''
        DIFFERENCE_STEP = 1e-6
    ''',
    "layers.py": '''
        BATCH_NORM_EPSILON = 1e-8
    ''',
    "optimizer.py": '''
        DIVISION_EPSILON = 1e-8
    ''',
}

# Typical mistakes, each one breaking one unit, with the tests that must catch it.
MISTAKES = {
    "functions.py": '''
        def softmax(x):  # max and sum over the whole batch, not per row
            exp_x = np.exp(x - np.max(x))
            return exp_x / np.sum(exp_x)

        def cross_entropy_error(y, t):  # sum over the batch, not the mean
            y = np.atleast_2d(y)
            t = np.asarray(t)
            if t.size == y.size:
                t = t.reshape(y.shape).argmax(axis=1)
            return float(-np.sum(np.log(y[np.arange(y.shape[0]), t.reshape(-1)] + 1e-7)))
    ''',
    "gradient.py": '''
        def numerical_gradient(f, x):  # evaluates f on a copy: closures over x see no change
            h = 1e-4
            grad = np.zeros_like(x)
            for i in np.ndindex(x.shape):
                shifted = x.copy()
                shifted[i] += h
                f_plus = f(shifted)
                shifted[i] -= 2 * h
                grad[i] = (f_plus - f(shifted)) / (2 * h)
            return grad
    ''',
    "layers.py": '''
        class Affine(Affine):  # db as a mean over the batch
            def backward(self, dout):
                dx = super().backward(dout)
                self.db = self.db / dout.shape[0]
                return dx

        class Dropout(Dropout):  # backward draws a new mask
            def backward(self, dout):
                return dout * (np.random.rand(*dout.shape) > self.dropout_ratio)

        class BatchNormalization(BatchNormalization):  # dx without the paths through mean and variance
            def backward(self, dout):
                super().backward(dout)
                return self.gamma * dout / self.std
    ''',
    "optimizer.py": '''
        class SGD(SGD):  # rebinds params[key] instead of updating in place
            def update(self, params, grads):
                for key in params:
                    params[key] = params[key] - self.lr * grads[key]

        class Adam(Adam):  # no bias correction
            def update(self, params, grads):
                if self.m is None:
                    self.m = {key: np.zeros_like(value) for key, value in params.items()}
                    self.v = {key: np.zeros_like(value) for key, value in params.items()}
                for key in params:
                    self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
                    self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
                    params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)
    ''',
    "weight_init.py": '''
        def he_init(fan_in, fan_out, rng=None):  # scaled by fan_out
            return _normal((fan_in, fan_out), rng) * np.sqrt(2.0 / fan_out)
    ''',
    "multi_layer_net.py": '''
        class MultiLayerNet(MultiLayerNet):  # forgets the weight-decay term of the W gradients
            def gradient(self, x, t):
                grads = super().gradient(x, t)
                for i in range(1, self.hidden_layer_num + 2):
                    grads[f"W{i}"] = grads[f"W{i}"] - self.weight_decay_lambda * self.params[f"W{i}"]
                return grads
    ''',
}

#: test-name fragments that MISTAKES must make fail (everything else keeps passing).
CAUGHT_BY = (
    "test_softmax_of_a_batch_works_row_by_row",
    "test_cross_entropy_of_a_batch_with_labels_is_the_mean",
    "test_cross_entropy_of_a_batch_with_one_hot_targets_is_the_mean",
    "test_numerical_gradient_changes_x_itself",
    "test_affine_backward_matches_numerical_gradient",
    "test_dropout_backward_uses_the_forward_mask",
    "test_batchnorm_backward_matches_numerical_gradient",
    "test_update_changes_the_parameter_arrays_in_place[SGD]",
    "test_adam_three_steps_follow_the_formula",
    "test_adam_defaults",
    "test_he_init_has_std_sqrt_2_over_fan_in",
    "test_he_initial_weights",
    "test_gradient_with_weight_decay_matches_numerical_gradient",
)


def build_submission(folder, appended_code):
    """Copy solutions/*.py into folder and append the given code to some modules; return folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for source in SOLUTIONS_DIR.glob("*.py"):
        shutil.copy(source, folder / source.name)
    for name, code in appended_code.items():
        with open(folder / name, "a", encoding="utf-8") as module:
            module.write("\n\n# --- appended for a test of the visible tests ---\n" + textwrap.dedent(code))
    return folder
