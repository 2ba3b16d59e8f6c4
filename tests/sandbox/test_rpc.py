"""The RPC as the hidden suites use it, against one well-behaved submission."""
import numpy as np
import pytest

from autograder.sandbox import NotPlainData, RemoteError, RemoteRef, SubmissionWorker, WorkerDied

from .conftest import FAST, write_submission

FILES = {
    "functions.py": """
        import numpy as np
        import warnings

        def sigmoid(x):
            return 1 / (1 + np.exp(-x))

        def echo(value):
            return value

        def not_done(x):
            raise NotImplementedError("sigmoid is not implemented yet")

        def chatty(x):
            print("forward pass:", x)
            warnings.warn("learning rate looks large")
            return x

        def late_imports():
            import csv, decimal, unittest, sqlite3        # stdlib, some with C extensions
            return str(decimal.Decimal("1.5"))

        def pair(x):
            return x, Box(x)

        class Box:
            def __init__(self, value):
                self.value = value
                self.items = {"a": np.arange(3.0)}

            def total(self):
                return float(np.sum(self.value))
    """,
    "gradient.py": """
        import numpy as np

        def numerical_gradient(f, x):
            h = 1e-4
            grad = np.zeros_like(x)
            it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
            while not it.finished:
                idx = it.multi_index
                tmp = x[idx]
                x[idx] = tmp + h
                fxh1 = f(x)
                x[idx] = tmp - h
                fxh2 = f(x)
                grad[idx] = (fxh1 - fxh2) / (2 * h)
                x[idx] = tmp
                it.iternext()
            return grad
    """,
    "optimizer.py": """
        class SGD:
            def __init__(self, lr=0.01):
                self.lr = lr

            def update(self, params, grads):
                for key in params:
                    params[key] -= self.lr * grads[key]

        class RebindingSGD(SGD):
            def update(self, params, grads):
                for key in params:
                    params[key] = params[key] - self.lr * grads[key]

        def scale_rows(rows, factor):
            for row in rows:
                row *= factor
            rows.append("appended")

        def shorten(rows):
            rows[0] = "rebound"
            del rows[2:]
    """,
    # relative import of a sibling
    "layers.py": """
        import numpy as np
        from .functions import sigmoid

        class Affine:
            def __init__(self, W, b):
                self.W, self.b = W, b

            def forward(self, x):
                self.x = x
                return x @ self.W + self.b

            def backward(self, dout):
                self.dW = self.x.T @ dout
                self.db = dout.sum(axis=0)
                return dout @ self.W.T

        class Sigmoid:
            def forward(self, x):
                self.out = sigmoid(x)
                return self.out
    """,
    # plain imports of siblings
    "two_layer_net.py": """
        import numpy as np
        from layers import Affine
        import functions

        class TwoLayerNet:
            def __init__(self, input_size, hidden_size, output_size):
                rng = np.random.default_rng(0)
                self.params = {"W1": rng.standard_normal((input_size, hidden_size)),
                               "b1": np.zeros(hidden_size),
                               "W2": rng.standard_normal((hidden_size, output_size)),
                               "b2": np.zeros(output_size)}
                self.layer1 = Affine(self.params["W1"], self.params["b1"])

            def loss(self, x, t):
                h = functions.sigmoid(self.layer1.forward(x))
                y = h @ self.params["W2"] + self.params["b2"]
                return float(0.5 * np.sum((y - t) ** 2))
    """,
    "broken.py": """
        def f(:
            pass
    """,
}


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    folder = write_submission(tmp_path_factory.mktemp("rpc") / "submission", FILES)
    with SubmissionWorker(str(folder), FAST) as w:
        yield w


@pytest.mark.parametrize("value", [None, True, 3, 2.5, float("inf"), "text", [1, [2.0]], (1, (2,)),
                                   {"a": 1, 5: "five"}, 1 - 1j,
                                   np.arange(6.0).reshape(2, 3), np.array(True), np.arange(4, dtype=np.int8)])
