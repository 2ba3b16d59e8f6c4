"""The student repository's README in Japanese (see student_readme.py for the English one and which is README.md).

Same placeholders as the English text: $units (the points table), $experiments
(the experiments table), $missions (the missions' bars), $end_of_your_code (the
line that closes a region), $other (the file name of the README in the other
language); `japanese_tables` gives the tables' Japanese versions.
"""
from string import Template


def japanese_tables(unit_points):
    """{"units": ..., "missions": ...}: the points table and the missions' bars, with Japanese headers."""
    from autograder.checks.missions import MISSIONS

    units = ["| ユニット | 点 |", "| --- | --- |"]
    units += [f"| `{unit}` | {points:g} |" for unit, points in unit_points.items()]
    units.append(f"| **合計** | **{sum(unit_points.values()):g}** |")
    missions = ["| ミッション | 採点に使う分割 | 満点の基準 (テスト精度の平均) | 部分点の基準 | "
                "train() の制限時間 (1 分割あたり) |", "| --- | --- | --- | --- | --- |"]
    missions += [f"| `{m.unit}` | 学習に使わない分割 {m.splits} 個 | {m.full_credit_accuracy:g} | "
                 f"{m.no_credit_accuracy:g} (そこから直線的に増える) | {m.time_limit:g} 秒 |"
                 for m in MISSIONS.values()]
    return {"units": "\n".join(units), "missions": "\n".join(missions)}


README_JA = Template("""\
# ゼロから作る Deep Learning — 演習

[English]($other)

書籍『ゼロから作る Deep Learning』に沿って、NumPy だけでニューラルネットワークのライブラリを
少しずつ作ります。活性化関数と損失関数、数値微分、各レイヤの順伝播と逆伝播 (誤差逆伝播法)、
SGD から Adam までのパラメータの更新手法、重みの初期値、バッチ正規化と Dropout、2 層と多層の
ニューラルネットワークです。それから 2 つのミッション (アヤメの分類と手書き数字の認識) に使い、
本書の実験の図をあなたのコードで描きます。

## セットアップ (最初に一度)

Python 3.10 以上が必要です。

```bash
python -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
python -m pip install -e ".[ja]"   # NumPy、pytest、matplotlib と日本語フォント
```

メッセージの言語は `--lang ja|en`、環境変数 `KIT_LANG`、ロケール (`ja_JP.UTF-8` なら日本語)
の順に決まります。日本語にするには `export KIT_LANG=ja` (PowerShell: `$$env:KIT_LANG = "ja"`)。

## 書く、テストする、進み具合を見る

`exercises/` のファイル (まず `exercises/functions.py`) を開きます。あなたが書くのは
**`# TODO:` コメントから始まり、`$end_of_your_code` の行で終わる範囲** です。
`# 日本語:` の行はその TODO の日本語訳、docstring の最後の `日本語:` で始まる段落は
その docstring の日本語訳です。

```python
def sigmoid(x):
    ...                                                  (docstring)
    # TODO: return 1 / (1 + exp(-x)) elementwise.        <- ここから
    # 日本語: 要素ごとに 1 / (1 + exp(-x)) を返しましょう。
    raise NotImplementedError("return 1 / (1 + exp(-x)) elementwise. ...")   <- この行をあなたのコードに
    $end_of_your_code                         <- ここまで
```

`raise NotImplementedError(...)` の行を、必要なだけの行数のあなたのコードに置き換え、前後の
コメントの行はそのまま残します。範囲の外は用意されたコードなので、変更しないでください
(変わっているとテストが知らせます)。

テストを実行します:

```bash
python -m pytest                                   # 公開テストすべて
python -m pytest exercises/tests/test_layers.py    # 1 つのモジュールのテスト
```

まだ書いていないユニットは、トレースバックの代わりに「どのユニットが、どのファイルで、TODO が
何を求めているか」を **1 行** で示します。実行のたびに最後に **進み具合** の表が出て、各ユニットが
`[x] 完了` か `[ ]` (未着手、取り組み中で何件中何件合格、ほかのユニットの実装待ち) かと、完了した
ユニットの数が分かります。ユニットの公開テストがすべて合格すれば、そのユニットは「完了」です。
不合格のテストは、何を確かめたか、入力、期待値、あなたのコードの結果、ヒントを表示します。

**ユニット** は 1 つの関数かクラスで、`<モジュール>.<名前>` (`functions.sigmoid`、`layers.Affine`)
と呼びます。テストは 10 秒 (ミッションは 120 秒) で止まり、あなたのコードが実行していた行を示します。
使っているほかのユニットが不合格のせいで失敗したテストは、先に直すユニットを示します。

## ミッション

ネットワークが動いたら、本物のデータで学習させます:

| ミッション | コマンド | 使うもの |
| --- | --- | --- |
| アヤメ (4-6-3 のネットワーク) | `python -m exercises.iris_mission` | あなたの TwoLayerNet と SGD |
| 8x8 の手書き数字 | `python -m exercises.digits_mission` | バッチ正規化、He の初期値、Adam を使うあなたの MultiLayerNet |
| 画像 (N, 1, 8, 8) としての 8x8 の数字 | `python -m exercises.cnn_mission` | あなたの SimpleConvNet (Convolution, Pooling) と Adam |

どれも進み具合を表示しながら学習し、学習に使わなかったデータでのテスト精度を表示して、損失と
精度の図 (PNG) を保存します。`--seed N` で別の分割になります。データは `datasets/` にあります
(出典とライセンスつき)。ミッションの成績は、講座が決めた複数の分割でのテスト精度の **平均** で
決まります。満点の基準以上なら満点、部分点の基準との間なら直線的に増える部分点で、公開テストも
同じ基準で「満点」か「部分点」かを表示します。

## 実験: 本書の図をあなたのコードで描く

$experiments

`--quick` で小さく速く実行できます。図のラベルの日本語には日本語フォントが必要です
(`pip install -e ".[ja]"` で入ります。なければ英語のラベルになります)。まだ書いていない
ユニットが必要な実験は、どのユニットかを表示して止まります。

## 提出

コミットして push します:

```bash
git add exercises
git commit -m "sigmoid と softmax を実装"
git push
```

push するたびに `.github/workflows/classroom.yml` のワークフローが各ユニットの公開テストを実行し、
そのユニットのテストがすべて合格すれば、ユニットの点が入ります。各ユニットの点は講座の採点と
同じです:

$units

講師は **非公開テスト** でも採点することがあります。同じユニットを、採点のときに引いた別の入力で
確かめます。ユニットの関数を計算していないコード (ゼロ、定数、入力をそのまま返す) に点は入りません。
ミッションは、あなたのコードが見ることのないデータの分割で採点します:

$missions

公開テストに合格するのが第一歩です。TODO と docstring のとおりに書いたコードはどちらにも合格します。
講師向けの説明は英語版 ($other) にあります。
""")
