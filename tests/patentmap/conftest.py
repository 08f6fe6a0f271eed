from __future__ import annotations

from pathlib import Path

import pytest

from ipoffice.patentmap.classify import GroupMap, group_map
from ipoffice.patentmap.corpus import Corpus, load_corpus
from ipoffice.patentmap.taxonomy import load_taxonomy


@pytest.fixture(scope="session")
def real_corpus(shared_data: Path) -> Corpus:
    """Every real patent export in ../shared/data/patents, as one family table (about 23,000 families)."""
    return load_corpus([shared_data / "patents"])


@pytest.fixture(scope="session")
def maps(real_corpus: Corpus) -> tuple[GroupMap, GroupMap]:
    """(1131-2025 map, 21-2026 map) built from the same corpus in one matching pass."""
    new = group_map(load_taxonomy("21-2026"), real_corpus.families)
    old = group_map(load_taxonomy("1131-2025"), real_corpus.families, new.packs)
    return old, new
