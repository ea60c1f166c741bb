"""Clean text: find the lines that are the article, dropping page furniture.

Furniture: share buttons, "Read more"/"You might also like"/"Related" teaser lists (their
headlines report other strikes), adverts, cookie and subscription notices, navigation,
copyright lines, and lines that stand twice (a caption repeated by the page).
"""

from __future__ import annotations

import re

# A line that is furniture by itself.
# A picture the page says is not of the story's event: an illustrative, file or stock photo's
# caption (its place and day are the photo's, of another time).
_AFTER_FIRST_SENTENCE = re.compile(r"(?<=[.!?)])\s+(?=[A-Z])")
_NOT_THIS_EVENT = re.compile(
    r"^\W*(?:this\s+)?(?:illustrative|file|archive|stock)\s+(?:photo|image|picture|purposes)\b"
    r"|\((?:illustrative|file|archive|stock)\s+(?:photo|image|picture)\b[^()]*\)\W*$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^\W*(?:share(?: this(?: article| story)?)?|share on \w+|tweet|email|print|copy link|advertisement|"
    r"advert|sponsored|ad|subscribe.*|sign up.*|newsletter.*|cookies?.*|we use cookies.*|accept(?: all)?(?: cookies)?|"
    r"skip to (?:main )?content|skip next section.*|menu|search|log ?in|register|close|comments?(?: \(\d+\))?|"
    r"follow us.*|download (?:the|our) app.*|all rights reserved.*|(?:©|copyright|\(c\)).*|"
    r"terms(?: of use| &| and)?.*|privacy(?: policy)?.*|listen to (?:this|the) article.*|\d+ min(?:ute)? read|"
    r"photo: .{0,80}|image: .{0,80}|getty images|reuters/.{0,40}|ap photo.{0,60}|"
    r"(?:read|see) (?:more|also)\W.{0,200}|more:.{0,200}|related:.{0,200}|watch:.{0,200}|"
    r"also read\W.{0,200}|recommended:?.{0,200}|trending:?.{0,200}|"
    # A teaser heading run into its headlines on one line.
    r"(?:other topics of interest|you might also like|you may also like|related (?:articles|stories|news)|"
    r"more (?:on|about) this (?:topic|story)|most read)\b.*)\W*$",
    re.IGNORECASE,
)
# A heading after which a list of other articles' headlines follows.
_TEASER_HEADING = re.compile(
    r"^\W*(?:(?:read more|read also|also read)(?: (?:on|from|at|in) .{1,40})?|related(?: articles| stories| coverage| news| content)?|you might also like|"
    r"you may also like|more (?:on|from|about) (?:this|the)(?: story| topic)?.*|more stories|more news|"
    r"most (?:read|popular|viewed)|recommended(?: for you)?|top stories|latest(?: news| stories)?|"
    r"also read|read also|read next|see also|further reading|editor'?s picks|trending(?: now)?|popular now|what to read next|"
    r"in other news|more from .{0,40}|keep reading|don't miss)\W*$",
    re.IGNORECASE,
)
# "...were reported.Read also: Drones hit ...": a teaser glued to the end of a paragraph.
_GLUED_TEASER = re.compile(r"(?<=[.!?”\"])\s*(?i:read also|read more|also read|see also)\s*:")
_NAV = re.compile(r"(?:\s[|·•»]\s.*){2,}|^(?:[A-Z][\w&]*(?: [A-Z][\w&]*)?\s*(?:[|·•]|&middot;)\s*){2,}")


def _is_prose(line: str) -> bool:
    """Looks like a sentence of the article rather than a headline or a menu."""
    return len(line) >= 60 and bool(re.search(r"[.!?\"”]$", line))


def clean_lines(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the article's own paragraphs, in order."""
    kept: list[tuple[int, int]] = []
    seen: set[str] = set()
    in_teasers = False
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        line = raw.strip()
        if not line:
            continue
        s = start + raw.index(line[0])
        span = (s, s + len(line))
        if _TEASER_HEADING.match(line):
            in_teasers = True
            continue
        if in_teasers:
            # A teaser list ends where prose starts again.
            if not _is_prose(line):
                continue
            in_teasers = False
        if _FURNITURE.match(line) or _NAV.search(line):
            continue
        caption = _NOT_THIS_EVENT.search(line)
        if caption:
            # An opening caption is the line's first sentence; what the page ran on after it is
            # text. A line ending in "(File photo: ...)" is a caption whole.
            rest = _AFTER_FIRST_SENTENCE.search(line) if caption.start() == 0 else None
            if rest is None:
                continue
            s, line = s + rest.end(), line[rest.end() :]
            span = (s, s + len(line))
        glued = _GLUED_TEASER.search(line)
        if glued:
            # A teaser run onto the paragraph before it by the page's scraping: the headline
            # after it is another story's.
            line = line[: glued.start()]
            span = (s, s + len(line))
        key = re.sub(r"\W+", " ", line.lower()).strip()
        if len(key) > 30 and key in seen:
            continue  # repeated caption or pull quote
        seen.add(key)
        kept.append(span)
    return _join_wrapped(text, kept)


# A line cut inside a sentence: it ends on a word that cannot end one (or a comma).
_CUT_OFF = re.compile(
    r"(?:,|\b(?:in|of|the|a|an|and|or|as|to|on|at|for|with|by|from|that|which|who|when|after|near|into|its|their|his|her))$"
)


def _join_wrapped(text: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines of a text wrapped inside its sentences (a copied page, a PDF's lines) joined back:
    a line cut off before the next line begins, with nothing but a line break between them."""
    out: list[tuple[int, int]] = []
    for span in kept:
        if out and _CUT_OFF.search(text[out[-1][0] : out[-1][1]]) and not text[out[-1][1] : span[0]].strip():
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out


def find_title(text: str, kept: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first kept line when it reads as a headline (short, no final full stop)."""
    if not kept:
        return None
    s, e = kept[0]
    line = text[s:e]
    if len(line) <= 200 and not line.endswith("."):
        return kept[0]
    return None
