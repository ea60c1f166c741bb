"""Zip archives: every supported file inside is read as if uploaded on its own (through
:func:`analytics.readers.core.dispatch`, so by whichever reader is registered for its kind).

Refused outright (InputError for the whole archive): entries whose path leaves the archive's
folder (``..``, absolute paths, drive letters), more than
:data:`~analytics.readers.limits.MAX_ARCHIVE_ENTRIES` entries, more than
:data:`~analytics.readers.limits.MAX_ARCHIVE_TOTAL_BYTES` uncompressed, an entry that expands
more than :data:`~analytics.readers.limits.MAX_COMPRESSION_RATIO` times or gives more than it
declares, and zips nested deeper than :data:`~analytics.readers.limits.MAX_ZIP_DEPTH`. An entry that cannot be read (a corrupt
PDF, say) is passed over and reported in ``ReadResult.problems``; hidden files, ``__MACOSX``
and unsupported kinds are skipped. Entries are read in name order; each article's
``source_file`` is ``archive.zip/folder/name.txt``. :func:`iter_zip` gives the articles entry
by entry (an ingest stores them as they come), after everything that refuses the whole archive.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Iterator

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.core import ReadContext, clean_chars, dispatch, is_supported, register, register_stream


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
    packed = sum(max(0, info.compress_size) for info in infos)
    size = getattr(zf.fp, "getbuffer", None)
    held = len(size()) if size is not None else None
    if held is not None and packed > held:
        # the ratio checks below divide by these sizes: entries cannot hold more than the file
        raise UnsafeArchiveError(
            name,
            f"the archive declares {limits.describe_bytes(packed)} of compressed data in "
            f"{limits.describe_bytes(held)}: it is damaged or crafted; refused",
        )
    if total > limits.ARCHIVE_RATIO_CHECK_MIN_BYTES and total > limits.MAX_COMPRESSION_RATIO * max(packed, 1):
        # many entries each under the per-entry check, together a bomb (the sizes are checked
        # against the bytes each entry really gives when it is read)
        raise UnsafeArchiveError(
            name,
            f"the archive expands {limits.describe_bytes(total)} from {limits.describe_bytes(packed)}: "
            "looks like a zip bomb, refused",
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
    """Two entries with one name get distinct names ("a.txt", "a (2).txt": the kind stays),
    never one that another entry has already taken."""
    n = seen.get(entry, 0) + 1
    seen[entry] = n
    if n == 1:
        return entry
    folder, _, base = entry.rpartition("/")
    stem, dot, ext = base.rpartition(".")
    while True:
        named = f"{stem} ({n}).{ext}" if dot and stem else f"{base} ({n})"
        candidate = f"{folder}/{named}" if folder else named
        if candidate not in seen:
            seen[candidate] = 1
            return candidate
        n += 1


def _hidden(entry: str) -> bool:
    return any(
        part.startswith(".") or part == "__MACOSX" for part in entry.replace("\\", "/").split("/") if part
    )


#: Kinds that are zips themselves: reading one can refuse the whole archive (a bomb or a lie
#: inside), so they are read before the archive gives out any article.
_CONTAINERS = (".zip", ".docx")


def _read_entry(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, entry_name: str, ctx: ReadContext
) -> bytes | None:
    """An entry's bytes, counted against the archive's budget; None (and a problem noted) for
    an entry passed over. Raises UnsafeArchiveError for what refuses the whole archive."""
    if is_symlink(info):
        ctx.result.problems.append(InputError(entry_name, "a symbolic link, not a file; skipped"))
        return None
    if info.flag_bits & 0x1:
        ctx.result.problems.append(
            InputError(entry_name, "the file is password-protected inside the archive")
        )
        return None
    if info.file_size > limits.max_file_bytes():
        ctx.result.problems.append(
            InputError(
                entry_name,
                f"the file is too large ({limits.describe_bytes(info.file_size)}; the limit is "
                f"{limits.describe_bytes(limits.max_file_bytes())})",
            )
        )
        return None
    if ctx.archive_bytes_read + info.file_size > limits.MAX_ARCHIVE_TOTAL_BYTES:
        raise UnsafeArchiveError(
            name,
            f"the archive expands past {limits.describe_bytes(limits.MAX_ARCHIVE_TOTAL_BYTES)}; "
            "split it into smaller archives",
        )
    left = limits.MAX_ARCHIVE_TOTAL_BYTES - ctx.archive_bytes_read
    try:
        data = read_member(zf, info, name, min(limits.max_file_bytes(), left))
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        NotImplementedError,
        EOFError,
        OSError,
        ValueError,
    ):
        ctx.result.problems.append(InputError(entry_name, "the file is damaged inside the archive"))
        return None
    ctx.archive_bytes_read += len(data)
    return data


def _articles(
    entry_name: str, data: bytes, ctx: ReadContext, published: dt.date | None, outlet: str | None
) -> list[Article]:
    """One entry's articles; its own problem noted (and no articles) when it cannot be read."""
    try:
        return dispatch(entry_name, data, ctx, published=published, outlet=outlet)
    except UnsafeArchiveError:
        raise
    except InputError as exc:
        ctx.result.problems.append(exc)
        return []


