"""Bad input: a clear message naming the unit or indicator, and nothing silently dropped."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ipoffice.core.errors import UserError
from ipoffice.innovation.engine import IndexSpec, build_index
from ipoffice.innovation.framework import Framework, explicit_weights


def meta(rows):
    return pd.DataFrame(rows, columns=["iCode", "Parent", "Type", "Weight", "Direction"])


GOOD = [
    ("a", "P1", "Indicator", 1, 1),
    ("b", "P1", "Indicator", 1, -1),
    ("c", "P2", "Indicator", 1, 1),
    ("d", "P2", "Indicator", 1, 1),
    ("P1", "Idx", "Aggregate", 1, 1),
    ("P2", "Idx", "Aggregate", 1, 1),
    ("Idx", None, "Aggregate", 1, 1),
]


def data(n=8, seed=0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.uniform(1, 10, size=(n, 4)), columns=list("abcd"))
    df.insert(0, "uCode", [f"U{i}" for i in range(n)])
    return df


def test_any_depth_and_levels_derived():
    fw = Framework.from_table(meta(GOOD))
    assert fw.root == "Idx" and fw.max_level == 3
    assert fw.aggregates == ["P1", "P2", "Idx"]
    r = build_index(fw, data())
    # direction −1 inverts: the unit with the smallest b gets 100 on b
    b = r.stages["raw"]["b"]
    assert r.scores.loc[b.idxmin(), "b"] == pytest.approx(100)
    assert np.allclose(r.scores["Idx"], (r.scores["P1"] + r.scores["P2"]) / 2)


def test_missing_parent_names_it():
    rows = GOOD[:-1] + [("Idx", "Nowhere", "Aggregate", 1, 1)]
    with pytest.raises(UserError) as e:
        Framework.from_table(meta(rows))
    assert e.value.code == "innovation.meta.parent_missing" and "Nowhere" in e.value.message("en")
    assert "Nowhere" in e.value.message("vi")


def test_cycle_is_named():
    rows = GOOD[:4] + [("P1", "P2", "Aggregate", 1, 1), ("P2", "P1", "Aggregate", 1, 1), ("Idx", None, "Aggregate", 1, 1)]
    with pytest.raises(UserError) as e:
        Framework.from_table(meta(rows))
    assert e.value.code == "innovation.meta.cycle"
    assert "P1" in e.value.message("en") and "P2" in e.value.message("en")


def test_duplicate_and_bad_direction_and_two_roots():
    with pytest.raises(UserError, match="a"):
        Framework.from_table(meta(GOOD + [("a", "P1", "Indicator", 1, 1)]))
    bad = [tuple(list(r[:4]) + [2]) if r[0] == "c" else r for r in GOOD]
    with pytest.raises(UserError) as e:
        Framework.from_table(meta(bad))
    assert e.value.code == "innovation.meta.bad_direction"
    with pytest.raises(UserError) as e:
        Framework.from_table(meta(GOOD + [("Other", None, "Aggregate", 1, 1), ("e", "Other", "Indicator", 1, 1)]))
    assert e.value.code == "innovation.meta.roots"


def test_weights_that_do_not_sum_name_the_parent():
    fw = Framework.from_table(meta(GOOD))
    with pytest.raises(UserError) as e:
        explicit_weights({"a": 0.7, "b": 0.7}, fw)
    assert e.value.code == "innovation.weights.sum" and "P1" in e.value.message("en")
    ok = explicit_weights({"a": 0.25, "b": 0.75}, fw)
    r = build_index(ok, data())
    assert np.allclose(r.scores["P1"], 0.25 * r.scores["a"] + 0.75 * r.scores["b"])
    with pytest.raises(UserError) as e:
        explicit_weights({"zz": 1.0}, fw)
    assert "zz" in e.value.message("en")


def test_constant_indicator_is_listed_or_raises_in_strict_mode():
    fw = Framework.from_table(meta(GOOD))
    df = data()
    df["c"] = 4.0
    r = build_index(fw, df)
    assert [e for e in r.exclusions if e.kind == "indicator" and e.code == "c" and e.reason == "no variance"]
    assert np.allclose(r.scores["P2"], r.scores["d"])
    with pytest.raises(UserError) as e:
        build_index(fw, df, IndexSpec(strict=True))
    assert e.value.code == "innovation.data.no_variance" and "'c'" in e.value.message("en")


def test_unit_with_no_data_is_listed():
    fw = Framework.from_table(meta(GOOD))
    df = data()
    df.loc[3, list("abcd")] = np.nan
    r = build_index(fw, df)
    assert "U3" not in r.scores.index
    assert [e for e in r.exclusions if e.code == "U3" and e.reason == "no data"]
    with pytest.raises(UserError) as e:
        build_index(fw, df, IndexSpec(strict=True))
    assert "U3" in e.value.message("vi")


def test_units_not_in_framework_and_extra_columns():
    fw = Framework.from_table(meta(GOOD))
    df = data()
    with pytest.raises(UserError) as e:
        build_index(fw, df, units=["U0", "U1"])
    assert e.value.code == "innovation.data.unknown_units" and "U2" in e.value.message("en")
    df["stray"] = 1
    r = build_index(fw, df)
    assert [e for e in r.exclusions if e.kind == "column" and e.code == "stray"]


def test_coverage_rule_and_aggregate_coverage():
    fw = Framework.from_table(meta(GOOD))
    df = data()
    df.loc[0, ["a", "b", "c"]] = np.nan
    r = build_index(fw, df, IndexSpec(unit_min_coverage=0.5))
    assert "U0" not in r.scores.index
    assert [e for e in r.exclusions if e.code == "U0" and "coverage" in e.reason]
    r = build_index(fw, df, IndexSpec(aggregate_min_coverage=0.6))
    assert np.isnan(r.scores.loc["U0", "P1"]) and np.isnan(r.scores.loc["U0", "P2"])
    assert [e for e in r.exclusions if e.code == "U0:P1"]


def test_efficiency_ratio_and_geometric_guard():
    fw = Framework.from_table(meta(GOOD))
    r = build_index(fw, data(), IndexSpec(efficiency=("P2", "P1"), minmax_range=(1, 100)))
    assert np.allclose(r.efficiency_ratio(), r.scores["P2"] / r.scores["P1"])
    assert "Efficiency" in r.table().columns
    with pytest.raises(UserError) as e:
        build_index(fw, data(), IndexSpec(aggregation="geometric"))
    assert e.value.code == "innovation.aggregate.nonpositive"
    g = build_index(fw, data(), IndexSpec(aggregation="geometric", minmax_range=(1, 100)))
    assert np.allclose(g.scores["P1"], np.sqrt(g.scores["a"] * g.scores["b"]))


def test_bad_option_and_non_numeric():
    fw = Framework.from_table(meta(GOOD))
    with pytest.raises(UserError) as e:
        build_index(fw, data(), IndexSpec(normalise="magic"))
    assert "magic" in e.value.message("en")
    df = data()
    df["a"] = df["a"].astype(object)
    df.loc[2, "a"] = "n/a!"
    with pytest.raises(UserError) as e:
        build_index(fw, df)
    assert "U2" in e.value.message("en")


def test_gii_data_minimum_coverage_per_sub_index():
    fw = Framework.from_table(meta(GOOD))
    df = data()
    df.loc[1, ["c", "d"]] = np.nan  # U1 has half its data overall but none for sub-index P2
    from ipoffice.innovation.engine import gii_spec

    r = build_index(fw, df, gii_spec())
    assert "U1" not in r.scores.index
    ex = [e for e in r.exclusions if e.code == "U1"]
    assert ex and "P2" in ex[0].detail
    assert "U1" in build_index(fw, df, IndexSpec()).scores.index
