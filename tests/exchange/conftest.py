"""Paths to the real exchange samples (../shared/data, development machines and CI only)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def st96_examples(shared_data: Path) -> Path:
    return shared_data / "standards" / "wipo-st96-st36" / "st96_example_instances"


@pytest.fixture(scope="session")
def st36_examples(shared_data: Path) -> Path:
    return shared_data / "standards" / "wipo-st96-st36" / "st36_examples"


@pytest.fixture(scope="session")
def uspto_samples(shared_data: Path) -> Path:
    return shared_data / "standards" / "uspto-xml" / "samples"


@pytest.fixture(scope="session")
def tsdr(shared_data: Path) -> Path:
    return shared_data / "trademarks" / "uspto-tsdr-xml"
