# Generated from solutions/mission_criteria.py by `python -m autograder.curriculum.make_exercises`: provided code, nothing to edit here.
"""How a mission is graded: the splits, the bars for full and partial credit, the time limit.

The grader and the visible tests read these numbers from here, so what
`python -m pytest exercises` tells you is what the grade will be. A mission is
trained on `split_count` stratified splits (`train_size` samples for training,
the rest for the test) and graded on the MEAN test accuracy over them: full
credit from `full_credit_accuracy`, partial credit rising linearly from
`no_credit_accuracy` up to it. `train()` and `predict()` together may take
`time_limit_seconds` per split; a split over it counts as accuracy 0.
The graded splits are the course's own; the visible tests use others.

日本語: ミッションの採点方法: データの分割、満点と部分点の基準、制限時間。

採点プログラムと公開テストはどちらもここの数値を読むので、`python -m pytest exercises`
の結果がそのまま成績になります。ミッションは `split_count` 個の層化分割
(訓練に `train_size` 個、残りがテスト) で学習し、それらのテストでの認識精度の
平均 (MEAN) で採点されます: `full_credit_accuracy` 以上で満点、`no_credit_accuracy`
からそこまでは部分点が直線的に増えます。`train()` と `predict()` は合わせて 1 つの
分割あたり `time_limit_seconds` 秒まで使えます。超えた分割は認識精度 0 と数えます。
採点に使う分割はコース独自のもので、公開テストは別の分割を使います。
"""
from dataclasses import dataclass

from .translation import _


@dataclass(frozen=True)
class MissionCriterion:
    """The grading criterion of one mission (a module name such as "iris_mission").

    日本語: 1 つのミッションの採点基準 (モジュール名は "iris_mission" など)。
    """

    module: str
    train_size: int
    split_count: int
    full_credit_accuracy: float
    no_credit_accuracy: float
    time_limit_seconds: float

    def credit(self, mean_accuracy):
        """The fraction of the mission's points, in [0, 1], for a mean test accuracy.

        日本語: テストでの認識精度の平均に対する、ミッションの配点のうち得られる割合 ([0, 1])。
        """
        span = self.full_credit_accuracy - self.no_credit_accuracy
        return min(max((mean_accuracy - self.no_credit_accuracy) / span, 0.0), 1.0)

    def verdict(self, mean_accuracy):
        """'full credit', 'partial: 0.915 mean, full credit from 0.92' or 'no credit: ...'.

        日本語: 'full credit'、'partial: 0.915 mean, full credit from 0.92'、'no credit: ...'
        のような文字列。
        """
        if self.credit(mean_accuracy) >= 1.0:
            return _("full credit")
        if self.credit(mean_accuracy) > 0.0:
            return _("partial: {mean:.3f} mean, full credit from {full:.2f}").format(
                mean=mean_accuracy, full=self.full_credit_accuracy)
        return _("no credit: {mean:.3f} mean, partial credit from {partial:.2f}, full credit from {full:.2f}").format(
            mean=mean_accuracy, partial=self.no_credit_accuracy, full=self.full_credit_accuracy)


IRIS = MissionCriterion(module="iris_mission", train_size=100, split_count=10,
                        full_credit_accuracy=0.92, no_credit_accuracy=0.80, time_limit_seconds=5.0)
DIGITS = MissionCriterion(module="digits_mission", train_size=1200, split_count=3,
                          full_credit_accuracy=0.95, no_credit_accuracy=0.85, time_limit_seconds=15.0)
CNN = MissionCriterion(module="cnn_mission", train_size=1200, split_count=3,
                       full_credit_accuracy=0.96, no_credit_accuracy=0.85, time_limit_seconds=30.0)
CRITERIA = {criterion.module: criterion for criterion in (IRIS, DIGITS, CNN)}
