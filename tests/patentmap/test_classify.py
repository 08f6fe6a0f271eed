"""Three-query classification on the real corpus; both decisions' maps reconcile; seeds, samples and labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ipoffice.core.errors import UserError
from ipoffice.patentmap.classify import (
    draw_sample,
    read_labels,
    reconcile,
    score_labels,
    seed_expansion,
    wilson,
)
from ipoffice.patentmap.taxonomy import load_crosswalk

# One known real document per group of Decision 21/2026 (family id in the real corpus, title fragment).
KNOWN = {
    "1": ("prio:US201113313826", "Learning For Analog"),  # G06N 3/08 spiking neural networks
    "2": ("prio:US201261693170", "Mobile Cellular Networks"),  # H04W 16/
    "3": ("pub:US9539117", "robotic limb joint"),  # BioPAT, keywords only (no classification in BioPAT)
    "4": ("pub:US10876100", "Crispr enzyme"),  # BioPAT, keywords only
    "5": ("prio:US201261619978", "Zinc Electrode"),  # H01M 10/
    "6": ("prio:US201161488022", "Graphics Processing Units"),  # G06T 1/20 + GPU
    "7": ("prio:US65730807", "Parallel Encryptor"),  # H04L 9/
    "8": ("prio:DE102012016526", "Underwater Vehicle"),  # B63G 8/
    "9": ("prio:CN200610035763", "Unmanned Aerial Plane"),  # B64F 1/04
    "10": ("prio:DE20215204", "Fixed Track For Rail Vehicles"),  # E01B
}


def _member(gmap, family_id: str, gid: str) -> pd.Series:
    m = gmap.members[(gmap.members["family_id"] == family_id) & (gmap.members["group"] == gid)]
    assert len(m) == 1, f"{family_id} not in group {gid}"
    return m.iloc[0]


@pytest.mark.parametrize("gid", sorted(KNOWN, key=int))
def test_each_group_finds_its_known_document(maps, gid):
    _, new = maps
    fid, title = KNOWN[gid]
    row = _member(new, fid, gid)
    assert title.lower() in new.families.loc[row["row"], "title"].lower()
    assert row["matched_by"]  # which query matched is recorded


def test_which_query_matched_is_recorded(maps):
    _, new = maps
    assert _member(new, "prio:DE20215204", "10")["query_a"]  # E01B code
    biopat = _member(new, "pub:US10876100", "4")
    assert biopat["query_b"] and not biopat["query_a"] and biopat["matched_by"] == "B"
    counts = new.counts().set_index("group")
    assert (counts["families"] >= counts[["query_a", "query_b", "query_c"]].max(axis=1)).all()
    assert (counts["families"] <= counts[["query_a", "query_b", "query_c"]].sum(axis=1)).all()
    assert counts["verify"].all()  # 21/2026 numbering is unconfirmed: every group stays marked


def test_both_decisions_reconcile_through_the_crosswalk(maps):
    old, new = maps
    table = reconcile(old, new, load_crosswalk())
    assert (table["missing"] == 0).all()
    assert table["families"].sum() > 5000
    # a merged group holds exactly the union of its parts
    g5 = set(new.group_rows("5"))
    assert g5 == set(old.group_rows("9")) | set(old.group_rows("10"))
    # same-definition groups count the same
    assert len(old.group_rows("11")) == len(new.group_rows("9"))
    assert len(old.group_rows("4")) == len(new.group_rows("2"))


def test_seed_expansion_proposes_uniquely_common_codes(real_corpus, maps):
    _, new = maps
    f = real_corpus.families
    seed = np.flatnonzero(f["title"].str.contains("batter", case=False).to_numpy())
    known = [p.prefix for p in new.taxonomy.packs["energy"].codes]
    out = seed_expansion(f, seed, known=known)
    assert len(out) > 0
    assert (out["seed_share"] >= 0.04).all() and (out["ratio"] >= 50).all()
    row = out.set_index("symbol").loc["H01M10/"]
    assert row["already_in_pack"]  # H01M 10/ is in the energy pack already
    assert not out.set_index("symbol").loc["H01M4/", "already_in_pack"]  # electrodes: a proposal to review


def test_precision_sample_labels_are_stored_and_scored(maps, tmp_path):
    _, new = maps
    sample = draw_sample(new, "9", n=20, seed=7)
    assert len(sample) == 20 and sample["family_id"].is_unique
    assert sample.equals(draw_sample(new, "9", n=20, seed=7))  # reproducible
    sample.loc[:14, "label"] = "1"
    sample.loc[15:, "label"] = "không"
    path = tmp_path / "labels.csv"
    sample.to_csv(path, index=False)
    scores = score_labels(read_labels([path]))
    overall = scores[(scores["group"] == "9") & (scores["query"] == "all")].iloc[0]
    assert overall["labelled"] == 20 and overall["relevant"] == 15 and overall["precision"] == 0.75
    assert overall["ci_low"] < 0.75 < overall["ci_high"]
    with pytest.raises(UserError):
        draw_sample(new, "99")
    sample.loc[0, "label"] = "maybe"
    sample.to_csv(path, index=False)
    with pytest.raises(UserError) as err:
        read_labels([path])
    assert "labels.csv" in err.value.message("en") and "row 1" in err.value.message("en")


def test_wilson_interval():
    lo, hi = wilson(15, 20)
    assert round(lo, 3) == 0.531 and round(hi, 3) == 0.888
