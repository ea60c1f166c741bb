"""scripts/scan_finders.py: the sentences a finder reads nothing in, on inline texts."""

import pytest

from tests.factories import script

scan = script("scan_finders")

TEXT = (
    "A drone hit a shop in Kherson on Monday. Two people were injured, the governor said.\n"
    "Two of the injured remain in hospital.\n"
    "Air defences shot down 12 drones over the Kursk region. The report listed 40 drone strikes.\n"
    '"Two shells hit the depot," said local governor Ivan Lysenko.'
)


@pytest.mark.parametrize(
    ("kind", "unread"),
    [
        # a share of a toll told before holds a toll word and a number, rightly left alone
        ("tolls", ["Two of the injured remain in hospital."]),
        ("munitions", ["The report listed 40 drone strikes."]),
        ("speakers", []),
    ],
)
def test_unread_lists_the_cued_sentences_a_finder_reads_nothing_in(kind, unread):
    assert list(scan.unread(kind, [TEXT, TEXT])) == unread  # each sentence once


def test_the_exam_fold_is_never_read(tmp_path):
    with pytest.raises(SystemExit):
        scan.folder_texts(tmp_path / "eval" / "real-dev-2" / "c", "c")


def test_the_command_line_scans_a_folder(tmp_path, capsys):
    for rel in scan.FOLDERS:
        (tmp_path / rel).mkdir(parents=True)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a.txt").write_text(TEXT, encoding="utf-8")
    assert scan.main(["munitions", "--shared", str(tmp_path), "--folder", str(extra)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "# 1 sentences with a munitions cue and nothing read"
    assert out[0].endswith("\tThe report listed 40 drone strikes.")


def test_a_link_to_the_exam_fold_is_never_read(tmp_path):
    exam = tmp_path / "eval" / "real-dev-2" / "c"
    exam.mkdir(parents=True)
    link = tmp_path / "elsewhere"
    link.symlink_to(exam)
    with pytest.raises(SystemExit):
        scan.folder_texts(link, "elsewhere")
