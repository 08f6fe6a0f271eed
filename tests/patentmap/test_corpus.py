"""One family-level corpus from the real exports; encodings, bad rows and bad files are reported, not fatal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ipoffice.patentmap.applicants import applicant_type, harmonise
from ipoffice.patentmap.corpus import FAMILY_COLUMNS, FileSource, build_corpus, load_corpus, read_text


def test_real_corpus_is_family_level_with_every_source(real_corpus):
    f = real_corpus.families
    assert list(f.columns) == FAMILY_COLUMNS
    assert f["family_id"].is_unique
    formats = {r.format for r in real_corpus.files}
    assert {"patentsview", "lens", "lens-cleaned", "patentscope", "wipo-landscape", "biopat-jsonl"} <= formats
    # the 1,606 title/abstract/claims drone families are all inside the 5,884 full-text ones: merged, not doubled
    lens = f[f["source"].str.contains("lens")]
    assert 5800 <= len(lens) <= 5884
    # the Lens family of FR 1051751 / FR 1054449 (Parrot): earliest priority 2010-03-11, France
    parrot = f.set_index("family_id").loc["prio:FR1051751|FR1054449"]
    assert parrot["priority_date"].date() == dt.date(2010, 3, 11) and parrot["priority_country"] == "FR"
    assert parrot["date_basis"] == "priority" and parrot["applicants"] == "PARROT"
    # NVIDIA: one harmonised applicant, typed company by PatentsView, US origin
    nv = f[f["source"] == "patentsview"]
    assert (nv["first_applicant"] == "NVIDIA").mean() > 0.95
    assert set(nv["first_applicant_type"]) <= {"company", "university", "government", "individual", "unknown"}
    assert (nv["applicant_country"] == "US").mean() > 0.95


def test_encodings_of_the_real_files_are_detected(real_corpus):
    by_file = {r.file: r for r in real_corpus.files}
    pizza = by_file["pizza_medium_patentscope_10000.csv"]
    assert pizza.encoding in ("cp1252", "latin-1") and pizza.line_ends == "CR" and pizza.rows == 10000
    assert by_file["drones_tac_1606_families.csv"].line_ends == "CR"
    # a Latin-1 title survives: no replacement characters anywhere
    assert not real_corpus.families["title"].str.contains("\ufffd").any()


def test_ritonavir_compact_ipc_and_multi_office_families(real_corpus):
    f = real_corpus.families
    rit = f[f["source"] == "wipo-landscape"]
    assert len(rit) > 700
    assert rit["ipc"].str.contains("A61K31/426", regex=False).any()  # written A61K031426 in the file
    assert rit["ipc"].str.contains("C07D235/00", regex=False).any()  # IPC-7 indexing code "7C 07D 235:00 J"
    assert not any("235:00" in r.problem for r in real_corpus.rejected)
    assert (rit["n_offices"] > 1).sum() > 50


def test_bad_rows_are_reported_and_the_rest_loads(real_corpus):
    bad = [r for r in real_corpus.rejected if r.field == "ipc"]
    assert bad and all(r.row and r.file for r in bad)


def _write(path: Path, text: str, encoding: str, newline: str, bom: bool = False) -> Path:
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


PATENTSCOPE = (
    "Publication Number,Publication Date,Title,Priority Data,IPC,Applicants,Inventors,FP Image\n"
    "VN1-0012345,21.08.2009,Hệ thống trí tuệ nhân tạo cho máy bay không người lái,"
    "[1-2009-00001 2009-01-05T23:59:59.000Z VN],G06N 3/08;B64C 39/02,Công ty TNHH Công nghệ ABC,Nguyễn Văn A,\n"
    "US2009,24.01.2014,Four-cheese pizza,,A21D 13/00;GARBAGE,Crème Brûlée Inc.,,\n"
    "US2010,NA,Other,,NA,NA,,\n"
)


def test_latin1_cr_and_bom_files_load_alike(tmp_path):
    text = PATENTSCOPE.replace("Hệ thống trí tuệ nhân tạo cho máy bay không người lái", "AI drone system")
    text = text.replace("Công ty TNHH Công nghệ ABC", "Société Générale SA").replace("Nguyễn Văn A", "Zoë")
    a = _write(tmp_path / "latin1.csv", text, "latin-1", "\r")
    b = _write(tmp_path / "bom.csv", text, "utf-8", "\r\n", bom=True)
    assert read_text(a)[1:] == ("cp1252", "CR") and read_text(b)[1:] == ("utf-8-sig", "CRLF")
    ca = build_corpus([FileSource([a])]).families
    cb = build_corpus([FileSource([b])]).families
    pd.testing.assert_frame_equal(ca.drop(columns="source"), cb.drop(columns="source"))
    assert "SOCIETE GENERALE" in set(ca["first_applicant"])
    assert "Crème Brûlée Inc." in set(ca["applicant_names"])


def test_vietnamese_row_malformed_symbol_and_missing_columns(tmp_path):
    good = _write(tmp_path / "vn.csv", PATENTSCOPE, "utf-8", "\n")
    broken = _write(tmp_path / "broken.csv", "Lens ID,Priority Numbers,Applicants\n1,FR 1 A 20100311,X\n", "utf-8", "\n")
    unknown = _write(tmp_path / "other.csv", "a,b\n1,2\n", "utf-8", "\n")
    corpus = load_corpus([good, broken, unknown])
    f = corpus.families.set_index("family_id")
    vn = f.loc["psprio:VN1-2009-00001"]
    assert vn["priority_country"] == "VN" and bool(vn["vn_resident"]) and bool(vn["vn_office"])
    assert vn["first_applicant"] == "CONG NGHE ABC" and vn["first_applicant_type"] == "company"
    assert vn["ipc"] == "G06N3/08;B64C39/02"
    pizza = f.loc["pub:US2009"]
    assert pizza["ipc"] == "A21D13/00" and pizza["date_basis"] == "publication"
    messages = [str(r) for r in corpus.rejected]
    assert any("vn.csv, row 2: ipc: malformed classification symbol 'GARBAGE'" in m for m in messages)
    assert "broken.csv: Title: missing column(s) (file dropped)" in messages
    assert any(r.file == "other.csv" and r.dropped == "file" and "unrecognised" in r.problem for r in corpus.rejected)
    assert len(f) >= 2  # the good rows still load


def test_applicant_harmonisation_vietnamese_and_legal_forms():
    assert harmonise("CÔNG TY CỔ PHẦN FPT") == harmonise("FPT JSC") == harmonise("Cong ty CP FPT") == "FPT"
    assert harmonise("Công ty TNHH MTV Điện tử Samsung") == harmonise("CONG TY TNHH MOT THANH VIEN DIEN TU SAMSUNG")
    assert harmonise("Tập đoàn Công nghiệp - Viễn thông Quân đội") == harmonise("Viettel Group") == "VIETTEL"
    assert harmonise("NVIDIA Corp.") == harmonise("Nvidia Corporation") == "NVIDIA"
    assert harmonise("SCHIEBEL GES M B H") == "SCHIEBEL"
    assert applicant_type("Trường Đại học Bách khoa Hà Nội") == "university"
    assert applicant_type("Viện Hàn lâm Khoa học và Công nghệ Việt Nam") == "university"
    assert applicant_type("United States of America as represented by the Secretary of the Navy") == "government"
    assert applicant_type("Tập đoàn Công nghiệp - Viễn thông Quân đội") == "company"
    assert applicant_type("MARKOWETZ FRANZ") == "individual"
