"""`python -m analytics evaluate`: several gold sets, the hold-out split, per-article detail.

Every article here is invented for these tests; gold folders are built in tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from analytics.cli import build_parser, main
from analytics.evaluate import (
    EVIDENCE_KEY,
    Scores,
    article_detail,
    evaluate_dir,
    evaluate_folder,
    field_differences,
    held_out_names,
    merge_same_area_day,
)
from analytics.evaluate_report import MAIN_METRICS, set_names, shorten
from tests.factories import guidelines_record

PUBLISHED = "2024-03-05"
DRONE_TOWN = (
    "A Russian drone struck a warehouse in the town of Chuhuiv in Kharkiv region on Monday, "
    "the regional governor said.\n"
    "Two people were killed and five were wounded in the attack.\n"
    "Firefighters worked for several hours to put out the blaze.\n"
)
SHELLED_VILLAGE = (
    "Russian artillery shelled a village near Sumy on Monday, local officials said.\n"
    "One man was wounded when a shell landed near his garden.\n"
    "Power lines in the area were cut for most of the afternoon.\n"
)
NO_STRIKE = (
    "Ministers met in Brussels on Monday to discuss a new package of winter aid.\n"
    "The talks lasted most of the day and ended without a joint statement.\n"
    "Another meeting is planned for next month.\n"
)


def rec(region: str | None, date: str = "2024-03-04", **fields: Any) -> dict[str, Any]:
    """A GUIDELINES record with every field, null or empty unless given."""
    return guidelines_record(region, date, **fields)


# The drone strike as the extractor should read it; MISSED is a gold record it cannot find.
TOWN_GOLD = rec(
    "UA-63",
    location="Chuhuiv",
    weapons=["drone"],
    killed=2,
    wounded=5,
    sources=["regional governor"],
    source_types=["ukraine_official"],
)
MISSED = rec("RU-BEL", location="Shebekino", killed=4)


def write_set(
    folder: Path, articles: dict[str, tuple[str, list[dict[str, Any]]]], index: list[str] | None = None
) -> Path:
    """A gold folder: each ``name: (text, gold records)`` and, when given, an INDEX.tsv."""
    folder.mkdir(parents=True)
    for name, (text, records) in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        gold = {"article": name, "published": PUBLISHED, "records": records}
        stem = name.rsplit(".", 1)[0]
        (folder / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    if index is not None:
        rows = ["file\tsummary", *(f"{name}\tinvented" for name in index)]
        (folder / "INDEX.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def two_sets(tmp_path: Path) -> tuple[Path, Path]:
    alpha = write_set(
        tmp_path / "alpha",
        {"town.txt": (DRONE_TOWN, [TOWN_GOLD, MISSED]), "aid.txt": (NO_STRIKE, [])},
    )
    # Gold says the village article holds no strike: the extractor's record is "extra".
    beta = write_set(tmp_path / "beta", {"village.txt": (SHELLED_VILLAGE, [])})
    return alpha, beta


@pytest.fixture
def indexed(tmp_path: Path) -> Path:
    """Five articles, four listed in INDEX.tsv (in an order other than sorted) and one not."""
    articles = {
        "e.txt": (DRONE_TOWN, [TOWN_GOLD]),
        "d.txt": (DRONE_TOWN, [TOWN_GOLD, MISSED]),  # row 2: held out with --split 2
        "c.txt": (NO_STRIKE, []),
        "b.txt": (SHELLED_VILLAGE, []),  # row 4: held out with --split 2
        "a.txt": (NO_STRIKE, []),  # not listed: tuning
    }
    return write_set(tmp_path / "indexed", articles, index=["e.txt", "d.txt", "c.txt", "b.txt"])


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> str:
    assert main(["evaluate", *map(str, argv)]) == 0
    return capsys.readouterr().out


# --------------------------------------------------------------------------- pure functions


@pytest.mark.parametrize(
    ("index", "names", "every", "held", "by"),
    [
        (["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"], 2, {"b", "d"}, "INDEX.tsv"),
        (["e", "d", "c", "b", "a"], ["a", "b", "c", "d", "e"], 2, {"d", "b"}, "INDEX.tsv"),
        (["a", "b", "c", "d", "e", "f"], ["a", "b"], 3, {"c", "f"}, "INDEX.tsv"),
        (["a", "b"], ["a", "b", "z"], 2, {"b"}, "INDEX.tsv"),  # unlisted z stays tuning
        (None, ["c", "a", "d", "b"], 2, {"b", "d"}, "sorted names"),
        (None, ["c", "a", "d", "b"], 4, {"d"}, "sorted names"),
    ],
)
def test_held_out_names(
    tmp_path: Path, index: list[str] | None, names: list[str], every: int, held: set[str], by: str
) -> None:
    if index is not None:
        (tmp_path / "INDEX.tsv").write_text("file\tnote\n" + "".join(f"{n}\tx\n" for n in index))
    assert held_out_names(tmp_path, names, every) == (held, by)


@pytest.mark.parametrize("content", ["name\tnote\na\tx\n", ""])
def test_held_out_names_wants_a_file_column(tmp_path: Path, content: str) -> None:
    (tmp_path / "INDEX.tsv").write_text(content)
    with pytest.raises(ValueError, match="'file'"):
        held_out_names(tmp_path, ["a"], 2)


def test_merge_keeps_every_contributing_sentence() -> None:
    first = rec("UA-63", killed=1, **{EVIDENCE_KEY: {"killed": ["One died."], "date": ["On Monday."]}})
    second = rec("UA-63", killed=2, **{EVIDENCE_KEY: {"killed": ["Two more died."]}})
    (merged,) = merge_same_area_day([first, second])
    assert merged["killed"] == 3
    assert merged[EVIDENCE_KEY] == {"killed": ["One died.", "Two more died."], "date": ["On Monday."]}
    assert first[EVIDENCE_KEY]["killed"] == ["One died."]  # the input is left alone


def test_evidence_does_not_change_the_score() -> None:
    plain = [rec("UA-63", killed=1), rec("UA-63", killed=2), rec("UA-59")]
    with_evidence = [{**r, EVIDENCE_KEY: {"killed": [f"s{i}"]}} for i, r in enumerate(plain)]
    gold = [rec("UA-63", killed=3)]
    a, b = Scores(), Scores()
    a.add_article(plain, gold)
    b.add_article(with_evidence, gold)
    assert a.as_dict() == b.as_dict()


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (rec("UA-63"), rec("UA-63"), []),
        (rec("UA-63", date="2024-03-03"), rec("UA-63"), [("date", "2024-03-03", "2024-03-04")]),
        (rec("UA-63", attacker="unknown"), rec("UA-63"), [("attacker", "unknown", "Russia")]),
        (rec("UA-63", killed=2), rec("UA-63", killed=3), [("killed", 2, 3)]),
        (rec("UA-63", wounded=2), rec("UA-63"), []),  # gold null: not scored, not shown
        (rec("UA-63", weapons=["drone", "missile"]), rec("UA-63", weapons=["missile", "drone"]), []),
        (
            rec("UA-63", source_types=["media"]),
            rec("UA-63", source_types=["ukraine_official"]),
            [("source_types", ["media"], ["ukraine_official"])],
        ),
    ],
)
def test_field_differences(
    predicted: dict[str, Any], gold: dict[str, Any], expected: list[tuple[str, Any, Any]]
) -> None:
    assert [(d.field, d.predicted, d.gold) for d in field_differences(predicted, gold)] == expected


def test_field_difference_carries_the_evidence_of_its_field() -> None:
    predicted = rec(
        "UA-63",
        killed=2,
        source_types=["media"],
        **{EVIDENCE_KEY: {"killed": ["Two died."], "sources": ["A paper said so."]}},
    )
    gold = rec("UA-63", killed=3, source_types=["unattributed"])
    diffs = {d.field: d.evidence for d in field_differences(predicted, gold)}
    assert diffs == {"killed": ["Two died."], "source_types": ["A paper said so."]}


def test_article_detail_splits_missed_extra_and_wrong_fields() -> None:
    predicted = [
        rec("UA-63", killed=1, **{EVIDENCE_KEY: {"killed": ["A."]}}),
        rec("UA-63", killed=1, **{EVIDENCE_KEY: {"killed": ["B."]}}),
        rec("UA-59", **{EVIDENCE_KEY: {"location": ["C."]}}),
    ]
    gold = [rec("UA-63", killed=3), rec("RU-BEL")]
    detail = article_detail(predicted, gold)
    assert [g["region"] for g in detail.missed] == ["RU-BEL"]
    assert [(p["region"], p[EVIDENCE_KEY]) for p in detail.extra] == [("UA-59", {"location": ["C."]})]
    (pair,) = detail.differences
    assert [(d.field, d.predicted, d.gold, d.evidence) for d in pair.fields] == [
        ("killed", 2, 3, ["A.", "B."])
    ]


@pytest.mark.parametrize(
    ("paths", "names"),
    [
        (["x/dev", "x/real-dev"], ["dev", "real-dev"]),
        (["x/dev", "y/dev"], ["x/dev", "y/dev"]),
    ],
)
def test_set_names(paths: list[str], names: list[str]) -> None:
    assert set_names([Path(p) for p in paths]) == names


def test_shorten() -> None:
    assert shorten("a  b\nc") == "a b c"
    long = shorten("word " * 100)
    assert len(long) <= 200 and long.endswith("...")


# --------------------------------------------------------------------------- the command


def test_single_folder_keeps_metric_lines_last(capsys: pytest.CaptureFixture[str], two_sets) -> None:
    alpha, _ = two_sets
    lines = run(capsys, alpha).splitlines()
    assert lines[0].startswith("== alpha")
    metrics = evaluate_folder(alpha).scores().as_dict()
    assert [line.split()[0] for line in lines[-15:]] == list(metrics)
    assert lines[-16].split() == ["articles", "2"]
    assert dict(line.split() for line in lines[-15:])["records_gold"] == "2"


def test_two_folders_print_both_sets_and_a_side_by_side_table(
    capsys: pytest.CaptureFixture[str], two_sets
) -> None:
    alpha, beta = two_sets
    out = run(capsys, alpha, beta)
    assert "== alpha" in out and "== beta" in out
    table = out.split("== side by side\n")[1].splitlines()
    assert table[0].split() == ["metric", "alpha", "beta"]
    assert [line.split()[0] for line in table[1:]] == ["articles", *MAIN_METRICS]
    assert table[1].split() == ["articles", "2", "1"]
    assert dict((row.split()[0], row.split()[2]) for row in table[2:])["record_precision"] == "0.0000"


def test_split_puts_index_rows_in_the_held_out_half(capsys: pytest.CaptureFixture[str], indexed) -> None:
    out = json.loads(run(capsys, "--split", "2", "--json", indexed))
    assert out["split"] == {"every": 2, "by": "INDEX.tsv"}
    assert sorted(out["held_out"]["files"]) == ["b.txt", "d.txt"]
    assert sorted(out["tuning"]["files"]) == ["a.txt", "c.txt", "e.txt"]
    assert (out["tuning"]["articles"], out["held_out"]["articles"], out["articles"]) == (3, 2, 5)
    # The halves pool to the whole.
    for key in ("records_gold", "records_predicted", "records_matched"):
        assert out["tuning"][key] + out["held_out"][key] == out[key]


def test_split_prints_tuning_held_out_and_all(capsys: pytest.CaptureFixture[str], indexed) -> None:
    lines = run(capsys, "--split", "2", indexed).splitlines()
    assert lines[1].startswith("split 2 by INDEX.tsv: 3 tuning, 2 held-out")
    assert lines[2].split() == ["metric", "tuning", "held-out", "all"]
    assert lines[3].split() == ["articles", "3", "2", "5"]
    assert lines[-1].split()[0] == "published_checked"


def test_per_article_lists_missed_gold_and_extra_prediction(
    capsys: pytest.CaptureFixture[str], two_sets
) -> None:
    alpha, beta = two_sets
    out = run(capsys, "--per-article", alpha, beta)
    missed = [line for line in out.splitlines() if line.strip().startswith("missed")]
    assert missed == ["    missed  2024-03-04 RU-BEL Shebekino  killed=4 wounded=- launched=- intercepted=-"]
    village = out.split("village.txt")[1].splitlines()
    assert village[1].startswith("    extra   2024-03-04 UA-59")
    assert any("shelled a village near Sumy" in line and line.strip().startswith('> "') for line in village)
    assert out.count("Power lines in the area") == 0  # only sentences that gave a field


def test_per_article_json_has_missed_extra_and_evidence(capsys: pytest.CaptureFixture[str], two_sets) -> None:
    alpha, beta = two_sets
    out = json.loads(run(capsys, "--per-article", "--json", alpha, beta))
    aid, town = out["sets"][0]["per_article"]  # sorted by gold file name
    assert town["missed"] == [MISSED]
    assert town["extra"] == [] and aid["predicted"] == []
    (village,) = out["sets"][1]["per_article"]
    (extra,) = village["extra"]
    assert extra["region"] == "UA-59"
    assert any("shelled a village near Sumy" in s for s in extra["evidence"])
    assert "half" not in village  # no split asked


@pytest.mark.parametrize("show", [False, True])
def test_held_out_detail_only_with_show_held_out(
    capsys: pytest.CaptureFixture[str], indexed, show: bool
) -> None:
    flags = ["--split", "2", "--per-article", *(["--show-held-out"] if show else [])]
    out = run(capsys, *flags, indexed)
    tuning, held_out = out.split("held-out articles")
    assert "e.txt" in tuning and "d.txt" not in tuning
    held_rows = held_out.split("\n\n")[0]
    assert "d.txt" in held_rows and "b.txt" in held_rows
    # d.txt misses the Belgorod record and b.txt has an extra one: detail only when asked.
    assert ("missed" in held_rows) is show
    assert ("extra" in held_rows) is show
    rows = json.loads(run(capsys, *flags, "--json", indexed))["per_article"]
    held = {r["article"]: r for r in rows if r["half"] == "held_out"}
    assert sorted(held) == ["b.txt", "d.txt"]
    assert all(("missed" in r and "predicted" in r) is show for r in held.values())
    assert all("missed" in r for r in rows if r["half"] == "tuning")


def test_folder_without_index_splits_sorted_names(capsys: pytest.CaptureFixture[str], two_sets) -> None:
    alpha, beta = two_sets
    out = json.loads(run(capsys, "--split", "2", "--json", alpha, beta))
    first, second = out["sets"]
    assert first["split"]["by"] == "sorted names"
    assert (first["tuning"]["files"], first["held_out"]["files"]) == (["aid.txt"], ["town.txt"])
    assert (second["tuning"]["files"], second["held_out"]["files"]) == (["village.txt"], [])


@pytest.mark.parametrize("value", ["1", "0", "x"])
def test_split_needs_two_or_more(value: str) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["evaluate", "--split", value, "somewhere"])


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    assert main(["evaluate", str(tmp_path / "nowhere")]) == 2


def test_evaluate_dir_still_returns_totals_and_rows(two_sets) -> None:
    alpha, _ = two_sets
    total, rows = evaluate_dir(alpha)
    assert total.as_dict() == evaluate_folder(alpha).scores().as_dict()
    assert [r["article"] for r in rows] == ["aid.txt", "town.txt"]
    assert rows[1]["predicted"] and EVIDENCE_KEY not in rows[1]["predicted"][0]
