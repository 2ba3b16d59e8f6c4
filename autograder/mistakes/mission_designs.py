"""Mission designs the grader must judge: honest ones (full credit) and gaming ones (0, with the reason).

Each `MissionDesign` is code appended to a copy of the reference mission module
(`solutions/iris_mission.py` or `solutions/digits_mission.py`): it redefines
`train` (the reference's stays reachable as `_reference_train`). Honest designs
train the submission's own network and compute the scores with it, whatever
the preprocessing, optimizer or post-processing; gaming designs get their
scores some other way and must score 0 with a message containing `reason`.

Used by tests/grading/test_mission_designs.py (every design graded) and by
bench/missions.py (the figures in bench/README.md).
"""
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

SOLUTIONS_DIR = Path(__file__).resolve().parents[2] / "solutions"


@dataclass(frozen=True)
class MissionDesign:
    name: str
    module: str          # "iris_mission" or "digits_mission"
    honest: bool
    source: str          # appended to the module; `_reference_train` is the reference's train
    reason: tuple = ()   # for gaming designs: the feedback contains one of these

    def write_submission(self, folder):
        """A copy of solutions/*.py with this design appended to its module; returns the folder."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for source in SOLUTIONS_DIR.glob("*.py"):
            shutil.copy(source, folder / source.name)
        if "iris_table" in self.source:       # the labelled data, pasted in as a student could
            from solutions.data import load_iris

            x, t = load_iris()
            (folder / "iris_table.py").write_text(f"X = {x.tolist()!r}\nT = {t.tolist()!r}\n", encoding="utf-8")
        path = folder / f"{self.module}.py"
        path.write_text(path.read_text(encoding="utf-8") + "\n\n_reference_train = train\n\n"
                        + textwrap.dedent(self.source).strip() + "\n", encoding="utf-8")
        return folder


def gaming(name, module, *pieces, reason):
    """A gaming design made of code pieces (each dedented on its own, then joined)."""
    source = "\n".join(textwrap.dedent(piece).strip("\n") for piece in pieces)
    return MissionDesign(name, module, False, source, reason)


# ---------------------------------------------------------------- shared pieces of gaming code

_IRIS_LOOKUP = """
    class LookupTable:
        '''The shipped labelled data as a table: features -> class (class ids learned from t_train).'''

        def __init__(self, x_train, t_train):
            from .iris_table import T as t
            from .iris_table import X as x
            original = {tuple(row): label for row, label in zip(x, t)}
            renamed = {original[tuple(row)]: label for row, label in zip(x_train, t_train)}
            self.table = {row: renamed.get(label, label) for row, label in original.items()}

        def predict(self, x):
            scores = np.zeros((len(x), CLASS_COUNT))
            for i, row in enumerate(x):
                scores[i, self.table.get(tuple(row), 0)] = 1.0
            return scores
"""

_NEAREST_NEIGHBOUR = """
    class NearestNeighbour:
        def __init__(self, x_train, t_train, class_count):
            self.x, self.t, self.class_count = x_train, t_train, class_count

        def predict(self, x):
            distances = ((x[:, None, :] - self.x[None, :, :]) ** 2).sum(axis=2)
            return np.eye(self.class_count)[self.t[np.argmin(distances, axis=1)]]
