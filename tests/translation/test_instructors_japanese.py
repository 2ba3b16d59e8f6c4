"""docs/INSTRUCTORS.ja.md is the Japanese docs/INSTRUCTORS.md: same outline, same commands, same options.

An edit to one guide without the other fails here: both have the same headings at the same
levels in the same order, the same code blocks (commands, outputs) byte for byte in the same
order, and in each section the same `code`, paragraphs, bold steps, table rows and list items;
every command-line option the English names appears in the Japanese. The Japanese may add the
few notes listed in JAPANESE_ONLY (which lines read differently with --lang ja).
"""
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENGLISH = REPO / "docs" / "INSTRUCTORS.md"
JAPANESE = REPO / "docs" / "INSTRUCTORS.ja.md"

#: `code` the Japanese guide may have where the English has none: its notes on the Japanese output.
JAPANESE_ONLY = {"--lang ja"}

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def parse(text):
    """(prose, code blocks, headings) of a Markdown text: prose with each fenced block taken out,
    the blocks (fences included) in order, and the headings as (level, title), outside the blocks."""
    prose, blocks, headings, block = [], [], [], None
    for line in text.splitlines(keepends=True):
        if block is not None:
            block.append(line)
            if line.rstrip() == "```":
                blocks.append("".join(block))
                block = None
        elif line.startswith("```"):
            block = [line]
            prose.append("\n")
        else:
            prose.append(line)
            heading = re.match(r"(#+) (.*)", line)
            if heading:
                headings.append((len(heading.group(1)), heading.group(2).strip()))
    assert block is None, "a code block is not closed"
    return "".join(prose), blocks, headings


def sections(text):
    """[(heading, prose)]: the prose before the first `## ` heading, then each `## ` section's."""
    prose, _, _ = parse(text)
    parts = re.split(r"^## (.*)$", prose, flags=re.MULTILINE)
    return [("", parts[0])] + list(zip(parts[1::2], parts[2::2]))


def code_spans(prose):
    """The `code` of a text, whitespace made single (a span may run over two lines)."""
    return {" ".join(span.split()) for span in re.findall(r"`([^`]+)`", prose, flags=re.DOTALL)} - JAPANESE_ONLY


def table_rows(prose):
    return sum(1 for line in prose.splitlines() if line.startswith("|"))


def list_items(prose):
    return sum(1 for line in prose.splitlines() if re.match(r"(- |\d+\. )", line))


def paragraphs(prose):
    return sum(1 for part in re.split(r"\n\s*\n", prose) if part.strip())


def bold_leads(prose):
    """The **bold** phrases ("**1. Release.**", "**Late work**"): the steps and the named topics."""
    return len(re.findall(r"\*\*[^*]+\*\*", prose))


def options(text):
    """Every command-line option a text names (--due, --late-per-day, ...), in prose or code."""
    return set(OPTION.findall(" ".join(text.split())))


def read(path):
    return path.read_text(encoding="utf-8")


def test_the_two_guides_have_the_same_headings_at_the_same_levels():
    english, japanese = parse(read(ENGLISH))[2], parse(read(JAPANESE))[2]
    for level in range(1, 7):
        assert sum(1 for lv, _ in japanese if lv == level) == sum(1 for lv, _ in english if lv == level), (
            f"level {level}", [title for lv, title in english if lv == level],
            [title for lv, title in japanese if lv == level])
    assert [level for level, _ in japanese] == [level for level, _ in english]


def test_the_two_guides_have_the_same_code_blocks_in_the_same_order():
    english, japanese = parse(read(ENGLISH))[1], parse(read(JAPANESE))[1]
    for index, (en, ja) in enumerate(zip(english, japanese), 1):
        assert ja == en, f"code block {index} of the English guide differs in the Japanese one"
    assert len(japanese) == len(english)


def test_every_option_the_english_names_is_in_the_japanese():
    missing = options(read(ENGLISH)) - options(read(JAPANESE))
    assert not missing, sorted(missing)
    assert options(read(ENGLISH)) >= {"--course-seed", "--due", "--grace", "--late-per-day", "--late-cap"}


@pytest.mark.parametrize("index", range(len(sections(read(ENGLISH)))))
def test_each_section_keeps_its_code_options_paragraphs_table_rows_and_list_items(index):
    en_heading, english = sections(read(ENGLISH))[index]
    ja_heading, japanese = sections(read(JAPANESE))[index]
    where = f"section {en_heading or '(introduction)'!r} / {ja_heading or '(はじめ)'!r}"
    assert sorted(code_spans(japanese) ^ code_spans(english)) == [], where
    assert options(english) <= options(japanese), (where, sorted(options(english) - options(japanese)))
    assert table_rows(japanese) == table_rows(english), where
    assert list_items(japanese) == list_items(english), where
    assert paragraphs(japanese) == paragraphs(english), where
    assert bold_leads(japanese) == bold_leads(english), where


def test_the_two_guides_link_to_each_other_and_the_readmes_to_them():
    assert "(INSTRUCTORS.ja.md)" in read(ENGLISH)
    assert "(INSTRUCTORS.md)" in read(JAPANESE)
    assert "(docs/INSTRUCTORS.ja.md)" in read(REPO / "README.ja.md")
    readme = read(REPO / "README.md")
    assert "(docs/INSTRUCTORS.md)" in readme and "(docs/INSTRUCTORS.ja.md)" in readme


def test_the_release_help_in_japanese_cites_a_section_of_the_japanese_guide(monkeypatch, capsys):
    from autograder import cli

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("KIT_LANG", "en")  # --lang ja sets it: monkeypatch puts it back for the next tests
    with pytest.raises(SystemExit):
        cli.main(["release", "--help", "--lang", "ja"])
    text = "".join(capsys.readouterr().out.split())
    match = re.search(r"docs/(INSTRUCTORS\.ja\.md)の'([^']+)'を参照", text)
    assert match, text
    headings = ["".join(title.split()) for _, title in parse(read(REPO / "docs" / match.group(1)))[2]]
    assert match.group(2) in headings
