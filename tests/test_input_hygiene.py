"""What a file says about itself is shown inert and taken only when plausible: bidi controls in
a title or an outlet, a publication date beyond 2100, a guessed text encoding, and the store's
messages for a store it cannot open."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from analytics.readers import read_bytes
from analytics.readers.core import repairs
from analytics.readers.meta import parse_date
from analytics.store import Store, StoreError, connect

RLO = "\u202e"


def test_bidi_controls_are_dropped_from_title_and_outlet() -> None:
    text = (
        "\u202bKharkiv\u202c under fire \u2067again\u2069\n\nRussian drones struck Kharkiv on 3 March 2024."
    )
    [article] = read_bytes("a.txt", text.encode(), outlet=f"{RLO}eriW tseT")
    assert article.title == "Kharkiv under fire again"
    assert article.outlet == "eriW tseT"


def test_a_date_object_beyond_2100_is_no_publication_date() -> None:
    assert parse_date(dt.date(2999, 3, 5)) is None
    assert parse_date(dt.datetime(9999, 3, 5, 12)) is None
    assert parse_date("5 March 99999") is None
    assert parse_date(dt.date(2024, 3, 5)) == dt.date(2024, 3, 5)


def test_a_text_of_mixed_encodings_is_read_with_a_note_that_the_encoding_was_a_guess() -> None:
    lines = [
        ("Ракетний удар по Харкову", "cp1251"),
        ("Росіяни атакували місто вночі", "koi8_u"),
        ("Café déjà vu à Zürich, naïve façade", "latin_1"),
        ("Обстріл триває", "mac_cyrillic"),
        ("Удар по Одессе", "cp866"),
        ("Russian drones struck Kharkiv on 3 March 2024, killing two people.", "ascii"),
    ]
    data = b"\n\n".join(text.encode(enc) for text, enc in lines) * 3
    with repairs() as notes:
        [article] = read_bytes("mixed.txt", data)
    assert "Kharkiv" in article.text  # read (one encoding fits the English) ...
    assert any("a guess" in n for n in notes), notes  # ... and the notes say how


def test_plain_utf8_text_has_no_encoding_note() -> None:
    with repairs() as notes:
        read_bytes("a.txt", "Російські дрони атакували Харків.\n".encode())
    assert notes == []


def test_new_store_in_a_folder_that_cannot_be_written_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a read-only mount: root passes permission checks, so the folder's state is stood in for
    monkeypatch.setattr(connect, "writable", lambda path: False)
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "new.db")
    message = str(info.value)
    assert "cannot be written" in message and "read-only mount" in message, message


def test_store_with_a_negative_schema_version_names_that(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = -1")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(db)
    message = str(info.value)
    assert "schema version -1" in message and "another tool" in message, message
    assert "already exists" not in message
