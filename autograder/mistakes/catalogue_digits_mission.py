"""Known mistakes in digits_mission.py: training MultiLayerNet on 8x8 digits."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("digits train without the pixel scaling that predict applies"),
        unit="digits_mission.train",
        target="digits_mission.train",
        hint=N_("DigitsClassifier.predict divides the pixels by 16, so the network must be trained on "
                "x_train / MAX_PIXEL_VALUE too: train and predict must see inputs on the same scale."),
        source="""
            def train(x_train, t_train, seed=0, log=None):
                np.random.seed(seed)
                net = MultiLayerNet(PIXEL_COUNT, [100, 100], CLASS_COUNT,
                                    weight_init_std="he", use_batchnorm=True)
                optimizer = Adam(lr=0.01)
                n = x_train.shape[0]
                for epoch in range(1, 21):
                    order = np.random.permutation(n)
                    for start in range(0, n, 100):
                        batch = order[start:start + 100]
                        grads = net.gradient(x_train[batch], t_train[batch])
                        optimizer.update(net.params, grads)
                    if log is not None:
                        log.record(epoch, net.loss(x_train, t_train), net.accuracy(x_train, t_train))
                return DigitsClassifier(net)
        """,
    ),
    Mistake(
        name=N_("digits train returns inside the mini-batch loop (one step)"),
        unit="digits_mission.train",
        target="digits_mission.train",
        hint=N_("The return statement is indented into the loop over mini-batches, so training stops "
                "after one update: dedent `return DigitsClassifier(net)` out of both loops."),
        source="""
            def train(x_train, t_train, seed=0, log=None):
                np.random.seed(seed)
                x = x_train / MAX_PIXEL_VALUE
                net = MultiLayerNet(PIXEL_COUNT, [100, 100], CLASS_COUNT,
                                    weight_init_std="he", use_batchnorm=True)
                optimizer = Adam(lr=0.01)
                n = x.shape[0]
                for epoch in range(1, 21):
                    order = np.random.permutation(n)
                    for start in range(0, n, 100):
                        batch = order[start:start + 100]
                        grads = net.gradient(x[batch], t_train[batch])
                        optimizer.update(net.params, grads)
                        return DigitsClassifier(net)
        """,
    ),
)
