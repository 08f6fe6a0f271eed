from __future__ import annotations

import hashlib
import io

import pytest

from ipoffice.core.errors import NotFound, UserError
from ipoffice.store.config import files_dir
from ipoffice.store.db import session_factory, transaction
from ipoffice.store.files import FileStore, add_document
from ipoffice.store.models import Document

from .conftest import new_file


def test_put_get_round_trip_and_deduplication(tmp_path):
    store = FileStore(tmp_path)
    data = "Bản mô tả sáng chế".encode() * 1000
    first = store.put(data)
    again = store.put(io.BytesIO(data))
    assert first == again
    assert first.key == hashlib.sha256(data).hexdigest() and first.size == len(data)
    assert store.get(first.key) == data
    assert store.exists(first.key)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [first.key]  # no temp files left behind


def test_size_limit_on_write_leaves_nothing(tmp_path):
    store = FileStore(tmp_path, max_size=10)
    with pytest.raises(UserError) as err:
        store.put(io.BytesIO(b"x" * 11))
    assert err.value.code == "store.file_too_large"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_corrupted_file_is_refused_on_read(tmp_path):
    store = FileStore(tmp_path)
    key = store.put(b"claims: 1. A solar cell ...").key
    path = next(p for p in tmp_path.rglob(key))
    path.write_bytes(b"claims: 1. A wind turbine ...")
    with pytest.raises(UserError) as err:
        store.get(key)
    assert err.value.code == "store.file_corrupt"


def test_missing_and_malformed_keys(tmp_path):
    store = FileStore(tmp_path)
    with pytest.raises(NotFound):
        store.get("0" * 64)
    with pytest.raises(UserError) as err:
        store.get("../../etc/passwd")
    assert err.value.code == "store.bad_key"


def test_default_location_is_next_to_the_sqlite_database(monkeypatch, tmp_path):
    monkeypatch.delenv("IPOFFICE_FILES_DIR", raising=False)
    assert files_dir(f"sqlite:///{tmp_path / 'office.db'}") == tmp_path / "office-files"
    monkeypatch.setenv("IPOFFICE_FILES_DIR", str(tmp_path / "docs"))
    assert files_dir("sqlite:///x.db") == tmp_path / "docs"


def test_add_document_records_metadata_with_the_hash(engine, tmp_path):
    store = FileStore(tmp_path)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with transaction(engine, actor="clerk") as s:
        f = new_file("4-2026-00001", mark_kind="ordinary", mark_text="SEN VÀNG")
        s.add(f)
        s.flush()
        add_document(
            s, store, png, doc_type="mark_image", file_name="mark.png", media_type="image/png", file_id=f.id
        )
    with session_factory(engine)() as s:
        doc = s.query(Document).one()
        assert (doc.sha256, doc.size, doc.public) == (hashlib.sha256(png).hexdigest(), len(png), False)
        assert store.get(doc.storage_key) == png
