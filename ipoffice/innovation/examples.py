"""Example data shipped with the package (works on a fresh install, no ../shared needed)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from ipoffice.innovation.framework import Framework


def _path(name: str) -> Path:
    return Path(str(resources.files("ipoffice.data.innovation").joinpath("asem").joinpath(name)))


def asem() -> tuple[Framework, pd.DataFrame]:
    """COINr's ASEM example: 51 units, 49 indicators, 4 levels (build it with ``coinr_spec()``)."""
    return Framework.from_csv(_path("ASEM_iMeta.csv"), name="ASEM"), pd.read_csv(_path("ASEM_iData.csv.gz"))


def asem_expected() -> pd.DataFrame:
    """COINr's printed results for seven units (scores and ranks, 2 decimals)."""
    return pd.read_csv(_path("ASEM_expected_from_COINr_docs.csv")).set_index("uCode")
