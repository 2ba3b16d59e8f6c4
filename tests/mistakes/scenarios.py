"""One small scenario per unit of the contract, for testing the mistake catalogue.

Each scenario takes the modules (contract module name -> module) and returns an
output on fixed inputs that tells every known mistake of its unit apart from
the reference and from the unit's other mistakes. A part that raises becomes
the string "raised <ExceptionType>", so one failing call does not hide the rest.
"""
import functools

import numpy as np

from solutions.data import load_digit_images, load_digits, load_iris, stratified_split

load_iris = functools.cache(load_iris)  # read once: every scenario run is a fresh train
load_digits = functools.cache(load_digits)
load_digit_images = functools.cache(load_digit_images)


def attempt(function, *args, **kwargs):
    """function(*args, **kwargs), or "raised <ExceptionType>" if it raises."""
    try:
        return function(*args, **kwargs)
    except Exception as error:
        return f"raised {type(error).__name__}"



# functions ----------------------------------------------------------------------------

def step_function(m):
    x = np.array([[-1.5, 0.0, 2.0], [0.5, -0.25, 3.0]])
    return attempt(m["functions"].step_function, x)


def sigmoid(m):
    x = np.array([-3.0, -0.5, 0.7, 2.0, 1000.0, -1000.0])
    return attempt(m["functions"].sigmoid, x)


def relu(m):
    x = np.array([[-1.5, 2.0, 0.25], [0.3, -0.2, 4.0]])
    return attempt(m["functions"].relu, x)


def softmax(m):
    softmax = m["functions"].softmax
    square = np.array([[0.2, -1.0, 0.5], [1.5, 0.3, -0.7], [-0.4, 0.9, 0.1]])
    wide = np.array([[0.1, 0.4, -0.3, 1.2], [-0.8, 0.6, 0.2, 0.0]])
    huge = np.array([[1000.0, 999.0, 998.5], [-1000.0, -998.0, -999.0]])
    return tuple(attempt(softmax, x) for x in (square, wide, huge, huge[0]))


def mean_squared_error(m):
    y = np.array([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]])
    t = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    return attempt(m["functions"].mean_squared_error, y, t)


def cross_entropy_error(m):
    cross_entropy_error = m["functions"].cross_entropy_error
    square = np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.25, 0.25, 0.5]])
    square_labels = np.array([1, 0, 2])
    square_one_hot = np.eye(3)[square_labels]
    wide = np.array([[0.1, 0.2, 0.3, 0.4], [0.7, 0.1, 0.1, 0.1]])
    wide_labels = np.array([3, 1])
    with_zero = np.array([[0.0, 0.5, 0.5], [0.3, 0.3, 0.4]])
    return (
        attempt(cross_entropy_error, square, square_one_hot),
        attempt(cross_entropy_error, square, square_labels),
        attempt(cross_entropy_error, wide, wide_labels),
        attempt(cross_entropy_error, wide, np.eye(4)[wide_labels]),
        attempt(cross_entropy_error, with_zero, np.array([0, 2])),
        attempt(cross_entropy_error, square[0], np.array(1)),
    )


# gradient -----------------------------------------------------------------------------

def numerical_gradient(m):
    numerical_gradient = m["gradient"].numerical_gradient
    x = np.array([[0.3, -1.2, 0.8], [1.5, -0.4, 0.1]])
    of_argument = attempt(numerical_gradient, lambda z: np.sum(z ** 3) + np.sum(np.sin(z)), x)
    x_after = x.copy()
    w = np.array([0.5, -0.7, 1.1])
    of_closure = attempt(numerical_gradient, lambda _: float(np.sum(w ** 3)), w)
    return of_argument, x_after, of_closure, w.copy()


# util ---------------------------------------------------------------------------------

# (input shape, filter_h, filter_w, stride, pad): overlapping patches, and stride 2 with padding on an odd size
CONV_GEOMETRIES = (((2, 3, 5, 6), 3, 3, 1, 0), ((2, 2, 5, 5), 3, 3, 2, 1))


def im2col(m):
    rng = np.random.default_rng(13)
    return tuple(attempt(m["util"].im2col, rng.standard_normal(shape), fh, fw, stride=stride, pad=pad)
                 for shape, fh, fw, stride, pad in CONV_GEOMETRIES)


