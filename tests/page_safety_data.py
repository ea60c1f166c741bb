"""A hostile article for the page-safety tests: its title, text, outlet and a quoted source
carry Markdown links and images, HTML anchors and images, ``<br>`` and ``<b>``, all pointing at
``base`` (a loopback server the test watches: any request reaching it came from the page)."""

from __future__ import annotations


def hostile_outlet(base: str) -> str:
    return f'[Wire]({base}/outlet-link) <a href="{base}/outlet-a">Daily</a><br><b>News</b> {base}/bare'


def hostile_article(base: str) -> bytes:
    """A .txt article: the first line is its title; one strike in Kharkiv whose source (the
    governor's name) is an anchor and a line break; images in Markdown and HTML around it."""
    return (
        f"Strikes on Kharkiv [read more]({base}/title-link) ![t]({base}/title.png)\n\n"
        "Russian drones struck a depot in Kharkiv on 3 March 2024, killing two people, the governor "
        f'<a href="{base}/source-a">Oleh</a><br>Syniehubov said. ![beacon]({base}/beacon.png) '
        f'<img src="{base}/img.png"> [click]({base}/click) <b>bold</b> {base}/bare-text\n\n'
        f'"Two people were killed," a spokesman said, pointing to <a href="{base}/quote">the report</a>.\n'
    ).encode()


#: Words of the hostile text that must never be the text of a link on the page.
LINK_WORDS = ("read more", "click", "Oleh", "Daily", "Wire", "the report", "beacon")
