"""Size and shape limits the readers enforce, so one hostile or broken upload cannot exhaust memory.

Every limit is a plain constant; the per-file size limit can be changed with the environment
variable ``STRIKES_MAX_FILE_MB`` (:data:`analytics.settings.MAX_FILE_MB`) and is read at call
time through :func:`max_file_bytes`.
"""

from __future__ import annotations

from analytics import settings

#: The default limit in bytes (the limit in force is :func:`max_file_bytes`).
MAX_FILE_BYTES: int = int(settings.MAX_FILE_MB.default * 1024 * 1024)

#: Zip archives: total uncompressed size of everything read from one upload.
MAX_ARCHIVE_TOTAL_BYTES = 200 * 1024 * 1024
#: Zip archives: most entries (files and folders) in one archive.
MAX_ARCHIVE_ENTRIES = 10_000
#: Zip archives: largest uncompressed/compressed ratio of one entry ...
MAX_COMPRESSION_RATIO = 100
#: ... checked only for entries that expand past this size (small text compresses well too).
RATIO_CHECK_MIN_BYTES = 1024 * 1024
#: ... and for a whole archive that expands past this size (many entries each just under the
#: per-entry check are a bomb together).
ARCHIVE_RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024
#: Zip archives: 1 = a zip, 2 = a zip inside a zip; deeper nesting is refused.
MAX_ZIP_DEPTH = 2

#: PDF: most pages read from one file.
MAX_PDF_PAGES = 2_000

#: HTML: pages longer than this (characters) skip trafilatura's boilerplate removal, which takes
#: about 4 s a megabyte, and are read with the linear plain conversion instead.
MAX_HTML_EXTRACT_CHARS = 3_000_000
#: HTML: pages with more tags than this skip it too (its neighbour searches grow faster than
#: the page; a long news page has a few thousand tags).
MAX_HTML_EXTRACT_TAGS = 60_000
#: HTML: pages nested deeper than this skip it too (its table handling grows with the nesting:
#: 500 unclosed tables take 0.5 s, 1,000 take 3 s, 2,000 take 27 s; an old page of unclosed
#: <font> tags nests one level a paragraph).
MAX_HTML_EXTRACT_DEPTH = 512
#: HTML: attributes kept per tag (the rest dropped before parsing; see ``html.tame_attributes``).
MAX_HTML_ATTRIBUTES = 100

#: PDF: most decoded drawing instructions (content stream bytes) on one page, and in one file.
#: pypdf's text extraction slows down more than linearly on huge pages (10 MB: a minute), and
#: a compressed stream can expand 100 times; a page of text needs a few KB.
MAX_PDF_PAGE_CONTENT_BYTES = 1024 * 1024
MAX_PDF_CONTENT_BYTES = 25 * 1024 * 1024
#: PDF: most text-extraction work on one page, and in one file, in drawing operations: every
#: number, name and operator of the content streams (and of each form, each time it is drawn)
#: counts 1, a string of text 3 plus a share of its length, and every font the page (or a form)
#: loads counts the lines and codes of its ToUnicode map, which pypdf parses again on each page.
#: Measured with pypdf 7.1 on a shared 2-core machine: about 2.7 microseconds an operation for
#: every kind of content tried (0.2 to 1.7 MB/s of content by bytes, so bytes are no fair
#: measure), so the file limit is about 8 s of pypdf's work (2.47 million operations of the
#: costliest kinds took 6.7-7.7 s), under the 15 s any one file may take. A dense page of news
#: text costs 3,000-20,000 operations (a 150-page report of Word-style pages fits), a font with a
#: few hundred mapped codes about 1,000.
MAX_PDF_PAGE_WORK = 500_000
MAX_PDF_WORK = 3_000_000

#: CSV/JSON/JSONL: most rows (articles) read from one file.
MAX_BULK_ROWS = 100_000

#: Uploads (the dashboard's): most characters of article text extracted from one uploaded file,
#: its zip entries or bulk rows together. Every file within its own limits can still hold hours
#: of work together: a 22 KB zip of 12 entries of 500 KB of dense strike text took 79 s, about
#: 6.5 s a 500 KB entry. 2 million characters is at most about 30 s of extraction on such text,
#: and holds 400 news articles of 5,000 characters or 10,000 bulk rows of 200. The command line
#: (``ingest_paths``) has no such budget: it runs the owner's own files, as long as they take.
MAX_UPLOAD_CHARS = 2_000_000

#: Share of control/unassigned characters above which decoded "text" is treated as binary.
MAX_JUNK_SHARE = 0.02


def max_file_bytes() -> int:
    """The per-file size limit now in force: ``STRIKES_MAX_FILE_MB`` if set, else 50 MB; a value
    that is no positive number raises :class:`analytics.settings.SettingError`."""
    return max(1, int(settings.MAX_FILE_MB.read() * 1024 * 1024))


def describe_bytes(n: int) -> str:
    """A size as a journalist reads it: ``512 bytes``, ``3.2 MB``."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