@register_stream(".zip")
def iter_zip(
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> Iterator[Article]:
    """Every supported file in a zip archive (nested zips up to the depth limit), each entry's
    articles given out as soon as that entry is read, so an ingest stores them as it goes.

    Everything that refuses the archive as a whole is met before the first article: the
    archive's own checks, every entry inflated and counted (the bytes are read again when the
    entry's turn comes, so memory holds one entry at a time), and the entries that are zips
    themselves (nested archives, Word files) read whole. The articles, problems and refusals are
    exactly those of reading the whole archive first."""
    if ctx.zip_depth >= limits.MAX_ZIP_DEPTH:
        raise UnsafeArchiveError(
            name,
            f"zip archives are nested more than {limits.MAX_ZIP_DEPTH} deep; unpack the inner archive first",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise InputError(name, "the zip archive is damaged or not a zip file") from None
    supported = 0
    found = 0
    first_problem = len(ctx.result.problems)
    names: dict[str, int] = {}
    # each entry to read: the articles of a container read already, or (entry, name, size)
    plan: list[list[Article] | tuple[zipfile.ZipInfo, str, int]] = []
    ctx.zip_depth += 1
    try:
        with zf:
            guard_zip(name, zf, depth=ctx.zip_depth)
            ctx.archive_entries += len(zf.infolist())
            if ctx.archive_entries > limits.MAX_ARCHIVE_ENTRIES:
                raise UnsafeArchiveError(
                    name,
                    f"the archive holds more than {limits.MAX_ARCHIVE_ENTRIES:,} entries, counting those "
                    "of the archives inside it",
                )
            for info in sorted(zf.infolist(), key=lambda i: i.filename):
                entry = info.filename.replace("\\", "/")
                if info.is_dir() or entry.endswith("/"):
                    continue
                if _hidden(entry) or not is_supported(entry):
                    continue
                supported += 1
                entry_name = f"{name}/{_unique(clean_chars(entry), names)}"
                entry_data = _read_entry(zf, info, name, entry_name, ctx)
                if entry_data is None:
                    continue
                if entry.lower().endswith(_CONTAINERS):
                    plan.append(_articles(entry_name, entry_data, ctx, published, outlet))
                else:
                    plan.append((info, entry_name, len(entry_data)))
            for step in plan:
                if isinstance(step, tuple):
                    info, entry_name, size = step
                    step = _articles(entry_name, read_member(zf, info, name, size), ctx, published, outlet)
                found += len(step)
                yield from step
    finally:
        ctx.zip_depth -= 1
    if not found:
        problems = ctx.result.problems[first_problem:]
        del ctx.result.problems[first_problem:]  # the refusal below names the first
        if problems:
            raise InputError(name, f"no file in the archive could be read (first problem: {problems[0]})")
        if supported == 0:
            raise InputError(
                name, "the archive holds no supported files (.txt, .md, .html, .pdf, .docx, ...)"
            )
        raise InputError(name, "the archive holds no article text")


@register(".zip")
def read_zip(
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> list[Article]:
    """Every supported file in a zip archive, read whole (see :func:`iter_zip`)."""
    return list(iter_zip(name, data, ctx, published=published, outlet=outlet))
