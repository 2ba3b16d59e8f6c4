# Generated from solutions/cnn_mission.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: c7797d8dbf5fb9ba (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=0e4e3e3d CnnClassifier=d228a52c train=d8091cd4 main=769c8497
"""The CNN mission: read 8x8 handwritten digits with your own SimpleConvNet.

Run it:  python -m exercises.cnn_mission   (trains, prints accuracy, saves a plot)

The images keep their shape (N, 1, 8, 8), so the filters of your Convolution
layer slide over the pixels. The grader calls ``train`` on training splits it
draws itself and scores the returned model's ``predict`` on images your code
never saw.

日本語: CNN ミッション: 自分で作った SimpleConvNet で 8x8 の手書き数字を読み取ります。

実行:  python -m exercises.cnn_mission   (学習し、認識精度を表示し、グラフを保存します)

画像は形状 (N, 1, 8, 8) のままなので、Convolution レイヤのフィルターが画素の上を
スライドします。採点では、採点側が自分で選んだ訓練データの分割で ``train`` を呼び、
返されたモデルの ``predict`` を、あなたのコードが一度も見ていない画像で評価します。
"""
import argparse
import sys

import numpy as np

from .data import load_digit_images
from .data import stratified_split
from .optimizer import Adam
from .simple_conv_net import SimpleConvNet
from .training_log import TrainingLog, not_implemented_message
from .translation import LANGUAGES, N_, _, argparse_in_language, use_command_line_language

IMAGE_SHAPE = (1, 8, 8)  # (channels, height, width)
MAX_PIXEL_VALUE = 16     # pixels are counts 0..16
CLASS_COUNT = 10
TRAIN_SIZE = 1200        # of 1797 images; the other 597 are the test split


class CnnClassifier:
    """A trained SimpleConvNet that takes raw 8x8 images (pixel values 0..16).

    日本語: 生の 8x8 画像 (画素値 0..16) を受け取る、学習済みの SimpleConvNet。
    """

    def __init__(self, net):
        self.net = net

    def predict(self, x):
        """x: images (N, 1, 8, 8), pixel values 0..16. Returns class scores (N, 10).

        日本語: x: 画像 (N, 1, 8, 8)、画素値 0..16。各クラスのスコア (N, 10) を返します。
        """
        return self.net.predict(x / MAX_PIXEL_VALUE)


def train(x_train, t_train, seed=0, log=None):
    """Train a SimpleConvNet with Adam on mini-batches.

    x_train: images (N, 1, 8, 8), pixel values 0..16; t_train: labels (N,) in 0..9.
    seed: seeds NumPy's global random state (initial weights, batch order).
    log: an optional TrainingLog that records the loss and accuracy per epoch.
    Returns a CnnClassifier.

    日本語: SimpleConvNet を Adam とミニバッチ学習で訓練します。

    x_train: 画像 (N, 1, 8, 8)、画素値 0..16。t_train: 0..9 のラベル (N,)。
    seed: NumPy のグローバルな乱数状態のシード (重みの初期値、バッチの順番)。
    log: エポックごとの損失と認識精度を記録する TrainingLog (省略可)。
    CnnClassifier を返します。
    """
    # TODO: scale pixels to [0, 1] (divide by MAX_PIXEL_VALUE); build
    #   SimpleConvNet(IMAGE_SHAPE, {"filter_num": ..., "filter_size": 3, "pad": 1, "stride": 1},
    #   hidden_size, CLASS_COUNT, weight_init_std=...); for some epochs, shuffle the samples and,
    #   per mini-batch, update with Adam on net.gradient(...).
    #   Call log.record(epoch, loss, accuracy, epoch_count) once per epoch when a log is given.
    #   Return CnnClassifier(net).
    # 日本語: 画素を [0, 1] に揃え (MAX_PIXEL_VALUE で割る)、SimpleConvNet(IMAGE_SHAPE,
    #   {"filter_num": ..., "filter_size": 3, "pad": 1, "stride": 1}, hidden_size, CLASS_COUNT,
    #   weight_init_std=...) を作ります。何エポックか、サンプルをシャッフルし、ミニバッチごとに
    #   net.gradient(...) で Adam の更新をします。log が渡されたら、エポックごとに 1 回
    #   log.record(epoch, loss, accuracy, epoch_count) を呼びます。CnnClassifier(net) を返します。
    raise NotImplementedError('scale pixels to [0, 1] (divide by MAX_PIXEL_VALUE); build SimpleConvNet(IMAGE_SHAPE, {"filter_num": ..., "filter_size": 3, "pad": 1, "stride": 1}, hidden_size, CLASS_COUNT, weight_init_std=...); for some epochs, shuffle the samples and, per mini-batch, update with Adam on net.gradient(...). Call log.record(epoch, loss, accuracy, epoch_count) once per epoch when a log is given. Return CnnClassifier(net).')
    # ---- end of your code ----


def main(argv=None):
    """Train on a random stratified 1200/597 split, print the test accuracy and save a plot.

    日本語: 層化したランダムな 1200/597 の分割で学習し、
    テストデータでの認識精度を表示してグラフを保存します。
    """
    use_command_line_language(argv)
    with argparse_in_language():
        parser = argparse.ArgumentParser(
            description=_("The CNN mission: read 8x8 handwritten digits with your own SimpleConvNet."))
        parser.add_argument("--seed", type=int, default=0, help=_("seed of the split and the initial weights"))
        parser.add_argument("--plot", default="cnn_mission.png", help=_("where to save the loss/accuracy plot"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the output: ja or en (default: $KIT_LANG, else the locale)"))
        args = parser.parse_args(argv)

    x, t = load_digit_images()
    x_train, t_train, x_test, t_test = stratified_split(x, t, TRAIN_SIZE, seed=args.seed)
    log = TrainingLog(N_("CNN mission (SimpleConvNet, Adam)"), step_name=N_("epoch"))
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