"""

HONEST = (
    MissionDesign("reference", "iris_mission", True, "pass"),
    MissionDesign("Momentum, standardised inputs", "iris_mission", True, """
        from .optimizer import Momentum

        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            mean, std = x_train.mean(axis=0), x_train.std(axis=0)
            x = (x_train - mean) / std
            net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
            optimizer = Momentum(lr=0.05)
            for _ in range(1000):
                optimizer.update(net.params, net.gradient(x, t_train))
            return IrisClassifier(net, mean, std)
    """),
    MissionDesign("Adam, min-max scaling, softmax scores in mini-batches", "iris_mission", True, """
        from .functions import softmax
        from .optimizer import Adam

        class MinMaxClassifier:
            def __init__(self, net, low, high):
                self.net, self.low, self.high = net, low, high

            def predict(self, x):
                x = (x - self.low) / (self.high - self.low)
                return np.concatenate([softmax(self.net.predict(x[i:i + 8])) for i in range(0, len(x), 8)])

        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            low, high = x_train.min(axis=0), x_train.max(axis=0)
            x = (x_train - low) / (high - low)
            net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
            optimizer = Adam(lr=0.01)
            for _ in range(1500):
                optimizer.update(net.params, net.gradient(x, t_train))
            return MinMaxClassifier(net, low, high)
    """),
    MissionDesign("an ensemble of two networks", "iris_mission", True, """
        from .functions import softmax

        class Ensemble:
            def __init__(self, models):
                self.models = models

            def predict(self, x):
                return sum(softmax(model.predict(x)) for model in self.models) / len(self.models)

        def train(x_train, t_train, seed=0, log=None):
            return Ensemble([_reference_train(x_train, t_train, seed=seed + k) for k in range(2)])
    """),
    MissionDesign("reference", "digits_mission", True, "pass"),
    MissionDesign("MultiLayerNet with batch norm and dropout, Adam", "digits_mission", True, """
        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            x = x_train / MAX_PIXEL_VALUE
            net = MultiLayerNet(PIXEL_COUNT, [100, 100], CLASS_COUNT, weight_init_std="he",
                                use_batchnorm=True, use_dropout=True, dropout_ratio=0.15)
            optimizer = Adam(lr=0.01)
            for epoch in range(20):
                order = np.random.permutation(len(x))
                for start in range(0, len(x), 100):
                    batch = order[start:start + 100]
                    optimizer.update(net.params, net.gradient(x[batch], t_train[batch]))
            return DigitsClassifier(net)
    """),
    MissionDesign("TwoLayerNet, standardised pixels, best epoch kept as a deep copy", "digits_mission", True, """
        import copy

        from .two_layer_net import TwoLayerNet

        class Standardised:
            def __init__(self, net, mean, std):
                self.net, self.mean, self.std = net, mean, std

            def predict(self, x):
                return self.net.predict((x - self.mean) / self.std)

        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-3
            x = (x_train - mean) / std
            net = TwoLayerNet(PIXEL_COUNT, 100, CLASS_COUNT, weight_init_std=0.1)
            optimizer = Adam(lr=0.005)
            best, best_accuracy = None, -1.0
            for epoch in range(15):
                order = np.random.permutation(len(x))
                for start in range(0, len(x), 100):
                    batch = order[start:start + 100]
                    optimizer.update(net.params, net.gradient(x[batch], t_train[batch]))
                accuracy = net.accuracy(x, t_train)
                if accuracy > best_accuracy:
                    best, best_accuracy = copy.deepcopy(net), accuracy
            return Standardised(best, mean, std)
    """),
)

GAMING = (
    gaming("a lookup table of the shipped labelled data", "iris_mission", _IRIS_LOOKUP, """
        def train(x_train, t_train, seed=0, log=None):
            return LookupTable(x_train, t_train)
    """, reason=("never ran your network",)),
    gaming("1-nearest-neighbour, no network", "iris_mission", _NEAREST_NEIGHBOUR, """
        def train(x_train, t_train, seed=0, log=None):
            return NearestNeighbour(x_train, t_train, CLASS_COUNT)
    """, reason=("never ran your network",)),
    gaming("closed-form least squares, no network", "iris_mission", """
        class LeastSquares:
            def __init__(self, weights):
                self.weights = weights

            def predict(self, x):
                return np.hstack([x, np.ones((len(x), 1))]) @ self.weights

        def train(x_train, t_train, seed=0, log=None):
            inputs = np.hstack([x_train, np.ones((len(x_train), 1))])
            weights, *_ = np.linalg.lstsq(inputs, np.eye(CLASS_COUNT)[t_train], rcond=None)
            return LeastSquares(weights)
    """, reason=("never ran your network",)),
    gaming("training deferred to predict (network built there)", "iris_mission", """
        class Deferred:
            def __init__(self, x_train, t_train, seed):
                self.x_train, self.t_train, self.seed = x_train, t_train, seed

            def predict(self, x):
                return _reference_train(self.x_train, self.t_train, seed=self.seed).predict(x)

        def train(x_train, t_train, seed=0, log=None):
            return Deferred(x_train, t_train, seed)
    """, reason=("built during predict()",)),
    gaming("training deferred to predict (network built in train)", "iris_mission", """
        class TrainsWhenAsked:
            def __init__(self, net, x, t, mean, std):
                self.net, self.x, self.t, self.mean, self.std = net, x, t, mean, std

            def predict(self, x):
                optimizer = SGD(lr=0.1)
                for _ in range(2000):
                    optimizer.update(self.net.params, self.net.gradient(self.x, self.t))
                return self.net.predict((x - self.mean) / self.std)

        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            mean, std = x_train.mean(axis=0), x_train.std(axis=0)
            net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
            return TrainsWhenAsked(net, (x_train - mean) / std, t_train, mean, std)
    """, reason=("changed your network's parameters",)),
    gaming("training left running in a thread", "iris_mission", """
        import threading

        class Background:
            def __init__(self, x_train, t_train, seed):
                self.done = {}
                self.thread = threading.Thread(
                    target=lambda: self.done.update(model=_reference_train(x_train, t_train, seed=seed)))
                self.thread.start()

            def predict(self, x):
                self.thread.join()
                return self.done["model"].predict(x)

        def train(x_train, t_train, seed=0, log=None):
            return Background(x_train, t_train, seed)
    """, reason=("still running",)),
    gaming("a trained network whose output is ignored (nearest neighbour answers)", "iris_mission",
           _NEAREST_NEIGHBOUR, """
        class IgnoresTheNetwork:
            def __init__(self, model, x_train, t_train):
                self.model, self.other = model, NearestNeighbour(x_train, t_train, CLASS_COUNT)

            def predict(self, x):
                self.model.predict(x)
                return self.other.predict(x)

        def train(x_train, t_train, seed=0, log=None):
            return IgnoresTheNetwork(_reference_train(x_train, t_train, seed=seed), x_train, t_train)
    """, reason=("did not give", "set to zero")),
    gaming("a network plus a lookup side channel", "iris_mission", _IRIS_LOOKUP, """
        class SideChannel:
            def __init__(self, model, table):
                self.model, self.table = model, table

            def predict(self, x):
                return self.model.predict(x) + 100.0 * self.table.predict(x)

        def train(x_train, t_train, seed=0, log=None):
            return SideChannel(_reference_train(x_train, t_train, seed=seed), LookupTable(x_train, t_train))
    """, reason=("did not give", "set to zero")),
    gaming("a TwoLayerNet subclass whose predict is a lookup", "iris_mission", _IRIS_LOOKUP, """
        class LookupNet(TwoLayerNet):
            table = None

            def predict(self, x):
                if self.table is not None:
                    return self.table.predict(x)
                return super().predict(x)

        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            net = LookupNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
            net.gradient(x_train, t_train)
            net.params["W1"] += 1.0
            net.table = LookupTable(x_train, t_train)
            return net
    """, reason=("never ran your network",)),
    gaming("a trained network's predict replaced on the instance", "iris_mission", _IRIS_LOOKUP, """
        def train(x_train, t_train, seed=0, log=None):
            model = _reference_train(x_train, t_train, seed=seed)
            model.net.predict = LookupTable(x_train, t_train).predict
            return model
    """, reason=("never ran your network",)),
    gaming("answers remembered by input and replayed", "iris_mission", """
        class Remembers:
            def __init__(self, model):
                self.model, self.answers = model, {}

            def predict(self, x):
                key = hash(x.tobytes())
                if key not in self.answers:
                    self.answers[key] = self.model.predict(x)
                return self.answers[key]

        def train(x_train, t_train, seed=0, log=None):
            return Remembers(_reference_train(x_train, t_train, seed=seed))
    """, reason=("did not run your network",)),
    gaming("a network with a lookup fallback when its scores are flat", "iris_mission", _IRIS_LOOKUP, """
        class Fallback:
            def __init__(self, model, table):
                self.model, self.table = model, table

            def predict(self, x):
                scores = self.model.predict(x)
                if np.ptp(scores) == 0:
                    return self.table.predict(x)
                return scores

        def train(x_train, t_train, seed=0, log=None):
            return Fallback(_reference_train(x_train, t_train, seed=seed), LookupTable(x_train, t_train))
    """, reason=("set to zero",)),
    gaming("one trained model kept and reused for every split", "iris_mission", """
        _kept = []

        def train(x_train, t_train, seed=0, log=None):
            if not _kept:
                _kept.append(_reference_train(x_train, t_train, seed=seed))
            return _kept[0]
    """, reason=("existed before this call",)),
    gaming("a network fitted in closed form (no gradient descent)", "iris_mission", """
        def train(x_train, t_train, seed=0, log=None):
            np.random.seed(seed)
            mean, std = x_train.mean(axis=0), x_train.std(axis=0)
            x = (x_train - mean) / std
            net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT)
            net.params["W1"][...] = np.hstack([np.eye(4), -np.eye(4)[:, :2]])
            net.params["b1"][...] = 0.0
            hidden = np.maximum(x @ net.params["W1"], 0.0)
            inputs = np.hstack([hidden, np.ones((len(x), 1))])
            weights, *_ = np.linalg.lstsq(inputs, np.eye(CLASS_COUNT)[t_train], rcond=None)
            net.params["W2"][...] = weights[:-1]
            net.params["b2"][...] = weights[-1]
            return IrisClassifier(net, mean, std)
    """, reason=("never called your network's gradient",)),
    gaming("1-nearest-neighbour, no network", "digits_mission", _NEAREST_NEIGHBOUR, """
        def train(x_train, t_train, seed=0, log=None):
            return NearestNeighbour(x_train, t_train, CLASS_COUNT)
    """, reason=("never ran your network",)),
)

DESIGNS = HONEST + GAMING
