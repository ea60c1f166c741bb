"""Zip archives: every supported file inside is read as if uploaded on its own (through
:func:`analytics.readers.core.dispatch`, so by whichever reader is registered for its kind).

Refused outright (InputError for the whole archive): entries whose path leaves the archive's
folder (``..``, absolute paths, drive letters), more than
:data:`~analytics.readers.limits.MAX_ARCHIVE_ENTRIES` entries, more than
:data:`~analytics.readers.limits.MAX_ARCHIVE_TOTAL_BYTES` uncompressed, an entry that expands
more than :data:`~analytics.readers.limits.MAX_COMPRESSION_RATIO` times, and zips nested deeper
than :data:`~analytics.readers.limits.MAX_ZIP_DEPTH`. An entry that cannot be read (a corrupt
PDF, say) is passed over and reported in ``ReadResult.problems``; hidden files, ``__MACOSX``
and unsupported kinds are skipped. Entries are read in name order; each article's
``source_file`` is ``archive.zip/folder/name.txt``.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
import zlib

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.core import ReadContext, clean_chars, dispatch, is_supported, register


class UnsafeArchiveError(InputError):
    """An archive refused as a whole (path escape, bomb, nesting): never skipped entry by entry."""


def _unsafe_path(entry: str) -> bool:
    path = entry.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path) or "\x00" in path:
        return True
    return any(part == ".." for part in path.split("/"))


def guard_zip(name: str, zf: zipfile.ZipFile, *, depth: int) -> None:
    """Refuse an archive that escapes its folder or would expand past the limits."""
    infos = zf.infolist()
    if len(infos) > limits.MAX_ARCHIVE_ENTRIES:
        raise UnsafeArchiveError(
            name, f"the archive has {len(infos)} entries; the limit is {limits.MAX_ARCHIVE_ENTRIES}"
        )
    total = 0
    for info in infos:
        if _unsafe_path(info.filename):
            raise UnsafeArchiveError(
                name, f"an entry's path leaves the archive's folder ({info.filename!r}); refused as unsafe"
            )
        total += info.file_size
        if info.file_size > limits.RATIO_CHECK_MIN_BYTES and (
            info.compress_size <= 0 or info.file_size / info.compress_size > limits.MAX_COMPRESSION_RATIO
        ):
            raise UnsafeArchiveError(
                name,
                f"an entry ({info.filename}) expands {limits.describe_bytes(info.file_size)} from "
                f"{limits.describe_bytes(info.compress_size)}: looks like a zip bomb, refused",
            )
    if total > limits.MAX_ARCHIVE_TOTAL_BYTES:
        raise UnsafeArchiveError(
            name,
            f"the archive expands to {limits.describe_bytes(total)}; the limit is "
            f"{limits.describe_bytes(limits.MAX_ARCHIVE_TOTAL_BYTES)}",
        )


_CHUNK = 64 * 1024
_S_IFMT, _S_IFLNK = 0o170000, 0o120000


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, cap: int) -> bytes:
    """One member's bytes, read in small pieces and counted as they are produced, never trusting
    the sizes the archive declares: refused past ``cap`` bytes, past the expansion ratio, or as
    soon as the stream gives more than the entry declares (``ZipFile.read`` would inflate up to
    2 GiB in one call, and ``ZipFile.open`` silently cuts the stream at the declared size, so a
    crafted entry would pass as a shorter text)."""
    declared = info.file_size
    # Open through a copy that declares the cap, so the stream is read until it really ends
    # (or passes what the entry declares, where the lie is caught below).
    probe = copy.copy(info)
    probe.file_size = max(cap, declared) + 1
    out = bytearray()
    with zf.open(probe) as fh:
        while chunk := fh.read(_CHUNK):
            out += chunk
            if len(out) > cap:
                raise UnsafeArchiveError(
                    name, f"an entry ({info.filename}) expands past {limits.describe_bytes(cap)}; refused"
                )
            if len(out) > declared:
                raise UnsafeArchiveError(
                    name,
                    f"an entry ({info.filename}) holds more than the {limits.describe_bytes(declared)} "
                    "the archive declares for it: the archive is damaged or crafted; refused",
                )
    if len(out) > limits.RATIO_CHECK_MIN_BYTES and (
        info.compress_size <= 0 or len(out) / info.compress_size > limits.MAX_COMPRESSION_RATIO
    ):
        raise UnsafeArchiveError(
            name,
            f"an entry ({info.filename}) expands {limits.describe_bytes(len(out))} from "
            f"{limits.describe_bytes(info.compress_size)}: looks like a zip bomb, refused",
        )
    return bytes(out)


def is_symlink(info: zipfile.ZipInfo) -> bool:
    """Whether a zip entry is a symbolic link (Unix mode in the external attributes)."""
    return (info.external_attr >> 16) & _S_IFMT == _S_IFLNK


def _unique(entry: str, seen: dict[str, int]) -> str:
    """Two entries with one name get distinct names ("a.txt", "a (2).txt": the kind stays)."""
    n = seen.get(entry, 0) + 1
    seen[entry] = n
    if n == 1:
        return entry
    folder, _, base = entry.rpartition("/")
    stem, dot, ext = base.rpartition(".")
    named = f"{stem} ({n}).{ext}" if dot and stem else f"{base} ({n})"
    return f"{folder}/{named}" if folder else named


def _hidden(entry: str) -> bool:
    return any(
        part.startswith(".") or part == "__MACOSX" for part in entry.replace("\\", "/").split("/") if part
    )


@register(".zip")
def read_zip(
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> list[Article]:
    """Every supported file in a zip archive (nested zips up to the depth limit)."""
    if ctx.zip_depth >= limits.MAX_ZIP_DEPTH:
        raise UnsafeArchiveError(
            name,
            f"zip archives are nested more than {limits.MAX_ZIP_DEPTH} deep; unpack the inner archive first",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise InputError(name, "the zip archive is damaged or not a zip file") from None
    articles: list[Article] = []
    problems: list[InputError] = []
    supported = 0
    names: dict[str, int] = {}
    ctx.zip_depth += 1
    try:
        with zf:
            guard_zip(name, zf, depth=ctx.zip_depth)
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                entry = info.filename.replace("\\", "/")
                if info.is_dir() or entry.endswith("/"):
                    continue
                if _hidden(entry) or not is_supported(entry):
                    ctx.result.skipped_files += 1
                    continue
                supported += 1
                entry_name = f"{name}/{_unique(clean_chars(entry), names)}"
                if is_symlink(info):
                    problems.append(InputError(entry_name, "a symbolic link, not a file; skipped"))
                    continue
                if info.flag_bits & 0x1:
                    problems.append(
                        InputError(entry_name, "the file is password-protected inside the archive")
                    )
                    continue
                if info.file_size > limits.max_file_bytes():
                    problems.append(
                        InputError(
                            entry_name,
                            f"the file is too large ({limits.describe_bytes(info.file_size)}; the limit is "
                            f"{limits.describe_bytes(limits.max_file_bytes())})",
                        )
                    )
                    continue
                if ctx.archive_bytes_read + info.file_size > limits.MAX_ARCHIVE_TOTAL_BYTES:
                    raise UnsafeArchiveError(
                        name,
                        f"the archive expands past {limits.describe_bytes(limits.MAX_ARCHIVE_TOTAL_BYTES)}; "
                        "split it into smaller archives",
                    )
                left = limits.MAX_ARCHIVE_TOTAL_BYTES - ctx.archive_bytes_read
                try:
                    entry_data = read_member(zf, info, name, min(limits.max_file_bytes(), left))
                except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError):
                    problems.append(InputError(entry_name, "the file is damaged inside the archive"))
                    continue
                ctx.archive_bytes_read += len(entry_data)
                try:
                    articles.extend(dispatch(entry_name, entry_data, ctx, published=published, outlet=outlet))
                except UnsafeArchiveError:
                    raise
                except InputError as exc:
                    problems.append(exc)
    finally:
        ctx.zip_depth -= 1
    ctx.result.problems.extend(problems)
    if not articles:
        if problems:
            raise InputError(name, f"no file in the archive could be read (first problem: {problems[0]})")
        if supported == 0:
            raise InputError(
                name, "the archive holds no supported files (.txt, .md, .html, .pdf, .docx, ...)"
            )
        raise InputError(name, "the archive holds no article text")
    return articles
