"""IPC suggestion: kNN votes at subclass and main-group level, confidence as a share, evidence, CPC handling."""

from __future__ import annotations

import pytest

from ipoffice.assist.ipc_suggest import levels, suggest
from ipoffice.assist.prior_art import PriorArtDoc, PriorArtIndex
from ipoffice.core.errors import UserError

DOCS = [
    PriorArtDoc("C1", "Instant coffee by spray drying", "Coffee extract is spray dried.", ipc=("A23F 5/28",)),
    PriorArtDoc(
        "C2", "Freeze-dried coffee granules", "Coffee extract is frozen and dried.", ipc=("A23F 5/32",)
    ),
    PriorArtDoc(
        "C3", "Coffee roasting drum", "Green coffee beans are roasted.", ipc=("A23N 12/08", "A23F 5/04")
    ),
    PriorArtDoc(
        "N1", "Packet encryption keys", "Keys rotate per session.", ipc=("H04L9/0891", "H04L2209/80")
    ),
    PriorArtDoc("N2", "Key exchange for packet networks", "Session keys are exchanged.", ipc=("H04L 9/08",)),
    PriorArtDoc("G1", "Texture cache", "A texture cache for shaders.", ipc=("G06T 1/60", "Y02D 10/00")),
    PriorArtDoc("U1", "Unclassified coffee note", "Coffee coffee coffee."),
]


@pytest.fixture(scope="module")
def index() -> PriorArtIndex:
    ix = PriorArtIndex()  # lexical neighbours only: fast and deterministic
    ix.build(DOCS)
    return ix


def test_levels_of_ipc_and_cpc_symbols() -> None:
    assert levels("G06F16/245") == ("G06F", "G06F 16/00")
    assert levels("H04L0009080000") == ("H04L", "H04L 9/00")
    assert levels("H04L2209/80") == ("H04L", None)  # CPC 2000-series indexing group: no IPC main group
    assert levels("Y02D 10/00") is None and levels("nonsense") is None


def test_coffee_text_suggests_a23f_with_evidence(index: PriorArtIndex) -> None:
    s = suggest(index, "process for dried coffee extract", mode="bm25")
    assert s.subclasses[0].symbol == "A23F"
    assert s.subclasses[0].title.startswith("COFFEE")
    assert {e.id for e in s.subclasses[0].evidence} <= {"C1", "C2", "C3"}
    assert s.main_groups[0].symbol == "A23F 5/00"
    assert 0 < s.subclasses[-1].confidence <= s.subclasses[0].confidence <= 1
    assert "U1" not in {
        e.id for sub in s.subclasses for e in sub.evidence
    }  # unclassified documents do not vote


def test_confidences_are_shares_of_the_vote(index: PriorArtIndex) -> None:
    s = suggest(index, "session key encryption for packets", mode="bm25")
    assert s.subclasses[0].symbol == "H04L" and s.main_groups[0].symbol == "H04L 9/00"
    assert sum(x.confidence for x in s.subclasses) <= 1.5  # secondary symbols vote at half weight
    assert all(x.symbol[0] != "Y" for x in s.subclasses)
    data = s.to_json()
    assert data["subclasses"][0]["evidence"][0]["id"] in {"N1", "N2"}


def test_top_is_at_most_five(index: PriorArtIndex) -> None:
    s = suggest(index, "coffee texture keys packet drum cache", mode="bm25")
    assert len(s.subclasses) <= 5 and len(s.main_groups) <= 5


def test_empty_text_and_no_classified_documents(index: PriorArtIndex) -> None:
    with pytest.raises(UserError) as err:
        suggest(index, "  ")
    assert err.value.code == "ipc_suggest.empty"
    bare = PriorArtIndex()
    bare.build([PriorArtDoc("U1", "coffee")])
    with pytest.raises(UserError) as err:
        suggest(bare, "coffee")
    assert err.value.code == "ipc_suggest.no_classified"


def test_text_with_no_neighbour_gives_no_suggestion(index: PriorArtIndex) -> None:
    s = suggest(index, "zzqx wvvy", mode="bm25")
    assert s.subclasses == () and s.main_groups == () and s.neighbours == 0
