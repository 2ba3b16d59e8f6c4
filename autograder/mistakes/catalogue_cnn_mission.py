"""Known mistakes in cnn_mission.py: training SimpleConvNet on the 8x8 digit images."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("cnn train returns inside the mini-batch loop (one step)"),
        unit="cnn_mission.train",
        target="cnn_mission.train",
        hint=N_("The return statement is indented into the loop over mini-batches, so training stops "
                "after one update: dedent `return CnnClassifier(net)` out of both loops."),
        source="""
            def train(x_train, t_train, seed=0, log=None):
                np.random.seed(seed)
                x = x_train / MAX_PIXEL_VALUE
                net = SimpleConvNet(IMAGE_SHAPE, {"filter_num": 10, "filter_size": 3, "pad": 1, "stride": 1},
                                    100, CLASS_COUNT, weight_init_std=0.2)
                optimizer = Adam(lr=0.01)
                n = x.shape[0]
                for epoch in range(1, 16):
                    order = np.random.permutation(n)
                    for start in range(0, n, 100):
                        batch = order[start:start + 100]
                        optimizer.update(net.params, net.gradient(x[batch], t_train[batch]))
                        return CnnClassifier(net)
        """,
    ),
    Mistake(
        name=N_("cnn train with the images flattened to (N, 64)"),
        unit="cnn_mission.train",
        target="cnn_mission.train",
        hint=N_("SimpleConvNet takes images (N, 1, 8, 8): keep x_train's shape, so the filters slide over "
                "rows and columns of pixels."),
        source="""
            def train(x_train, t_train, seed=0, log=None):
                np.random.seed(seed)
                x = x_train.reshape(len(x_train), -1) / MAX_PIXEL_VALUE
                net = SimpleConvNet(IMAGE_SHAPE, {"filter_num": 10, "filter_size": 3, "pad": 1, "stride": 1},
                                    100, CLASS_COUNT, weight_init_std=0.2)
                optimizer = Adam(lr=0.01)
                n = x.shape[0]
                for epoch in range(1, 16):
                    order = np.random.permutation(n)
                    for start in range(0, n, 100):
                        batch = order[start:start + 100]
                        optimizer.update(net.params, net.gradient(x[batch], t_train[batch]))
                return CnnClassifier(net)
        """,
    ),
)