def test_every_plain_type_round_trips_through_the_worker(worker, value):
    back = worker.module("functions").echo(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape
        np.testing.assert_array_equal(back, value)
    else:
        assert back == value and type(back) is type(value)


def test_a_call_returns_decoded_arrays(worker):
    x = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(worker.module("functions").sigmoid(x), 1 / (1 + np.exp(-x)))


def test_the_standard_library_imports_lazily_in_the_worker(worker):
    assert worker.module("functions").late_imports() == "1.5"


def test_objects_stay_in_the_worker_as_handles(worker):
    net = worker.module("two_layer_net").TwoLayerNet(4, 5, 3)
    assert isinstance(net, RemoteRef)
    assert worker.isinstance_name(net, "TwoLayerNet") and worker.type_name(net) == "TwoLayerNet"
    assert "two_layer_net.TwoLayerNet" in repr(net)
    W1 = net.params["W1"]                        # lazy: no request yet
    assert W1.fetch().shape == (4, 5)
    loss = net.loss(np.ones((2, 4)), np.zeros((2, 3)))
    assert isinstance(loss, float)


def test_mixed_results_decode_containers_and_keep_objects(worker):
    x = np.arange(3.0)
    same, box = worker.module("functions").pair(x)
    np.testing.assert_array_equal(same, x)
    assert isinstance(box, RemoteRef) and box.total() == 3.0
    np.testing.assert_array_equal(box.items["a"].fetch(), np.arange(3.0))


def test_fetch_of_an_object_is_a_type_error(worker):
    box = worker.module("functions").Box(1.0)
    with pytest.raises(TypeError, match="Box"):
        box.fetch()
    with pytest.raises(NotPlainData):
        box.fetch()


def test_assign_writes_in_place_and_layers_see_it(worker):
    net = worker.module("two_layer_net").TwoLayerNet(2, 2, 1)
    W1 = net.params["W1"]
    W1.assign(np.zeros((2, 2)))
    # The layer holds a reference to the same array: it sees the new values.
    np.testing.assert_array_equal(net.layer1.W.fetch(), np.zeros((2, 2)))
    assert worker.is_same(net.layer1.W, net.params["W1"])
    net.params.set_item("b1", np.ones(2))
    net.set_attr("note", "set from the grader")
    assert net.note.fetch() == "set from the grader"
    np.testing.assert_array_equal(net.params["b1"].fetch(), np.ones(2))
    net.params["b2"][...] = np.full(1, 7.0)      # item assignment through a lazy path
    assert net.params["b2"].fetch()[0] == 7.0


def test_assign_each_writes_every_array_in_place_in_one_request(worker):
    net = worker.module("two_layer_net").TwoLayerNet(2, 2, 1)
    calls = worker.stats.calls
    net.params.assign_each({"W1": np.full((2, 2), 3.0), "b1": np.full(2, -1.0)})
    assert worker.stats.calls == calls + 1
    np.testing.assert_array_equal(net.layer1.W.fetch(), np.full((2, 2), 3.0))   # the layer's own array
    np.testing.assert_array_equal(net.params["b1"].fetch(), np.full(2, -1.0))
    with pytest.raises(RemoteError, match="KeyError"):
        net.params.assign_each({"W9": np.zeros(1)})
    with pytest.raises(RemoteError, match="broadcast"):
        net.params.assign_each({"W1": np.zeros(5)})


def test_put_returns_a_reference_to_the_stored_object(worker):
    xr = worker.put(np.array([1.0, 2.0]))
    assert worker.type_name(xr) == "ndarray"
    np.testing.assert_array_equal(xr.fetch(), [1.0, 2.0])
    np.testing.assert_array_equal(worker.module("functions").echo(xr), [1.0, 2.0])


def test_numerical_gradient_perturbs_the_closure_target_in_place(worker):
    x = np.array([[0.5, -1.5], [2.0, 3.0]])
    xr = worker.put(x)
    f = worker.function("sum_of_squares", target=xr)
    g = worker.module("gradient").numerical_gradient(f, xr)
    np.testing.assert_allclose(g, 2 * x, rtol=1e-6)
    np.testing.assert_array_equal(xr.fetch(), x)            # restored exactly


def test_catalogue_functions(worker):
    w = np.array([1.0, -2.0])
    f = worker.function("weighted_sum_of_sines", weights=w)
    assert f(np.array([0.3, 0.4])) == pytest.approx(np.sum(w * np.sin([0.3, 0.4])))
    net = worker.module("two_layer_net").TwoLayerNet(3, 4, 2)
    x, t = np.ones((2, 3)), np.zeros((2, 2))
    loss = worker.function("net_loss", net=net, x=x, t=t)
    assert loss(None) == pytest.approx(net.loss(x, t))
    # The network's numerical gradient through its own parameter array.
    g = worker.module("gradient").numerical_gradient(loss, net.params["b2"])
    assert g.shape == (2,)
    layer = worker.module("layers").Affine(np.eye(2), np.zeros(2))
    xr, weights = worker.put(np.array([[1.0, 2.0]])), np.array([[3.0, 4.0]])
    f = worker.function("layer_loss", layer=layer, x=xr, weights=weights)
    dx = worker.module("gradient").numerical_gradient(f, xr)
    np.testing.assert_allclose(dx, layer.backward(weights), rtol=1e-6)
    with pytest.raises(RemoteError, match="sum_of_squares"):
        worker.function("no_such_entry")


def test_in_place_updates_are_mirrored_into_the_callers_arrays(worker):
    W = np.ones((2, 2))
    params, grads = {"W": W}, {"W": np.full((2, 2), 0.5)}
    worker.module("optimizer").SGD(lr=0.1).update(params, grads)
    assert params["W"] is W
    np.testing.assert_allclose(W, 0.95)
    np.testing.assert_array_equal(grads["W"], 0.5)


def test_rebinding_is_mirrored_as_a_changed_identity(worker):
    W = np.ones((2, 2))
    params = {"W": W}
    worker.module("optimizer").RebindingSGD(lr=0.1).update(params, {"W": np.full((2, 2), 0.5)})
    assert params["W"] is not W
    np.testing.assert_allclose(params["W"], 0.95)
    np.testing.assert_array_equal(W, 1.0)                    # the old array was left alone


def test_list_arguments_are_mirrored(worker):
    rows = [np.ones(2), np.ones(3)]
    first = rows[0]
    worker.module("optimizer").scale_rows(rows, 2.0)
    assert len(rows) == 3 and rows[2] == "appended"
    np.testing.assert_array_equal(rows[0], [2.0, 2.0])
    assert rows[0] is first                                  # scaled in place, list extended


def test_shortened_lists_are_mirrored(worker):
    rows = [1, 2, 3, 4]
    worker.module("optimizer").shorten(rows)
    assert rows == ["rebound", 2]


def test_a_raising_function_gives_remote_error(worker):
    with pytest.raises(RemoteError) as caught:
        worker.module("functions").not_done(np.zeros(1))
    error = caught.value
    assert error.type_name == "NotImplementedError"
    assert error.message == "sigmoid is not implemented yet"
    assert 'File "functions.py", line 12, in not_done' in error.traceback
    assert "/tmp" not in error.traceback and "worker_session" not in error.traceback
    assert str(error) == "NotImplementedError: sigmoid is not implemented yet"


def test_a_missing_attribute_is_a_remote_attribute_error(worker):
    with pytest.raises(RemoteError) as caught:
        worker.module("functions").softmax(np.zeros(2))
    assert caught.value.type_name == "AttributeError" and "softmax" in caught.value.message


def test_a_syntax_error_names_file_and_line(worker):
    with pytest.raises(RemoteError) as caught:
        worker.module("broken")
    assert caught.value.type_name == "SyntaxError"
    assert "broken.py, line 2" in caught.value.message


def test_a_missing_module_names_the_expected_file(worker):
    with pytest.raises(RemoteError) as caught:
        worker.module("optimiser")
    assert caught.value.type_name == "ModuleNotFoundError"
    assert "optimiser.py" in caught.value.message


def test_relative_and_plain_imports_give_one_module(worker):
    layers = worker.module("layers")
    # layers' own `sigmoid` is functions.sigmoid handed on through hand_arrays_between_modules (a list it
    # returns reaches layers as an array), so the identity is checked on a class instead.
    assert layers.sigmoid(0.0) == worker.module("functions").sigmoid(0.0) == 0.5
    # two_layer_net does `from layers import Affine`: the same class, not a second copy.
    assert worker.is_same(layers.Affine, worker.module("two_layer_net").Affine)


def test_output_and_warnings_are_captured_per_call(worker):
    functions = worker.module("functions")
    functions.chatty(1)
    assert worker.last_output == "forward pass: 1\n"
    assert worker.last_warnings == ["UserWarning: learning rate looks large"]
    functions.sigmoid(np.array([-1000.0]))
    assert worker.last_output == ""
    assert worker.last_warnings == ["RuntimeWarning: overflow encountered in exp"]


def test_output_is_truncated(worker):
    worker.module("functions").chatty("x" * 1000)
    assert worker.last_output.startswith("forward pass: xxx")
    assert "output truncated" in worker.last_output and len(worker.last_output) < 300


def test_stats_split_worker_time_from_total(worker):
    before = worker.stats.calls
    worker.module("functions").sigmoid(np.zeros(3))
    assert worker.stats.calls == before + 2
    assert 0 < worker.stats.time_in_worker < worker.stats.time_total


def test_handles_die_with_their_worker(tmp_path):
    folder = write_submission(tmp_path / "s", {"functions.py": FILES["functions.py"]})
    with SubmissionWorker(str(folder), FAST) as w:
        box = w.module("functions").Box(2.0)
        w.restart()
        with pytest.raises(WorkerDied, match="restarted"):
            box.total()
        assert w.module("functions").Box(2.0).total() == 2.0
    with pytest.raises(WorkerDied):
        w.module("functions")
    assert not w.alive


def test_protections_are_reported(worker):
    assert "separate process" in worker.protections
    assert "rlimit memory 1024 MB" in worker.protections
    assert "per-call timeout 3 s" in worker.protections
