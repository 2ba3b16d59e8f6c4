# Generated from solutions/iris_mission.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: c87f2972927a02c2 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=3ac4a80c IrisClassifier=1c35618c train=d7dc0503
#   main=efd820b4
"""The completion mission: classify Iris flowers with a 4-6-3 network you built.

Run it:  python -m exercises.iris_mission   (trains, prints accuracy, saves a plot)

The grader calls ``train`` on training splits it draws itself and scores the
returned model's ``predict`` on flowers your code never saw.

The score must come from your own TwoLayerNet, built and trained by gradient
descent in ``train``: ``predict`` computes the scores with it (any preprocessing
of the inputs is fine). Other models (lookup tables, nearest neighbours,
closed-form fits) and training left for ``predict`` score 0. The grader's bars
and time limit are in ``mission_criteria.py``.

日本語: 修了ミッション: 自分で作った 4-6-3 のネットワークで Iris (アヤメ) の花を分類します。

実行:  python -m exercises.iris_mission   (学習し、認識精度を表示し、グラフを保存します)

採点では、採点側が自分で選んだ訓練データの分割で ``train`` を呼び、返されたモデルの
``predict`` を、あなたのコードが一度も見ていない花で評価します。

スコアは、``train`` の中で作って勾配降下法で学習した、あなた自身の TwoLayerNet から
出す必要があります: ``predict`` はそのネットワークでスコアを計算します (入力の前処理は
自由です)。ほかのモデル (対応表、最近傍法、解析的に解くフィット) や、``predict`` の中で
学習するものは 0 点です。採点の基準と制限時間は ``mission_criteria.py`` にあります。
"""
import argparse
import sys

import numpy as np

from .data import load_iris, stratified_split
from .optimizer import SGD
from .training_log import TrainingLog, not_implemented_message
from .translation import LANGUAGES, N_, _, argparse_in_language, use_command_line_language
from .two_layer_net import TwoLayerNet

INPUT_SIZE = 4      # sepal length, sepal width, petal length, petal width (cm)
HIDDEN_SIZE = 6
CLASS_COUNT = 3     # setosa, versicolor, virginica
TRAIN_SIZE = 100    # of 150 flowers; the other 50 are the test split


class IrisClassifier:
    """A trained network plus the standardisation it was trained with.

    mean, std: arrays (4,) of the training features, so that flowers measured
    in cm are scaled exactly as the training flowers were.

    日本語: 学習済みのネットワークと、学習に使った標準化のパラメータ。

    mean, std: 訓練データの特徴量の配列 (4,)。cm で測った花を、訓練データの花と
    まったく同じようにスケーリングするためのものです。
    """

    def __init__(self, net, mean, std):
        self.net = net
        self.mean = mean
        self.std = std

    def predict(self, x):
        """x: features (N, 4) in cm. Returns class scores (N, 3).

        日本語: x: 特徴量 (N, 4)、単位は cm。各クラスのスコア (N, 3) を返します。
        """
        return self.net.predict((x - self.mean) / self.std)


def train(x_train, t_train, seed=0, log=None):
    """Train a 4-6-3 ReLU network by full-batch gradient descent.

    x_train: features (N, 4) in cm; t_train: labels (N,) in 0..2.
    seed: seeds NumPy's global random state (the network's initial weights).
    log: an optional TrainingLog that records the loss and accuracy as training goes.
    Returns an IrisClassifier.

    日本語: ReLU を使う 4-6-3 のネットワークを、全データのバッチで勾配降下法により訓練します。

    x_train: 特徴量 (N, 4)、単位は cm。t_train: 0..2 のラベル (N,)。
    seed: NumPy のグローバルな乱数状態のシード (ネットワークの重みの初期値)。
    log: 学習の進み具合に合わせて損失と認識精度を記録する TrainingLog (省略可)。
    IrisClassifier を返します。
    """
    # TODO: standardise the features (subtract the training mean, divide by the training std),
    #   build TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT), and repeat: grads = net.gradient(...),
    #   optimizer.update(net.params, grads). Call log.record(step, loss, accuracy, step_count) now and then
    #   when a log is given. Return IrisClassifier(net, mean, std).
    # 日本語: 特徴量を標準化し (訓練データの平均を引き、訓練データの標準偏差で割る)、
    #   TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT) を作って、grads = net.gradient(...)、
    #   optimizer.update(net.params, grads) を繰り返しましょう。log が渡されたときは、ときどき
    #   log.record(step, loss, accuracy, step_count) を呼びます。IrisClassifier(net, mean, std)
    #   を返します。
    raise NotImplementedError("standardise the features (subtract the training mean, divide by the training std), build TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT), and repeat: grads = net.gradient(...), optimizer.update(net.params, grads). Call log.record(step, loss, accuracy, step_count) now and then when a log is given. Return IrisClassifier(net, mean, std).")
    # ---- end of your code ----


def main(argv=None):
    """Train on a random stratified 100/50 split, print the test accuracy and save a plot.

    日本語: 層化したランダムな 100/50 の分割で学習し、
    テストデータでの認識精度を表示してグラフを保存します。
    """
    use_command_line_language(argv)
    with argparse_in_language():
        parser = argparse.ArgumentParser(
            description=_("The completion mission: classify Iris flowers with a 4-6-3 network you built."))
        parser.add_argument("--seed", type=int, default=0, help=_("seed of the split and the initial weights"))
        parser.add_argument("--plot", default="iris_mission.png", help=_("where to save the loss/accuracy plot"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the output: ja or en (default: $KIT_LANG, else the locale)"))
        args = parser.parse_args(argv)

    x, t = load_iris()
    x_train, t_train, x_test, t_test = stratified_split(x, t, TRAIN_SIZE, seed=args.seed)
    log = TrainingLog(N_("Iris mission (4-6-3 network)"))
    try:
        model = train(x_train, t_train, seed=args.seed, log=log)
    except NotImplementedError as stub:
        sys.exit(not_implemented_message(stub))
    test_accuracy = float(np.mean(np.argmax(model.predict(x_test), axis=1) == t_test))
    log.finish(test_accuracy=test_accuracy)
    print(_("test accuracy: {accuracy:.3f} ({count} flowers never seen in training)").format(
        accuracy=test_accuracy, count=len(t_test)))
    log.save_plot(args.plot)
    print(_("plot saved to {path}").format(path=args.plot))


if __name__ == "__main__":
    main()
