"""An article's text with every extracted value marked in place and labelled, as HTML.

Like displaCy's entity view: each value the extractor read (a place, a toll, a weapon, a
date, a source) is a ``<mark>`` over its characters in the article, followed by a small label
naming the field ("Killed", "Weapons") and, when the article reports several strikes, which
one. Spans may overlap ("Russian missile" is the attacker, "missile" inside it the weapon):
the text is cut at every span boundary and each piece is marked with all the spans over it.

Only this module's own markup is HTML. Every piece of the article (and every value and label
in an attribute) goes through :func:`html.escape`, so an article holding ``<script>`` shows
those characters and runs nothing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analytics.labels import column_label
from analytics.models import StrikeReport

#: Marked fields, in the order their labels are listed when spans coincide.
FIELD_ORDER: tuple[str, ...] = (
    "date",
    "attacker",
    "location",
    "region",
    "killed",
    "wounded",
    "children_killed",
    "launched",
    "intercepted",
    "weapons",
    "systems",
    "target_type",
    "sources",
)
#: One background per kind of value, light enough to read black text on.
COLOURS: dict[str, str] = {
    "date": "#FFE9A8",
    "attacker": "#F7C6B3",
    "location": "#CDE7F7",
    "region": "#CDE7F7",
    "killed": "#F4B6C2",
    "wounded": "#F9D2DA",
    "children_killed": "#F4B6C2",
    "launched": "#D9D2F0",
    "intercepted": "#D9D2F0",
    "weapons": "#FBD9A6",
    "systems": "#FBD9A6",
    "target_type": "#D5EBD0",
    "sources": "#E3E3E3",
}
_STYLE = (
    "<style>"
    ".hl-article{white-space:pre-wrap;line-height:1.9;font-size:0.95rem}"
    ".hl-article mark{padding:0.1em 0.15em;border-radius:0.25em;color:#111}"
    ".hl-label{font-size:0.7em;font-weight:600;text-transform:uppercase;margin-left:0.25em;"
    "padding:0 0.25em;border-radius:0.2em;background:#ffffffcc;color:#333;vertical-align:middle}"
    "</style>"
)


@dataclass(frozen=True)
class Highlight:
    """One value's place in the text: characters ``start``-``end`` hold ``field`` of the
    ``record``-th strike the article reports (1-based)."""

    start: int
    end: int
    field: str
    record: int = 1

    @property
    def label(self) -> str:
        return column_label(self.field)


def highlights(reports: Sequence[StrikeReport], text_length: int) -> list[Highlight]:
    """Every evidence span of ``reports`` that lies inside a text of ``text_length``
    characters, one per (span, field, record); spans outside the text are dropped."""
    out: set[Highlight] = set()
    for number, report in enumerate(reports, start=1):
        for field, ev in report.evidence.items():
            if 0 <= ev.start < ev.end <= text_length:
                out.add(Highlight(ev.start, ev.end, field, number))
    rank = {f: i for i, f in enumerate(FIELD_ORDER)}
    return sorted(out, key=lambda h: (h.start, -h.end, rank.get(h.field, len(rank)), h.record))


def _names(spans: Iterable[Highlight], several: bool) -> str:
    """The label shown after a span: its field, and which strike when there are several."""
    seen: dict[str, list[int]] = {}
    for h in spans:
        seen.setdefault(h.label, []).append(h.record)
    if not several:
        return ", ".join(seen)
    return ", ".join(f"{name} #{'/'.join(str(r) for r in sorted(set(recs)))}" for name, recs in seen.items())


def article_html(text: str, marks: Sequence[Highlight], *, title: str = "") -> str:
    """``text`` as escaped HTML with ``marks`` highlighted (see the module doc)."""
    several = len({h.record for h in marks}) > 1
    cuts = sorted({0, len(text), *(h.start for h in marks), *(h.end for h in marks)})
    parts = [_STYLE, '<div class="hl-article">']
    if title:
        parts.append(f"<h4>{html.escape(title)}</h4>")
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b])
        over = [h for h in marks if h.start <= a and b <= h.end]
        if not over:
            parts.append(piece)
            continue
        main = min(over, key=lambda h: h.end - h.start)  # the innermost span decides the colour
        hover = html.escape(_names(over, several), quote=True)
        parts.append(
            f'<mark style="background:{COLOURS.get(main.field, "#EEEEEE")}" title="{hover}">{piece}</mark>'
        )
        ending = [h for h in over if h.end == b]
        if ending:
            parts.append(f'<span class="hl-label">{html.escape(_names(ending, several))}</span>')
    parts.append("</div>")
    return "".join(parts)


__all__ = ["COLOURS", "FIELD_ORDER", "Highlight", "article_html", "highlights"]
