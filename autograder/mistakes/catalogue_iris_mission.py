"""Known mistakes in iris_mission.py: training the 4-6-3 network.

Only mistakes that reliably cost accuracy belong here. Training on raw (not
standardised) features is poor practice but not one: with the reference's
settings its mean accuracy over 10 splits ranged from 0.90 to 0.96 by seed.
"""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("Iris train returns inside the training loop (one step)"),
        unit="iris_mission.train",
        target="iris_mission.train",
        hint=N_("The return statement is indented into the for loop, so training stops after its first "
                "step: dedent `return IrisClassifier(...)` to the level of the loop."),
        source="""
            def train(x_train, t_train, seed=0, log=None):
                np.random.seed(seed)
                mean = x_train.mean(axis=0)
                std = x_train.std(axis=0)
                x = (x_train - mean) / std
                net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
                optimizer = SGD(lr=0.1)
                for step in range(2000):
                    grads = net.gradient(x, t_train)
                    optimizer.update(net.params, grads)
                    if log is not None and (step + 1) % 100 == 0:
                        log.record(step + 1, net.loss(x, t_train), net.accuracy(x, t_train))
                    return IrisClassifier(net, mean, std)
        """,
    ),
)
