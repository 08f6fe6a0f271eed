"""Measuring innovation: a composite-index engine (GII / PII methodology with the JRC audit) and the
econometrics of innovation and growth.

    from ipoffice.innovation import Framework, build_index, coinr_spec
    result = build_index(Framework.from_csv("meta.csv"), pandas.read_csv("data.csv"), coinr_spec())
    print(result)
"""

from ipoffice.innovation.engine import IndexResult, IndexSpec, build_index, coinr_spec, gii_spec
from ipoffice.innovation.framework import Framework, explicit_weights

__all__ = [
    "Framework",
    "IndexResult",
    "IndexSpec",
    "build_index",
    "coinr_spec",
    "explicit_weights",
    "gii_spec",
]
