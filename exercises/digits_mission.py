# Generated from solutions/digits_mission.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 7f1d2ef3c122ea08 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=2bca90a8 DigitsClassifier=331d558f train=bfce5ef3
#   main=11263bf7
"""The digits mission: read 8x8 handwritten digits with your own MultiLayerNet.

Run it:  python -m exercises.digits_mission   (trains, prints accuracy, saves a plot)

The network uses your batch normalisation, He initialisation and Adam. The
grader calls ``train`` on training splits it draws itself and scores the
returned model's ``predict`` on images your code never saw.

The score must come from your own MultiLayerNet (or TwoLayerNet), built and
trained by gradient descent in ``train``: ``predict`` computes the scores with it
(any preprocessing of the inputs is fine). Other models (lookup tables, nearest neighbours,
closed-form fits) and training left for ``predict`` score 0. The grader's bars
and time limit are in ``mission_criteria.py``.

日本語: 数字ミッション: 自分で作った MultiLayerNet で 8x8 の手書き数字を読み取ります。

実行:  python -m exercises.digits_mission   (学習し、認識精度を表示し、グラフを保存します)

ネットワークは、あなたが実装したバッチ正規化、He の初期値、Adam を使います。採点では、
採点側が自分で選んだ訓練データの分割で ``train`` を呼び、返されたモデルの ``predict`` を、
あなたのコードが一度も見ていない画像で評価します。

スコアは、``train`` の中で作って勾配降下法で学習した、あなた自身の MultiLayerNet
(または TwoLayerNet) から出す必要があります: ``predict`` はそのネットワークでスコアを
計算します (入力の前処理は自由です)。ほかのモデル (対応表、最近傍法、
解析的に解くフィット) や、``predict`` の中で学習するものは 0 点です。採点の基準と
制限時間は ``mission_criteria.py`` にあります。
"""
import argparse
import sys

import numpy as np

from .data import load_digits
from .data import stratified_split
from .multi_layer_net import MultiLayerNet
from .optimizer import Adam
from .training_log import TrainingLog, not_implemented_message
from .translation import LANGUAGES, N_, _, argparse_in_language, use_command_line_language

PIXEL_COUNT = 64       # 8 x 8 images
MAX_PIXEL_VALUE = 16   # pixels are counts 0..16
CLASS_COUNT = 10
TRAIN_SIZE = 1200      # of 1797 images; the other 597 are the test split


class DigitsClassifier:
    """A trained network that takes raw 8x8 images (pixel values 0..16).

    日本語: 生の 8x8 画像 (画素値 0..16) を受け取る、学習済みのネットワーク。
    """

    def __init__(self, net):
        self.net = net

    def predict(self, x):
        """x: images (N, 64), pixel values 0..16. Returns class scores (N, 10).

        日本語: x: 画像 (N, 64)、画素値 0..16。各クラスのスコア (N, 10) を返します。
        """
        return self.net.predict(x / MAX_PIXEL_VALUE, train_flg=False)


def train(x_train, t_train, seed=0, log=None):
    """Train a MultiLayerNet with batch norm, He init and Adam on mini-batches.

    x_train: images (N, 64), pixel values 0..16; t_train: labels (N,) in 0..9.
    seed: seeds NumPy's global random state (initial weights, batch order).
    log: an optional TrainingLog that records the loss and accuracy per epoch.
    Returns a DigitsClassifier.

    日本語: バッチ正規化、He の初期値、Adam を使う MultiLayerNet を、
    ミニバッチ学習で訓練します。

    x_train: 画像 (N, 64)、画素値 0..16。t_train: 0..9 のラベル (N,)。
    seed: NumPy のグローバルな乱数状態のシード (重みの初期値、バッチの順番)。
    log: エポックごとの損失と認識精度を記録する TrainingLog (省略可)。
    DigitsClassifier を返します。
    """
    # TODO: scale pixels to [0, 1] (divide by MAX_PIXEL_VALUE); build
    #   MultiLayerNet(PIXEL_COUNT, [hidden sizes], CLASS_COUNT, weight_init_std="he", use_batchnorm=True);
    #   for some epochs, shuffle the samples and, per mini-batch, update with Adam on net.gradient(...).
    #   Call log.record(epoch, loss, accuracy, epoch_count) once per epoch when a log is given.
    #   Return DigitsClassifier(net).
    # 日本語: 画素値を [0, 1] にスケールし (MAX_PIXEL_VALUE で割る)、MultiLayerNet(PIXEL_COUNT,
    #   [隠れ層のサイズ], CLASS_COUNT, weight_init_std="he", use_batchnorm=True) を作ります。何
    #   エポックか、データをシャッフルしてミニバッチごとに net.gradient(...) の勾配を使って Adam
    #   で更新しましょう。log が渡されたときはエポックごとに 1 回 log.record(epoch, loss,
    #   accuracy, epoch_count) を呼びます。DigitsClassifier(net) を返します。
    raise NotImplementedError('scale pixels to [0, 1] (divide by MAX_PIXEL_VALUE); build MultiLayerNet(PIXEL_COUNT, [hidden sizes], CLASS_COUNT, weight_init_std="he", use_batchnorm=True); for some epochs, shuffle the samples and, per mini-batch, update with Adam on net.gradient(...). Call log.record(epoch, loss, accuracy, epoch_count) once per epoch when a log is given. Return DigitsClassifier(net).')
    # ---- end of your code ----


def main(argv=None):
    """Train on a random stratified 1200/597 split, print the test accuracy and save a plot.

    日本語: 層化したランダムな 1200/597 の分割で学習し、
    テストデータでの認識精度を表示してグラフを保存します。
    """
    use_command_line_language(argv)
    with argparse_in_language():
        parser = argparse.ArgumentParser(
            description=_("The digits mission: read 8x8 handwritten digits with your own MultiLayerNet."))
        parser.add_argument("--seed", type=int, default=0, help=_("seed of the split and the initial weights"))
        parser.add_argument("--plot", default="digits_mission.png", help=_("where to save the loss/accuracy plot"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the output: ja or en (default: $KIT_LANG, else the locale)"))
        args = parser.parse_args(argv)

    x, t = load_digits()
    x_train, t_train, x_test, t_test = stratified_split(x, t, TRAIN_SIZE, seed=args.seed)
    log = TrainingLog(N_("Digits mission (MultiLayerNet, batch norm, He, Adam)"), step_name=N_("epoch"))
    try:
        model = train(x_train, t_train, seed=args.seed, log=log)
    except NotImplementedError as stub:
        sys.exit(not_implemented_message(stub))
    test_accuracy = float(np.mean(np.argmax(model.predict(x_test), axis=1) == t_test))
    log.finish(test_accuracy=test_accuracy)
    print(_("test accuracy: {accuracy:.3f} ({count} images never seen in training)").format(
        accuracy=test_accuracy, count=len(t_test)))
    log.save_plot(args.plot)
    print(_("plot saved to {path}").format(path=args.plot))


if __name__ == "__main__":
    main()
