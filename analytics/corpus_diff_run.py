"""``python -m analytics diff REF``: the working tree's records against a git ref's, corpus-wide.

Which articles (the shared corpus and the eval folders, or ``--folder`` DIRs), each with its
publication date; REF's tree materialised from git and both sides extracted in subprocesses
(:mod:`analytics.corpus_diff_worker`) with REF's output cached by commit; then the comparison
(:mod:`analytics.corpus_diff`) printed as text or JSON.

The exam fold ``eval/real-dev-2/c`` is never read: default discovery leaves it out and a
``--folder`` naming it (or anything inside it) is refused before any file is opened.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analytics import ROOT
from analytics import corpus_diff as cd
from analytics.cli_options import DiffOptions
from analytics.evaluate import gold_files

#: The folders of ``shared/`` a diff reads by default, in this order.
DEFAULT_FOLDERS = (
    "corpus",
    "eval/real-dev",
    "eval/real-dev-2/a",
    "eval/real-dev-2/b",
    "eval/dev",
    "eval/lang-dev/uk",
    "eval/lang-dev/ru",
)
#: The held-back exam fold, as the last parts of its path: never read article by article.
EXAM_FOLD = ("real-dev-2", "c")
#: Bumped when the worker's output changes shape, so older cache entries are not reused.
CACHE_VERSION = "1"
#: Fewest articles worth a subprocess of their own.
MIN_CHUNK = 40
_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})T\d{6}Z")


class DiffError(Exception):
    """A diff that cannot run (exam fold, unknown ref, missing folder); the message says why."""


@dataclass
class Job:
    """One article to extract on both sides."""

    folder: str  # label: the path under shared/, or the folder as given
    name: str  # the article's file name
    path: Path
    published: dt.date | None
    gold: list[cd.Record] | None  # None: no gold file
    key: str = ""  # content + date digest: the cache key

    def __post_init__(self) -> None:
        if not self.key:
            digest = hashlib.sha256(self.path.read_bytes())
            digest.update(f"\0{self.published or 'infer'}\0v{CACHE_VERSION}".encode())
            self.key = digest.hexdigest()


Output = dict[str, tuple[list[cd.Record], str | None]]  # job key -> (records, error)


# --------------------------------------------------------------------------- which articles


def is_exam_fold(path: Path) -> bool:
    """True for the exam fold (``.../real-dev-2/c``) or anything inside it, symlinks resolved."""
    for p in {path.absolute(), path.resolve()}:
        parts = p.parts
        if any(parts[i : i + 2] == EXAM_FOLD for i in range(len(parts) - 1)):
            return True
    return False


def refuse_exam_fold(paths: Sequence[Path]) -> None:
    """Raise DiffError if any path is, or is inside, the exam fold."""
    for path in paths:
        if is_exam_fold(path):
            raise DiffError(
                f"refusing to read {path}: eval/real-dev-2/c is the exam fold, which is never "
                "read article by article (not by diff, not by tuning); diff the other folders"
            )


def stamp_date(name: str) -> dt.date | None:
    """The date of a ``20220125T090000Z_...`` file name's prefix, if it has one."""
    m = _STAMP.match(name)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def folder_jobs(folder: Path, label: str) -> list[Job]:
    """A folder's articles: each one with a gold file (any kind the readers take), then every
    other ``.txt``. The date: the gold file's ``published``, else the name's prefix, else none."""
    refuse_exam_fold([folder])
    if not folder.is_dir():
        raise DiffError(f"not a folder: {folder}")
    refuse_exam_fold([p for p in folder.iterdir() if p.is_file()])  # links into it, before any read
    jobs = []
    seen = set()
    for article_path, gold_path in gold_files(folder):
        refuse_exam_fold([article_path, gold_path])  # a link into the exam fold is the exam fold
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        published = published or stamp_date(article_path.name)
        jobs.append(Job(label, article_path.name, article_path, published, list(gold.get("records") or [])))
        seen.add(article_path.name)
    for path in sorted(folder.glob("*.txt")):
        if path.name not in seen and path.is_file():
            refuse_exam_fold([path])
            jobs.append(Job(label, path.name, path, stamp_date(path.name), None))
    return jobs


def default_shared() -> Path:
    """``<repo>/../shared``: the shared data sits beside the project."""
    return ROOT.parent / "shared"