def col2im(m):
    rng = np.random.default_rng(17)
    results = []
    for shape, fh, fw, stride, pad in CONV_GEOMETRIES:
        n, c, h, w = shape
        rows = n * ((h + 2 * pad - fh) // stride + 1) * ((w + 2 * pad - fw) // stride + 1)
        results.append(attempt(m["util"].col2im, rng.standard_normal((rows, c * fh * fw)), shape, fh, fw,
                               stride=stride, pad=pad))
    return tuple(results)


# layers -------------------------------------------------------------------------------

def _forward_backward(layer, x, dout):
    out = attempt(layer.forward, x.copy())
    dx = attempt(layer.backward, dout.copy())
    return out, dx


def relu_layer(m):
    x = np.array([[-1.5, 2.0, 0.25], [0.3, -0.2, 4.0]])
    dout = np.array([[0.1, -0.3, 0.7], [1.2, 0.4, -0.6]])
    return _forward_backward(m["layers"].Relu(), x, dout)


def sigmoid_layer(m):
    x = np.array([[-1.5, 2.0, 0.25], [0.3, -0.2, 4.0]])
    dout = np.array([[0.1, -0.3, 0.7], [1.2, 0.4, -0.6]])
    return _forward_backward(m["layers"].Sigmoid(), x, dout)


def affine_layer(m):
    rng = np.random.default_rng(3)
    W, b = rng.standard_normal((6, 4)), rng.standard_normal(4)
    x = rng.standard_normal((5, 2, 3))
    dout = rng.standard_normal((5, 4))
    layer = m["layers"].Affine(W, b)
    out, dx = _forward_backward(layer, x, dout)
    return out, dx, layer.dW, layer.db


def softmax_with_loss_layer(m):
    SoftmaxWithLoss = m["layers"].SoftmaxWithLoss
    scores = np.array([[0.2, -1.0, 0.5], [1.5, 0.3, -0.7], [-0.4, 0.9, 0.1]])
    labels = np.array([2, 0, 1])
    parts = []
    for t in (labels, np.eye(3)[labels]):
        layer = SoftmaxWithLoss()
        parts.append(attempt(layer.forward, scores.copy(), t.copy()))
        parts.append(attempt(layer.backward, 1))
    return tuple(parts)


def dropout_layer(m):
    np.random.seed(7)
    layer = m["layers"].Dropout(dropout_ratio=0.3)
    x = np.random.rand(40, 10) + 0.5
    out_train = attempt(layer.forward, x.copy(), True)
    dx = attempt(layer.backward, np.ones_like(x))
    out_test = attempt(layer.forward, x.copy(), False)
    return out_train, dx, out_test


def batch_normalization_layer(m):
    rng = np.random.default_rng(5)
    gamma, beta = rng.uniform(0.5, 1.5, 4), rng.standard_normal(4)
    x1, x2, x3 = (rng.standard_normal((6, 4)) * 2 + 1 for _ in range(3))
    dout = rng.standard_normal((6, 4))
    layer = m["layers"].BatchNormalization(gamma, beta, momentum=0.9)
    out1, dx = _forward_backward(layer, x1, dout)
    dgamma, dbeta = np.copy(layer.dgamma), np.copy(layer.dbeta)
    out2 = attempt(layer.forward, x2.copy(), True)
    out_test = attempt(layer.forward, x3.copy(), False)
    return out1, dx, dgamma, dbeta, out2, out_test, np.copy(layer.running_mean), np.copy(layer.running_var)


def convolution_layer(m):
    rng = np.random.default_rng(19)
    results = []
    for shape, fh, fw, stride, pad in CONV_GEOMETRIES:
        W, b = rng.standard_normal((3, shape[1], fh, fw)), rng.standard_normal(3)
        layer = m["layers"].Convolution(W, b, stride=stride, pad=pad)
        out = attempt(layer.forward, rng.standard_normal(shape))
        dout = rng.standard_normal(np.shape(out)) if not isinstance(out, str) else np.zeros(1)
        dx = attempt(layer.backward, dout)
        results.append((out, dx, getattr(layer, "dW", None), getattr(layer, "db", None)))
    return tuple(results)


def pooling_layer(m):
    rng = np.random.default_rng(23)
    results = []
    for shape, pool, stride in (((2, 3, 4, 4), 2, 2), ((2, 2, 5, 5), 3, 1)):
        x = rng.permutation(int(np.prod(shape))).reshape(shape) * 0.1
        layer = m["layers"].Pooling(pool, pool, stride=stride)
        out = attempt(layer.forward, x)
        dout = rng.standard_normal(np.shape(out)) if not isinstance(out, str) else np.zeros(1)
        results.append((out, attempt(layer.backward, dout)))
    return tuple(results)


# optimizer ----------------------------------------------------------------------------

def _three_updates(optimizer):
    rng = np.random.default_rng(11)
    params = {"W": rng.standard_normal((3, 4)), "b": rng.standard_normal(4)}
    held = dict(params)  # the arrays a network's layers would hold
    for _ in range(3):
        grads = {"W": rng.standard_normal((3, 4)), "b": rng.standard_normal(4)}
        grads["W"][0, 0] = 0.0  # a parameter that gets no gradient
        result = attempt(optimizer.update, params, grads)
        if isinstance(result, str):
            return result
    return {key: np.copy(value) for key, value in held.items()}, {k: np.copy(v) for k, v in params.items()}


def sgd(m):
    return _three_updates(m["optimizer"].SGD(lr=0.1))


def momentum(m):
    return _three_updates(m["optimizer"].Momentum(lr=0.1, momentum=0.9))


def adagrad(m):
    return _three_updates(m["optimizer"].AdaGrad(lr=0.1))


def rmsprop(m):
    return _three_updates(m["optimizer"].RMSprop(lr=0.1, decay_rate=0.9))


def adam(m):
    return _three_updates(m["optimizer"].Adam(lr=0.1))


# weight_init --------------------------------------------------------------------------

def he_init(m):
    np.random.seed(0)
    return attempt(m["weight_init"].he_init, 30, 10, rng=np.random.default_rng(1))


def xavier_init(m):
    np.random.seed(0)
    return attempt(m["weight_init"].xavier_init, 30, 10, rng=np.random.default_rng(1))


# networks -----------------------------------------------------------------------------

def _batches():
    rng = np.random.default_rng(2)
    x1, x2 = rng.standard_normal((6, 4)), rng.standard_normal((6, 4))
    t1, t2 = rng.integers(0, 3, 6), rng.integers(0, 3, 6)
    return x1, t1, x2, t2


def two_layer_net(m):
    np.random.seed(0)
    net = m["two_layer_net"].TwoLayerNet(4, 5, 3, weight_init_std=0.5)
    x1, t1, x2, t2 = _batches()
    net.loss(x1, t1)  # an earlier forward, on other inputs
    return attempt(net.gradient, x2, t2)


def multi_layer_net(m):
    MultiLayerNet = m["multi_layer_net"].MultiLayerNet
    x1, t1, x2, t2 = _batches()

    def batchnorm_gradient():
        np.random.seed(0)
        net = MultiLayerNet(4, [5, 5], 3, weight_decay_lambda=0.1, use_batchnorm=True)
        net.loss(x1, t1, train_flg=True)  # an earlier training forward, on other inputs
        return net.gradient(x2, t2)

    def with_l1():
        np.random.seed(1)
        net = MultiLayerNet(4, [5, 5], 3, weight_decay_lambda=0.1, l1_lambda=0.05)
        return net.loss(x2, t2), net.gradient(x2, t2)

    def with_dropout():
        np.random.seed(2)  # the weights and the masks
        net = MultiLayerNet(4, [5, 5], 3, use_dropout=True, dropout_ratio=0.3)
        return net.predict(x2, train_flg=True), net.predict(x2, train_flg=False)

    return attempt(batchnorm_gradient), attempt(with_l1), attempt(with_dropout)


def simple_conv_net(m):
    np.random.seed(0)
    net = m["simple_conv_net"].SimpleConvNet((2, 6, 6), {"filter_num": 3, "filter_size": 3, "pad": 1, "stride": 1},
                                             hidden_size=5, output_size=3, weight_init_std=0.5)
    rng = np.random.default_rng(29)
    x1, x2 = rng.standard_normal((4, 2, 6, 6)), rng.standard_normal((4, 2, 6, 6))
    t1, t2 = np.eye(3)[rng.integers(0, 3, 4)], np.eye(3)[rng.integers(0, 3, 4)]
    net.loss(x1, t1)  # an earlier forward, on other inputs
    return attempt(net.predict, x2), attempt(net.gradient, x2, t2)


# missions -----------------------------------------------------------------------------

def iris_mission(m):
    x, t = load_iris()
    x_train, t_train, x_test, _ = stratified_split(x, t, 100, seed=0)
    model = m["iris_mission"].train(x_train, t_train, seed=0)
    return model.predict(x_test)


def digits_mission(m):
    x, t = load_digits()
    x_train, t_train, x_test, _ = stratified_split(x, t, 1200, seed=0)
    model = m["digits_mission"].train(x_train[:300], t_train[:300], seed=0)
    return model.predict(x_test[:50])


def cnn_mission(m):
    x, t = load_digit_images()
    x_train, t_train, x_test, _ = stratified_split(x, t, 1200, seed=0)
    model = m["cnn_mission"].train(x_train[:300], t_train[:300], seed=0)
    return model.predict(x_test[:50])


SCENARIOS = {
    "functions.step_function": step_function,
    "functions.sigmoid": sigmoid,
    "functions.relu": relu,
    "functions.softmax": softmax,
    "functions.mean_squared_error": mean_squared_error,
    "functions.cross_entropy_error": cross_entropy_error,
    "gradient.numerical_gradient": numerical_gradient,
    "util.im2col": im2col,
    "util.col2im": col2im,
    "layers.Relu": relu_layer,
    "layers.Sigmoid": sigmoid_layer,
    "layers.Affine": affine_layer,
    "layers.SoftmaxWithLoss": softmax_with_loss_layer,
    "layers.Dropout": dropout_layer,
    "layers.BatchNormalization": batch_normalization_layer,
    "layers.Convolution": convolution_layer,
    "layers.Pooling": pooling_layer,
    "optimizer.SGD": sgd,
    "optimizer.Momentum": momentum,
    "optimizer.AdaGrad": adagrad,
    "optimizer.RMSprop": rmsprop,
    "optimizer.Adam": adam,
    "weight_init.he_init": he_init,
    "weight_init.xavier_init": xavier_init,
    "two_layer_net.TwoLayerNet": two_layer_net,
    "multi_layer_net.MultiLayerNet": multi_layer_net,
    "simple_conv_net.SimpleConvNet": simple_conv_net,
    "iris_mission.train": iris_mission,
    "digits_mission.train": digits_mission,
    "cnn_mission.train": cnn_mission,
}
