"""``python -m analytics diff REF``: the pure comparison, the exam-fold refusal, one real run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analytics import corpus_diff as cd
from analytics import corpus_diff_run as run
from analytics.cli import main
from tests.factories import guidelines_record


def rec(region: str | None, date: str | None, country: str = "UA", **fields: object) -> cd.Record:
    """A GUIDELINES record with defaults, plus evidence naming its region."""
    evidence = {"region": [f"A strike on {region} was reported."]}
    return {**guidelines_record(region, date, country=country), "evidence": evidence, **fields}


# --------------------------------------------------------------------------- the pure diff


def test_added_removed_changed_and_unchanged() -> None:
    before = [
        rec("UA-63", "2024-01-02", killed=1),
        rec("UA-51", "2024-01-02"),
        rec("UA-12", "2024-01-01", weapons=["drone", "missile"]),
    ]
    after = [
        rec("UA-63", "2024-01-02", killed=3, evidence={"killed": ["Three people died in the attack."]}),
        rec("UA-12", "2024-01-01", weapons=["missile", "drone"]),  # order only: unchanged
        rec("UA-18", "2024-01-03"),
    ]
    d = cd.diff_article("f", "a.txt", before, after)
    assert [cd.record_key(r) for r in d.added] == [("UA", "UA-18", "2024-01-03")]
    assert [cd.record_key(r) for r in d.removed] == [("UA", "UA-51", "2024-01-02")]
    (changed,) = d.changed
    assert changed.key == ("UA", "UA-63", "2024-01-02")
    assert [(f.field, f.old, f.new) for f in changed.fields] == [("killed", 1, 3)]
    assert cd.changed_sentence(changed) == "Three people died in the attack."
    assert cd.describe_changes(changed.fields) == "killed 1 -> 3"
    assert d.differs


def test_identical_records_do_not_differ() -> None:
    records = [rec("UA-63", "2024-01-02", killed=1), rec(None, "2024-01-02", country="RU")]
    d = cd.diff_article("f", "a.txt", records, [dict(r) for r in records])
    assert not (d.added or d.removed or d.changed or d.differs)


def test_same_area_day_records_are_summed_before_comparing() -> None:
    before = [rec("UA-63", "2024-01-02", killed=5, weapons=["drone", "missile"])]
    after = [
        rec("UA-63", "2024-01-02", killed=2, weapons=["drone"]),
        rec("UA-63", "2024-01-02", killed=3, weapons=["missile"]),
    ]
    d = cd.diff_article("f", "a.txt", before, after)
    assert not d.differs  # two reports of one strike add up to the one record before
    assert len(d.after) == 1 and d.after[0]["killed"] == 5
    after.append(rec("UA-63", "2024-01-02", wounded=4))
    (changed,) = cd.diff_article("f", "a.txt", before, after).changed
    assert [(f.field, f.old, f.new) for f in changed.fields] == [("wounded", None, 4)]


def test_an_extraction_failing_on_one_side_is_a_difference() -> None:
    d = cd.diff_article("f", "a.txt", [], [], error_after="ValueError: boom")
    assert d.differs and not (d.added or d.removed or d.changed)


def test_summary_counts_and_record_f1_against_gold() -> None:
    gold = {"a.txt": [rec("UA-63", "2024-01-02")], "b.txt": []}
    diffs = [
        cd.diff_article("f", "a.txt", [], [rec("UA-63", "2024-01-02")]),
        cd.diff_article("f", "b.txt", [rec("UA-51", "2024-01-01")], [rec("UA-51", "2024-01-01", killed=2)]),
    ]
    s = cd.summarise("f", diffs, gold)
    assert (s.articles, s.records_before, s.records_after) == (2, 1, 2)
    assert (s.added, s.removed, s.changed, s.articles_differing) == (1, 0, 1, 2)
    assert s.f1_before == 0.0  # one wrong record, one missed
    assert s.f1_after == pytest.approx(2 / 3, abs=1e-4)  # one right, one extra
    assert cd.summarise("f", diffs).f1_before is None  # no gold, no F1


def test_descriptions_are_one_line_and_short() -> None:
    r = rec("UA-63", "2024-01-02", location="Kharkiv", weapons=["drone"], wounded=2)
    assert (
        cd.describe_record(r)
        == "UA-63 (UA) 2024-01-02 attacker=Russia location=Kharkiv weapons=[drone] wounded=2"
    )
    assert cd.describe_key((None, None, None)) == "(no country) no date"
    long = "word " * 100
    assert len(cd.excerpt(long)) == cd.EXCERPT_CHARS and cd.excerpt("a\n b") == "a b"


# --------------------------------------------------------------------------- which articles


def test_json_form_lists_the_differing_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two.", encoding="utf-8")
    jobs = run.folder_jobs(tmp_path, "t")
    ka, kb = (j.key for j in jobs)
    before: run.Output = {ka: ([rec("UA-63", "2024-01-02", killed=1)], None), kb: ([], None)}
    after: run.Output = {ka: ([rec("UA-63", "2024-01-02", killed=3)], None), kb: ([], None)}
    report = json.loads(run.render_json("HEAD", "0" * 40, run.compare(jobs, before, after)))
    (folder,) = report["folders"]
    assert folder["summary"]["changed"] == 1 and folder["summary"]["articles"] == 2
    (article,) = folder["articles"]
    assert article["article"] == "a.txt"
    assert article["changed"][0]["fields"] == {"killed": [1, 3]}


def test_the_exam_fold_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exam = tmp_path / "shared" / "eval" / "real-dev-2" / "c"
    exam.mkdir(parents=True)
    (exam / "x.txt").write_text("Not to be read.", encoding="utf-8")
    for folder in (exam, exam / "sub", exam / ".." / "c"):
        assert main(["diff", "HEAD", "--folder", str(folder)]) == 2
        assert "exam fold" in capsys.readouterr().err
    link = tmp_path / "innocent"
    link.symlink_to(exam)
    assert main(["diff", "HEAD", "--folder", str(link)]) == 2
    assert "exam fold" in capsys.readouterr().err
    # and the project's real one, wherever the shared folder is
    assert run.is_exam_fold(run.default_shared() / "eval" / "real-dev-2" / "c")


def test_default_discovery_leaves_the_exam_fold_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    for rel in (*run.DEFAULT_FOLDERS, "eval/real-dev-2/c"):
        (shared / rel).mkdir(parents=True, exist_ok=True)
        (shared / rel / "20240102T100000Z_UA_en_x.txt").write_text("Some text.", encoding="utf-8")
    opened: list[Path] = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: opened.append(p) or real_read_bytes(p))
    jobs = run.discover(shared, [])
    assert [j.folder for j in jobs] == list(run.DEFAULT_FOLDERS)
    assert not any(run.is_exam_fold(p) for p in opened) and len(opened) == len(jobs)


def test_publication_dates_come_from_gold_then_the_name_then_nowhere(tmp_path: Path) -> None:
    (tmp_path / "g.txt").write_text("Text one.", encoding="utf-8")
    (tmp_path / "g.gold.json").write_text(json.dumps({"published": "2023-05-06", "records": []}))
    (tmp_path / "20220125T090000Z_GB_en_abc.txt").write_text("Text two.", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Text three.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not an article here.", encoding="utf-8")
    jobs = {j.name: j for j in run.folder_jobs(tmp_path, "t")}
    assert sorted(jobs) == ["20220125T090000Z_GB_en_abc.txt", "g.txt", "plain.txt"]
    assert jobs["g.txt"].published == dt.date(2023, 5, 6) and jobs["g.txt"].gold == []
    assert jobs["20220125T090000Z_GB_en_abc.txt"].published == dt.date(2022, 1, 25)
    assert jobs["plain.txt"].published is None and jobs["plain.txt"].gold is None


# --------------------------------------------------------------------------- end to end


def test_diff_against_head_on_a_small_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, cache = tmp_path / "articles", tmp_path / "cache"
    folder.mkdir()
    a = folder / "20240305T081500Z_UA_en_a1.txt"
    a.write_text(
        "Russian drones struck a warehouse in Kharkiv overnight, the regional governor said. "
        "Two people were wounded.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "A missile hit an apartment block in Odesa on Monday, killing three people, the mayor said.\n",
        encoding="utf-8",
    )
    (folder / "b.gold.json").write_text(json.dumps({"published": "2024-03-05", "records": []}))
    args = ["diff", "HEAD", "--folder", str(folder), "--cache", str(cache)]
    assert main(args) == 0  # REF is the committed code, the working tree adds nothing to it
    out = capsys.readouterr().out
    assert f"{folder}: 2 articles (0 differ)" in out and "+0 -0 ~0, record F1 0.000 -> 0.000" in out
    (cached,) = cache.glob("*.jsonl")
    assert cached.stem == run.resolve_ref("HEAD")

    # Make REF's cached records say otherwise: a's records gone, b's first toll one higher.
    key = {j.name: j.key for j in run.folder_jobs(folder, "t")}
    lines = {(e := json.loads(line))["key"]: e for line in cached.read_text(encoding="utf-8").splitlines()}
    a_records, b_record = lines[key[a.name]]["records"], lines[key["b.txt"]]["records"][0]
    assert a_records and b_record["killed"] is not None  # the extractor reads both articles
    lines[key[a.name]]["records"] = []
    b_record["killed"] += 1
    cached.write_text("".join(json.dumps(e) + "\n" for e in lines.values()), encoding="utf-8")
    assert main(args) == 0
    out = capsys.readouterr().out
    for record in cd.diff_article("t", a.name, [], a_records).added:
        assert f"  + {cd.describe_record(record)}" in out
    key_b = cd.describe_key(cd.record_key(b_record))
    assert f"  ~ {key_b}: killed {b_record['killed']} -> {b_record['killed'] - 1}" in out
    assert '"Russian drones struck a warehouse in Kharkiv overnight' in out
    assert f"{folder}: 2 articles (2 differ)" in out


def test_list_fields_are_described_by_what_they_gained_and_lost() -> None:
    before = rec("UA-63", "2024-01-02", weapons=["drone"], sources=["the governor", "the mayor"])
    after = rec("UA-63", "2024-01-02", weapons=["drone", "missile"], sources=["the governor"])
    (changed,) = cd.diff_article("f", "a.txt", [before], [after]).changed
    assert cd.describe_changes(changed.fields) == "weapons +[missile]; sources -[the mayor]"


def test_an_unknown_ref_or_an_empty_folder_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    assert main(["diff", "no-such-ref-anywhere", "--folder", str(tmp_path)]) == 2
    assert "names no commit" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["diff", "HEAD", "--folder", str(tmp_path / "empty")]) == 2
    assert "no articles" in capsys.readouterr().err
