"""The Markdown and HTML feedback: the terminal report's content, escaped, self-contained."""
import re
from html.parser import HTMLParser

from autograder.reports import HtmlReport, MarkdownReport, TextReport


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name in ("src", "href")]

    def handle_data(self, data):
        self.text.append(data)


def test_markdown_holds_the_terminal_reports_units_feedback_and_total(error_run):
    markdown = MarkdownReport().render(error_run)
    text = TextReport().render(error_run)
    for unit in ("layers.Affine", "functions.softmax", "iris_mission.train"):
        assert f"| {unit} |" in markdown and unit in text
    assert "expected [[1. 2.]\n got [[1. 3.]]" in markdown           # aligned values kept in a code block
    assert "Likely mistake: softmax over the wrong axis" in markdown
    assert "\x1b" not in markdown and "SyntaxError" in markdown
    total = next(line for line in text.splitlines() if line.startswith("Total:"))
    assert f"**{total}**" in markdown


def test_a_fence_in_feedback_cannot_close_the_code_block(run):
    run.tests[0].output = "```\n# not a heading\n```"
    markdown = MarkdownReport().render(run)
    block = re.search(r"^(`{3,})text\n(.*?)^\1$", markdown[markdown.index("layers.Affine: backward"):],
                      flags=re.M | re.S)
    assert len(block.group(1)) > 3 and block.group(2).startswith("```\n# not a heading\n```")


def test_html_is_one_escaped_self_contained_page(error_run):
    page = HtmlReport().render(error_run)
    parsed = _Collect()
    parsed.feed(page)
    assert page.startswith("<!DOCTYPE html>") and "style" in parsed.tags
    assert "script" not in parsed.tags and parsed.links == []          # nothing loaded from elsewhere
    assert "reshape <x> & compare" in "".join(parsed.text)             # student text shown, not run
    assert "<x>" not in page and "&lt;x&gt; &amp;" in page
    assert "Likely mistake: dx not reshaped to x&#x27;s shape" in page
