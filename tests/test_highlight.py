"""The article view: values marked in place, labelled, and the article's text never HTML."""

from __future__ import annotations

import re

from analytics.highlight import Highlight, article_html, highlights
from analytics.models import Evidence, StrikeReport

TEXT = "A drone hit Sumy on Monday, killing 2 people."


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _report(text: str, **fields: str) -> StrikeReport:
    return StrikeReport(evidence={f: Evidence(text, *_span(text, part)) for f, part in fields.items()})


def test_each_value_is_marked_where_it_stands_and_labelled():
    page = article_html(TEXT, highlights([_report(TEXT, killed="2", location="Sumy")], len(TEXT)))
    assert re.search(r"<mark[^>]*>2</mark><span class=\"hl-label\">Killed</span>", page)
    assert re.search(r"<mark[^>]*>Sumy</mark><span class=\"hl-label\">Place</span>", page)
    assert "killing " in page and " people." in page


def test_overlapping_values_are_both_marked():
    text = "A Russian missile hit the port."
    page = article_html(
        text, highlights([_report(text, attacker="Russian missile", weapons="missile")], len(text))
    )
    assert re.search(r"<mark[^>]*>Russian </mark>", page)
    inner = re.search(r'<mark[^>]*title="([^"]*)"[^>]*>missile</mark>', page)
    assert inner and "Attacking side" in inner.group(1) and "Weapons" in inner.group(1)


def test_several_strikes_are_numbered():
    text = "Drones hit Sumy. Missiles hit Odesa."
    reports = [_report(text, location="Sumy"), _report(text, location="Odesa")]
    page = article_html(text, highlights(reports, len(text)))
    assert "Place #1" in page and "Place #2" in page


def test_spans_outside_the_text_are_dropped():
    report = StrikeReport(evidence={"killed": Evidence("x", 40, 400)})
    assert highlights([report], 50) == []


def test_hostile_article_text_is_escaped_everywhere():
    text = 'Before <script>alert("x")</script> <img src=x onerror=alert(1)> then 3 killed & "more".'
    marks = highlights([_report(text, killed="3")], len(text))
    page = article_html(text, marks, title='<b onmouseover="alert(1)">headline</b>')
    assert "<script>" not in page and "<img" not in page and "<b " not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    # the only tags are the view's own
    assert set(re.findall(r"<(\w+)", page)) <= {"style", "div", "h4", "mark", "span"}


def test_highlight_label_is_the_column_label():
    assert Highlight(0, 1, "killed").label == "Killed"
