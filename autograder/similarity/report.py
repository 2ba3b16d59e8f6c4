"""The similarity report: pairs.csv, pairs.md (a ranked table) and pairs.html (the top pairs side by side)."""
import csv
import html
import io

from autograder.reports import write_atomically
from autograder.translation import _, chosen_language

SHOWN_PAIRS = 20         # pairs drawn side by side in the HTML view


def render_csv(pairs):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["rank", "first", "second", "similarity_percent", "first_share_percent",
                     "second_share_percent", "shared_tokens"])
    for rank, pair in enumerate(pairs, start=1):
        writer.writerow([rank, pair.first, pair.second, f"{100 * pair.score:.1f}", f"{100 * pair.share_first:.1f}",
                         f"{100 * pair.share_second:.1f}", pair.shared_tokens])
    return buffer.getvalue()


def render_markdown(pairs, compared, limit=50):
    lines = ["# " + _("Similarity of what students wrote"), "",
             _("{count} submission(s) compared on the code they wrote (provided code, TODO text and hints removed), "
               "with winnowed fingerprints (copydetect). Similarity: the larger of the two shares of written code "
               "found in the other submission. A high value is a reason to read both, not a verdict.").format(
                   count=compared),
             "", _("| rank | first | second | similarity | first's share | second's share | shared tokens |"),
             "| ---: | --- | --- | ---: | ---: | ---: | ---: |"]
    for rank, pair in enumerate(pairs[:limit], start=1):
        lines.append(f"| {rank} | {pair.first} | {pair.second} | {100 * pair.score:.0f} % | "
                     f"{100 * pair.share_first:.0f} % | {100 * pair.share_second:.0f} % | {pair.shared_tokens} |")
    if len(pairs) > limit:
        lines.append("\n" + _("{count} more pair(s) in pairs.csv.").format(count=len(pairs) - limit))
    return "\n".join(lines) + "\n"


def render_html(pairs, codes):
    """One self-contained page: the ranked table, then the top pairs side by side, shared code marked."""
    from copydetect.utils import highlight_overlap

    texts = {code.name: code.text for code in codes}
    title = html.escape(_("Similarity of what students wrote"))
    parts = [f"<!DOCTYPE html>\n<html lang=\"{chosen_language()}\">\n<head>\n<meta charset=\"utf-8\">",
             f"<title>{title}</title>",
             "<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:.2rem .5rem}.pair{display:flex;gap:1rem}"
             ".pair pre{flex:1;background:#f7f7f7;padding:.5rem;overflow-x:auto;font-size:.8rem}"
             "mark{background:#ffd54f}</style>\n</head>\n<body>",
             f"<h1>{title}</h1>",
             "<p>" + html.escape(_("Marked: code found in both submissions. A high value is a reason to read both, "
                                   "not a verdict.")) + "</p>",
             "<table><tr>" + "".join(f"<th>{html.escape(heading)}</th>" for heading in (
                 _("rank"), _("first"), _("second"), _("similarity"), _("shared tokens"))) + "</tr>"]
    for rank, pair in enumerate(pairs, start=1):
        link = f"<a href=\"#pair-{rank}\">{rank}</a>" if rank <= SHOWN_PAIRS else str(rank)
        parts.append(f"<tr><td>{link}</td><td>{html.escape(pair.first)}</td><td>{html.escape(pair.second)}</td>"
                     f"<td>{100 * pair.score:.0f} %</td><td>{pair.shared_tokens}</td></tr>")
    parts.append("</table>")
    for rank, pair in enumerate(pairs[:SHOWN_PAIRS], start=1):
        left = highlight_overlap(texts[pair.first], pair.slices[0], "<mark>", "</mark>", escape_html=True)[0]
        right = highlight_overlap(texts[pair.second], pair.slices[1], "<mark>", "</mark>", escape_html=True)[0]
        heading = _("{rank}. {first} and {second}: {percent:.0f} %").format(
            rank=rank, first=pair.first, second=pair.second, percent=100 * pair.score)
        parts += [f"<h2 id=\"pair-{rank}\">{html.escape(heading)}</h2>", "<div class=\"pair\">", f"<pre>{left}</pre>",
                  f"<pre>{right}</pre>", "</div>"]
    parts.append("</body>\n</html>")
    return "\n".join(parts) + "\n"


def write_report(out, pairs, codes):
    """pairs.csv, pairs.md and pairs.html in the folder `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = {"csv": out / "pairs.csv", "md": out / "pairs.md", "html": out / "pairs.html"}
    write_atomically(written["csv"], render_csv(pairs))
    write_atomically(written["md"], render_markdown(pairs, len([c for c in codes if c.text.strip()])))
    write_atomically(written["html"], render_html(pairs, codes))
    return written
