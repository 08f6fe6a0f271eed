"""Fixtures for the innovation tests: the COINr ASEM example read from ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest


@pytest.fixture(scope="session")
def coinr_dir(shared_data: Path) -> Path:
    return shared_data / "econ" / "coinr"


@pytest.fixture(scope="session")
def asem(coinr_dir: Path):  # type: ignore[no-untyped-def]
    from ipoffice.innovation.framework import Framework

    return Framework.from_csv(coinr_dir / "ASEM_iMeta.csv"), pd.read_csv(coinr_dir / "ASEM_iData.csv")


@pytest.fixture(scope="session")
def asem_result(asem):  # type: ignore[no-untyped-def]
    from ipoffice.innovation.engine import build_index, coinr_spec

    fw, data = asem
    return build_index(fw, data, coinr_spec())