def discover(shared: Path, folders: Sequence[Path]) -> list[Job]:
    """The jobs of ``folders`` if any are given, else of DEFAULT_FOLDERS under ``shared``."""
    refuse_exam_fold(folders)
    if folders:
        jobs = [j for f in folders for j in folder_jobs(f, str(f))]
        if not jobs:
            raise DiffError(
                "no articles (files with a gold file beside them, or .txt) in " + ", ".join(map(str, folders))
            )
        return jobs
    jobs = []
    for rel in DEFAULT_FOLDERS:
        folder = shared / rel
        if folder.is_dir():
            jobs += folder_jobs(folder, rel)
        else:
            print(f"note: {folder} not found, left out", file=sys.stderr)
    if not jobs:
        raise DiffError(f"no articles under {shared} (give --shared DIR or --folder DIR)")
    return jobs


# --------------------------------------------------------------------------- git, cache, workers


def _git(*args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise DiffError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def resolve_ref(ref: str) -> str:
    """The commit sha ``ref`` names in the project's repository."""
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except DiffError as exc:
        raise DiffError(f"{ref!r} names no commit in the repository at {ROOT}") from exc


def materialise(sha: str, into: Path) -> None:
    """Write the tree of commit ``sha`` into the folder ``into`` (``git archive``, untarred)."""
    with tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", sha)), mode="r:") as tar:
        tar.extractall(into, filter="data")


def load_cache(path: Path) -> Output:
    """A ref's cached output (job key -> records); empty when there is none or it is unreadable."""
    out: Output = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
            out[entry["key"]] = (entry["records"], entry.get("error"))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by an interrupted write: that article runs again
    return out


def save_cache(path: Path, output: Output) -> None:
    """Write a ref's output atomically; failed extractions are left out (they run again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for key, (records, error) in output.items():
            if error is None:
                fh.write(json.dumps({"key": key, "records": records}, ensure_ascii=False) + "\n")
    tmp.replace(path)


class _Worker:
    """One side's extraction running in a subprocess with ``tree`` on its PYTHONPATH."""

    def __init__(self, tree: Path, jobs: Sequence[Job], scratch: Path, side: str) -> None:
        self.side = side
        jobs_file = scratch / f"{side}.jobs.json"
        data = [{"key": j.key, "path": str(j.path.resolve()), "published": j.published} for j in jobs]
        jobs_file.write_text(json.dumps(data, default=str), encoding="utf-8")
        self.out = (scratch / f"{side}.out.jsonl").open("w+", encoding="utf-8")
        self.err = (scratch / f"{side}.err.txt").open("w+", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
        worker = Path(__file__).with_name("corpus_diff_worker.py")
        self.proc = subprocess.Popen(
            [sys.executable, "-P", str(worker), str(jobs_file)],
            cwd=tree,
            env=env,
            stdout=self.out,
            stderr=self.err,
        )

    def result(self) -> Output:
        """Wait for the subprocess and read its lines; DiffError if it died."""
        code = self.proc.wait()
        self.out.seek(0)
        self.err.seek(0)
        lines, err = self.out.read().splitlines(), self.err.read()
        self.out.close()
        self.err.close()
        if code != 0:
            tail = "\n".join(err.strip().splitlines()[-15:])
            raise DiffError(f"extraction at {self.side} failed (exit {code}):\n{tail}")
        out: Output = {}
        for line in lines:
            entry = json.loads(line)
            out[entry["key"]] = (entry["records"], entry.get("error"))
        return out


def _start(tree: Path, jobs: Sequence[Job], scratch: Path, side: str, processes: int) -> list[_Worker]:
    """Start ``side``'s extraction of ``jobs``, split over up to ``processes`` subprocesses
    (fewer for a few articles: each process pays the project's import once)."""
    n = max(1, min(processes, len(jobs) // MIN_CHUNK))
    return [_Worker(tree, jobs[i::n], scratch, f"{side}-{i}") for i in range(n)]


def _results(workers: Sequence[_Worker]) -> Output:
    out: Output = {}
    for w in workers:
        out.update(w.result())
    return out


def extract_both(sha: str, jobs: Sequence[Job], cache: Path | None) -> tuple[Output, Output, int]:
    """(REF's output, the working tree's output, how many distinct articles REF had cached).

    The two sides run at once, the machine's CPUs shared between the sides that run."""
    cached = load_cache(cache / f"{sha}.jsonl") if cache else {}
    unique = list({j.key: j for j in jobs}.values())
    missing = [j for j in unique if j.key not in cached]
    processes = max(1, (os.cpu_count() or 1) // (2 if missing else 1))
    with tempfile.TemporaryDirectory(prefix="strikes-diff-") as tmp:
        scratch = Path(tmp)
        ref_workers: list[_Worker] = []
        if missing:
            tree = scratch / "tree"
            tree.mkdir()
            materialise(sha, tree)
            ref_workers = _start(tree, missing, scratch, "ref", processes)
        after = _results(_start(ROOT, unique, scratch, "working-tree", processes))
        before = dict(cached)
        if ref_workers:
            before.update(_results(ref_workers))
            if cache:
                save_cache(cache / f"{sha}.jsonl", before)
    return before, after, len(unique) - len(missing)


# --------------------------------------------------------------------------- the command


def compare(
    jobs: Sequence[Job], before: Output, after: Output
) -> list[tuple[cd.FolderSummary, list[cd.ArticleDiff]]]:
    """Each folder's summary and article diffs, folders in the order of ``jobs``."""
    by_folder: dict[str, list[Job]] = {}
    for job in jobs:
        by_folder.setdefault(job.folder, []).append(job)
    out = []
    for folder, folder_jobs_ in by_folder.items():
        diffs = []
        for j in folder_jobs_:
            (old, old_err), (new, new_err) = before[j.key], after[j.key]
            diffs.append(cd.diff_article(folder, j.name, old, new, error_before=old_err, error_after=new_err))
        gold = {j.name: j.gold for j in folder_jobs_ if j.gold is not None}
        out.append((cd.summarise(folder, diffs, gold or None), diffs))
    return out


def print_text(ref: str, sha: str, results: list[tuple[cd.FolderSummary, list[cd.ArticleDiff]]]) -> None:
    def sentence(text: str | None) -> None:
        if text:
            print(f'      "{cd.excerpt(text)}"')

    for _summary, diffs in results:
        for d in diffs:
            if not d.differs:
                continue
            print(f"{d.folder}/{d.article}")
            for side, error in (("before", d.error_before), ("after", d.error_after)):
                if error:
                    print(f"  ! extraction failed {side}: {error}")
            for rec in d.added:
                print(f"  + {cd.describe_record(rec)}")
                sentence(cd.evidence_sentence(rec))
            for rec in d.removed:
                print(f"  - {cd.describe_record(rec)}")
                sentence(cd.evidence_sentence(rec))
            for ch in d.changed:
                print(f"  ~ {cd.describe_key(ch.key)}: {cd.describe_changes(ch.fields)}")
                sentence(cd.changed_sentence(ch))
    print(f"\n{ref} ({sha[:10]}) -> working tree; records merged by area and day")
    for s, _diffs in results:
        f1 = f", record F1 {s.f1_before:.3f} -> {s.f1_after:.3f}" if s.f1_before is not None else ""
        errors = (
            f", failed {s.errors_before} -> {s.errors_after}" if s.errors_before or s.errors_after else ""
        )
        print(
            f"{s.folder}: {s.articles} articles ({s.articles_differing} differ), records "
            f"{s.records_before} -> {s.records_after}, +{s.added} -{s.removed} ~{s.changed}{f1}{errors}"
        )


def render_json(ref: str, sha: str, results: list[tuple[cd.FolderSummary, list[cd.ArticleDiff]]]) -> str:
    folders = []
    for summary, diffs in results:
        articles = [
            {
                "article": d.article,
                "added": d.added,
                "removed": d.removed,
                "changed": [
                    {
                        "key": list(c.key),
                        "fields": {f.field: [f.old, f.new] for f in c.fields},
                        "before": c.before,
                        "after": c.after,
                    }
                    for c in d.changed
                ],
                "error_before": d.error_before,
                "error_after": d.error_after,
            }
            for d in diffs
            if d.differs
        ]
        folders.append(
            {"folder": summary.folder, "summary": dataclasses.asdict(summary), "articles": articles}
        )
    return json.dumps({"ref": ref, "sha": sha, "folders": folders}, ensure_ascii=False, indent=1)


def run_diff(args: DiffOptions) -> int:
    """Run ``diff REF``: 0 when it ran (differences included), 2 when it cannot run."""
    started = time.monotonic()
    try:
        folders = [Path(f) for f in args.folder or []]
        refuse_exam_fold(folders)
        shared = Path(args.shared) if args.shared else default_shared()
        sha = resolve_ref(args.ref)
        jobs = discover(shared, folders)
        cache = None if args.no_cache else Path(args.cache) if args.cache else ROOT / ".cache" / "diff"
        print(f"diff: {len(jobs)} articles, {args.ref} = {sha[:10]}", file=sys.stderr)
        before, after, reused = extract_both(sha, jobs, cache)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results = compare(jobs, before, after)
    if args.json:
        print(render_json(args.ref, sha, results))
    else:
        print_text(args.ref, sha, results)
    took = time.monotonic() - started
    distinct = len({j.key for j in jobs})
    print(
        f"diff: {took:.1f} s ({reused} of {distinct} distinct texts' {args.ref} records from the cache)",
        file=sys.stderr,
    )
    return 0
