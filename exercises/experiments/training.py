"""The training loop of the book's chapter 6 scripts, shared by the experiments.

Each step draws a minibatch at random (with replacement, as the book's
`np.random.choice`), computes the gradients by backpropagation, lets the
optimizer update the parameters, and records the minibatch loss afterwards.
"""
import numpy as np


def seed_everything(seed):
    """Seeds NumPy's global state, which the networks draw their weights and dropout masks from.

    Seeding it again before each network of a comparison makes the networks
    start from the same random draws (scaled differently) and see the same masks.
    """
    np.random.seed(seed)


def train(network, optimizer, x_train, t_train, *, iterations, batch_size, seed,
          progress=None, evaluate=None, evaluate_every=None):
    """Trains `network` for `iterations` minibatch steps.

    network: has `gradient(x, t)`, `loss(x, t)` and a `params` dict (a MultiLayerNet).
    optimizer: has `update(params, grads)`.
    x_train: (N, D) inputs; t_train: (N,) labels.
    seed: seeds the minibatch draws, so two runs with one seed see the same batches.
    progress: a ProgressBar advanced once per step, or None.
    evaluate: optional function network -> dict of numbers (e.g. accuracies), called
        before the first step and after every `evaluate_every` steps.

    Returns a dict: 'losses', the minibatch loss after each step (a list of
    `iterations` floats); with `evaluate`, 'evaluated_at' (step counts) and one
    list per key `evaluate` returns.
    """
    rng = np.random.default_rng(seed)
    history = {"losses": []}
    if evaluate is not None:
        history["evaluated_at"] = []

    def record_evaluation(step):
        history["evaluated_at"].append(step)
        for key, value in evaluate(network).items():
            history.setdefault(key, []).append(float(value))

    if evaluate is not None:
        record_evaluation(0)
    for step in range(1, iterations + 1):
        batch = rng.choice(len(x_train), batch_size)
        x_batch, t_batch = x_train[batch], t_train[batch]
        grads = network.gradient(x_batch, t_batch)
        optimizer.update(network.params, grads)
        history["losses"].append(float(network.loss(x_batch, t_batch)))
        if evaluate is not None and step % evaluate_every == 0:
            record_evaluation(step)
        if progress is not None:
            progress.advance()
    return history


def accuracies(**data_sets):
    """An `evaluate` function for `train`: the accuracy on each named (x, t) pair.

    accuracies(train=(x_train, t_train), test=(x_test, t_test)) gives a function
    network -> {'train': ..., 'test': ...}.
    """
    def evaluate(network):
        return {name: network.accuracy(x, t) for name, (x, t) in data_sets.items()}
    return evaluate


FINAL_FRACTION = 0.05  # minibatch losses are noisy: "final" averages the last 5 % of the steps


def final_loss(losses):
    """The mean of the last 5 % (at least one) of a run's minibatch losses, at least 0.

    (A perfect fit's cross-entropy is -log(1 + 1e-7) with the book's 1e-7 inside
    the log: a tiny negative number, shown as 0.)
    """
    count = max(1, round(len(losses) * FINAL_FRACTION))
    return max(float(np.mean(losses[-count:])), 0.0)
