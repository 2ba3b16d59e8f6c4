"""docs/CONTRACT.ja.md is the Japanese docs/CONTRACT.md: same sections, same names, same numbers.

An edit to one contract without the other fails here: every section keeps its code (names,
signatures, formulas), its tolerance ranges, its table rows and its list items in both files.
"""
import re
from pathlib import Path

import pytest

from autograder.results import MODULE_ORDER

REPO = Path(__file__).resolve().parents[2]
ENGLISH = REPO / "docs" / "CONTRACT.md"
JAPANESE = REPO / "docs" / "CONTRACT.ja.md"


def sections(path):
    """[(heading, body)] of a contract: the part before the first `## ` heading, then each section."""
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"^## (.*)$", text, flags=re.MULTILINE)
    return [("", parts[0])] + list(zip(parts[1::2], parts[2::2]))


def code_spans(text):
    """The `code` of a text, whitespace made single (a span may run over two lines)."""
    return sorted(" ".join(span.split()) for span in re.findall(r"`([^`]+)`", text, flags=re.DOTALL))


def ranges(text):
    """The tolerance ranges written as [low, high]: [1e-6, 1e-3]."""
    return sorted(re.findall(r"\[[0-9.e\-]+, [0-9.e\-]+\]", text))


def table_rows(text):
    return sum(1 for line in text.splitlines() if line.startswith("|"))


def list_items(text):
    return sum(1 for line in text.splitlines() if line.startswith("- "))


def test_the_two_contracts_have_the_same_sections_in_the_same_order():
    english, japanese = sections(ENGLISH), sections(JAPANESE)
    assert len(english) == len(japanese), [heading for heading, _ in english]
    for (en_heading, _), (ja_heading, _) in zip(english, japanese):
        # a module's section keeps its file name as its heading
        assert re.findall(r"\w+\.py", en_heading) == re.findall(r"\w+\.py", ja_heading), (en_heading, ja_heading)


@pytest.mark.parametrize("index", range(len(sections(ENGLISH))))
def test_each_section_keeps_its_code_ranges_table_rows_and_list_items(index):
    en_heading, english = sections(ENGLISH)[index]
    ja_heading, japanese = sections(JAPANESE)[index]
    where = f"section {en_heading or '(introduction)'!r} / {ja_heading or '(はじめ)'!r}"
    assert code_spans(japanese) == code_spans(english), where
    assert ranges(japanese) == ranges(english), where
    assert table_rows(japanese) == table_rows(english), where
    assert list_items(japanese) == list_items(english), where


def test_every_module_of_the_contract_has_its_section_in_both():
    for path in (ENGLISH, JAPANESE):
        headings = " ".join(heading for heading, _ in sections(path))
        for module in MODULE_ORDER:
            if not module.endswith("_mission") and module not in ("two_layer_net", "multi_layer_net",
                                                                    "simple_conv_net"):
                assert f"{module}.py" in headings, (path.name, module)


def test_the_two_contracts_link_to_each_other_and_the_readmes_to_them():
    assert "(CONTRACT.ja.md)" in ENGLISH.read_text(encoding="utf-8")
    assert "(CONTRACT.md)" in JAPANESE.read_text(encoding="utf-8")
    assert "(docs/CONTRACT.ja.md)" in (REPO / "README.ja.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/CONTRACT.md)" in readme and "(docs/CONTRACT.ja.md)" in readme
