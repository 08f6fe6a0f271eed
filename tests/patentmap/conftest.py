from __future__ import annotations

from pathlib import Path

import pytest

from ipoffice.patentmap.classify import GroupMap
from ipoffice.patentmap.corpus import Corpus, load_corpus


@pytest.fixture(scope="session")
def real_corpus(shared_data: Path) -> Corpus:
    """Every real patent export in ../shared/data/patents, as one family table (about 23,000 families)."""
    return load_corpus([shared_data / "patents"])


@pytest.fixture(scope="session")
def maps(real_map) -> tuple[GroupMap, GroupMap]:
    """(1131-2025 map, 21-2026 map) built from the same corpus in one matching pass."""
    assert real_map.other is not None
    return real_map.other, real_map.gmap


@pytest.fixture(scope="session")
def real_map(real_corpus: Corpus):
    """The whole 21/2026 patent map (with the 1131 map for the crosswalk) from the real corpus."""
    from ipoffice.patentmap.pipeline import build_map

    return build_map(None, "21-2026", corpus=real_corpus)
