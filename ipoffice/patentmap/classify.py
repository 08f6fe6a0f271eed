"""Classification of families into strategic groups by the three-query method, seed expansion, precision samples.

Matching is done once per *query pack* and a taxonomy's groups are unions of packs, so the 1131/2025 and 21/2026
maps come from one pass over the corpus and reconcile through the crosswalk. Which query matched (A codes,
B keywords, C broad codes AND keywords) is kept for every family and pack.

Speed: symbols are matched once per distinct symbol and keywords once per distinct text, then broadcast to the
families as bit masks (a corpus has far fewer distinct symbols and texts than families).
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.patentmap.corpus import LIST_SEP
from ipoffice.patentmap.taxonomy import Crosswalk, Pack, Taxonomy
from ipoffice.patentmap.text import KeywordMatcher, fold, token_string

i18n.register(
    {
        "patentmap.labels.invalid": {
            "vi": "Tệp nhãn chuyên gia {file}, dòng {row}: giá trị '{value}' ở cột label phải là 1/0, yes/no, có/không",
            "en": "Expert label file {file}, row {row}: label '{value}' must be 1/0, yes/no or có/không",
        },
        "patentmap.group.unknown": {
            "vi": "Không có nhóm '{group}' trong bảng phân loại {taxonomy}",
            "en": "No group '{group}' in taxonomy {taxonomy}",
        },
    }
)

QUERIES = ("A", "B", "C")


@dataclass
class PackMatches:
    """Per family (rows) and pack (columns): which of the three queries matched."""

    pack_ids: list[str]
    query_a: np.ndarray  # codes
    query_b: np.ndarray  # keywords
    query_c: np.ndarray  # broad codes AND (keywords or context keywords)

    @property
    def any(self) -> np.ndarray:
        return self.query_a | self.query_b | self.query_c

    def column(self, pack_id: str) -> int:
        return self.pack_ids.index(pack_id)


def _symbol_masks(series: pd.Series, patterns_per_pack: list[tuple[str, ...]]) -> np.ndarray:
    """(n, P) bool: a family has a symbol that starts with one of pack p's prefixes."""
    n, npacks = len(series), len(patterns_per_pack)
    out = np.zeros((n, npacks), dtype=bool)
    if n == 0:
        return out
    exploded = series.str.split(LIST_SEP).explode()
    exploded = exploded[exploded.notna() & (exploded != "")]
    if exploded.empty:
        return out
    codes, uniques = pd.factorize(exploded, sort=False)
    uniq = np.asarray(uniques, dtype=object)
    umask = np.zeros((len(uniq), npacks), dtype=bool)
    for p, prefixes in enumerate(patterns_per_pack):
        if prefixes:
            umask[:, p] = [s.startswith(prefixes) for s in uniq]
    rows = exploded.index.to_numpy()
    hit = umask[codes]
    for p in range(npacks):
        sel = rows[hit[:, p]]
        out[sel, p] = True
    return out


def _text_masks(texts: pd.Series, *matcher_lists: list[KeywordMatcher]) -> list[np.ndarray]:
    """Per matcher list, (n, P) bool: the text contains one of pack p's keywords (once per distinct text)."""
    codes, uniques = pd.factorize(texts, sort=False)
    umasks = [np.zeros((len(uniques), len(ms)), dtype=bool) for ms in matcher_lists]
    for u, text in enumerate(uniques):
        toks = token_string(fold(str(text)))
        low = toks.lower()
        words, words_low = set(toks.split()), set(low.split())
        for umask, matchers in zip(umasks, matcher_lists, strict=True):
            for p, m in enumerate(matchers):
                umask[u, p] = m.search_tokens(toks, low, words, words_low)
    return [um[codes] if len(codes) else np.zeros((0, um.shape[1]), dtype=bool) for um in umasks]


def family_text(families: pd.DataFrame) -> pd.Series:
    return families["title"].fillna("") + " \n " + families["abstract"].fillna("")


def _row_keys(frame: pd.DataFrame, columns: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(key per row, first row of each key): rows with equal values in ``columns`` share a key."""
    key = np.zeros(len(frame), dtype=np.int64)
    for col in columns:
        codes, uniques = pd.factorize(frame[col], sort=False)
        key = key * (len(uniques) + 1) + (codes + 1)
    codes, _ = pd.factorize(key, sort=False)
    first = np.full(codes.max() + 1 if len(codes) else 0, -1, dtype=np.int64)
    order = np.arange(len(codes))[::-1]
    first[codes[order]] = order  # the last write wins: the first row of each key
    return codes, first


def match_packs(families: pd.DataFrame, packs: Iterable[Pack]) -> PackMatches:
    """Run the three queries of every pack over the family table.

    Families with the same symbols (or the same title and abstract) are matched once: keys are built from the
    columns without concatenating strings, the distinct values are matched, the masks are broadcast back.
    """
    plist = list(packs)
    frame = families.reset_index(drop=True)
    skey, sfirst = _row_keys(frame, ["ipc", "cpc"])
    sym = frame.iloc[sfirst]
    symbols = (sym["ipc"].fillna("") + LIST_SEP + sym["cpc"].fillna("")).str.strip(LIST_SEP).reset_index(drop=True)
    code_mask = _symbol_masks(symbols, [tuple(p.prefix for p in pk.codes) for pk in plist])[skey]
    broad_mask = _symbol_masks(symbols, [tuple(p.prefix for p in pk.broad_codes) for pk in plist])[skey]
    tkey, tfirst = _row_keys(frame, ["title", "abstract"])
    texts = family_text(frame.iloc[tfirst]).reset_index(drop=True)
    kw, ctx = _text_masks(texts, [pk.keyword_matcher() for pk in plist], [pk.context_matcher() for pk in plist])
    return PackMatches([p.id for p in plist], code_mask, kw[tkey], (broad_mask & ctx[tkey]))


@dataclass
class GroupMap:
    """The families of each group of one taxonomy, with the queries that put them there."""

    taxonomy: Taxonomy
    families: pd.DataFrame
    members: pd.DataFrame  # long: row, family_id, group, query_a, query_b, query_c, matched_by
    packs: PackMatches

    def group_rows(self, gid: str) -> np.ndarray:
        return self.members.loc[self.members["group"] == gid, "row"].to_numpy()

    def counts(self) -> pd.DataFrame:
        """Per group: families, and how many each query found (A, B, C, only one query)."""
        rows = []
        for g in self.taxonomy.groups:
            m = self.members[self.members["group"] == g.id]
            rows.append(
                {
                    "group": g.id,
                    "families": len(m),
                    "query_a": int(m["query_a"].sum()),
                    "query_b": int(m["query_b"].sum()),
                    "query_c": int(m["query_c"].sum()),
                    "only_a": int((m["matched_by"] == "A").sum()),
                    "only_b": int((m["matched_by"] == "B").sum()),
                    "only_c": int((m["matched_by"] == "C").sum()),
                    "verify": g.verify or any(self.taxonomy.packs[p].verify for p in g.packs),
                }
            )
        return pd.DataFrame(rows)


def group_map(taxonomy: Taxonomy, families: pd.DataFrame, packs: PackMatches | None = None) -> GroupMap:
    """Classify ``families`` into the groups of ``taxonomy`` (reusing pack matches when given)."""
    frame = families.reset_index(drop=True)
    needed = [p for g in taxonomy.groups for p in g.packs]
    if packs is None or not set(needed) <= set(packs.pack_ids):
        packs = match_packs(frame, [taxonomy.packs[p] for p in dict.fromkeys(needed)])
    parts = []
    for g in taxonomy.groups:
        cols = [packs.column(p) for p in g.packs]
        a = np.asarray(packs.query_a[:, cols].any(axis=1), dtype=bool)
        b = np.asarray(packs.query_b[:, cols].any(axis=1), dtype=bool)
        c = np.asarray(packs.query_c[:, cols].any(axis=1), dtype=bool)
        rows = np.flatnonzero(a | b | c)
        if len(rows) == 0:
            continue
        part = pd.DataFrame(
            {"row": rows, "group": g.id, "query_a": a[rows], "query_b": b[rows], "query_c": c[rows]}
        )
        parts.append(part)
    members = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(
            {
                "row": pd.Series(dtype=int),
                "group": pd.Series(dtype=str),
                "query_a": pd.Series(dtype=bool),
                "query_b": pd.Series(dtype=bool),
                "query_c": pd.Series(dtype=bool),
            }
        )
    )
    members.insert(
        1, "family_id", frame["family_id"].to_numpy()[members["row"].to_numpy()] if len(members) else []
    )
    code = (members["query_a"].to_numpy(dtype=int) + 2 * members["query_b"].to_numpy(dtype=int)
            + 4 * members["query_c"].to_numpy(dtype=int))
    names = np.array(["", "A", "B", "A+B", "C", "A+C", "B+C", "A+B+C"], dtype=object)
    members["matched_by"] = names[code] if len(code) else pd.Series(dtype=str)
    return GroupMap(taxonomy, frame, members, packs)


def reconcile(old: GroupMap, new: GroupMap, crosswalk: Crosswalk) -> pd.DataFrame:
    """Per crosswalk row: families the old group's carried packs find, and how many of them the new group holds.

    Every family an old group finds through the packs it carries must sit in the target new group; ``missing``
    is therefore zero when the crosswalk and the two taxonomies agree.
    """
    rows = []
    for r in crosswalk.rows:
        if r.from_group is None:
            continue
        cols = [old.packs.column(p) for p in r.packs]
        found = set(np.flatnonzero(old.packs.any[:, cols].any(axis=1)))
        target = set(new.group_rows(r.to_group))
        rows.append(
            {
                "from_group": r.from_group,
                "to_group": r.to_group,
                "packs": ";".join(r.packs),
                "relation": r.relation,
                "families": len(found),
                "in_target": len(found & target),
                "missing": len(found - target),
                "verify": r.verify,
            }
        )
    return pd.DataFrame(rows)


# -- seed expansion (Abood & Feltenberger 2018; google/patents-public-data models/landscaping/expansion.py) ------


def symbol_level(symbol: str, level: str) -> str:
    if level == "subclass":
        return symbol[:4]
    if level == "main_group":
        return symbol.split("/")[0] + "/" if "/" in symbol else symbol
    return symbol


def seed_expansion(
    families: pd.DataFrame,
    seed_rows: Iterable[int],
    *,
    level: str = "main_group",
    min_seed_share: float = 0.04,
    min_ratio: float = 50.0,
    known: Iterable[str] = (),
) -> pd.DataFrame:
    """Symbols "uniquely common" in a seed set: in >= 4 % of seed families and >= 50x more frequent there.

    ``known`` prefixes (the pack's own codes) are flagged so an analyst sees only what is new.
    """
    frame = families.reset_index(drop=True)
    seed = sorted(set(int(i) for i in seed_rows))
    if not seed:
        return pd.DataFrame(
            columns=["symbol", "seed_families", "seed_share", "corpus_share", "ratio", "already_in_pack"]
        )
    symbols = (frame["ipc"].fillna("") + LIST_SEP + frame["cpc"].fillna("")).str.split(LIST_SEP)
    per_family = symbols.map(lambda xs: {symbol_level(x, level) for x in xs if x})
    exploded = per_family.explode().dropna()
    corpus_counts = exploded.value_counts()
    seed_counts = exploded[exploded.index.isin(seed)].value_counts()
    n, ns = len(frame), len(seed)
    out = pd.DataFrame({"symbol": seed_counts.index, "seed_families": seed_counts.to_numpy()})
    out["seed_share"] = out["seed_families"] / ns
    out["corpus_share"] = corpus_counts.reindex(out["symbol"]).to_numpy() / n
    out["ratio"] = out["seed_share"] / out["corpus_share"]
    out = out[(out["seed_share"] >= min_seed_share) & (out["ratio"] >= min_ratio)]
    known_t = tuple(known)
    out["already_in_pack"] = [
        bool(known_t) and (s.startswith(known_t) or any(k.startswith(s) for k in known_t))
        for s in out["symbol"]
    ]
    return out.sort_values(["seed_share", "ratio"], ascending=False).reset_index(drop=True)


# -- precision samples and expert labels ----------------------------------------------------------------------

SAMPLE_COLUMNS = [
    "taxonomy",
    "group",
    "family_id",
    "matched_by",
    "title",
    "abstract",
    "applicants",
    "ipc",
    "cpc",
    "priority_year",
    "label",
    "labeller",
    "note",
]


def draw_sample(gmap: GroupMap, gid: str, n: int = 100, seed: int = 2026) -> pd.DataFrame:
    """``n`` random families of group ``gid`` for experts to label (``label``: 1 relevant, 0 not)."""
    try:
        gmap.taxonomy.group(gid)
    except KeyError:
        raise UserError(
            "patentmap.group.unknown", field="group", group=gid, taxonomy=gmap.taxonomy.id
        ) from None
    m = gmap.members[gmap.members["group"] == gid]
    rng = random.Random(seed)
    picks = sorted(rng.sample(range(len(m)), min(n, len(m))))
    chosen = m.iloc[picks]
    fam = gmap.families.iloc[chosen["row"].to_numpy()]
    return pd.DataFrame(
        {
            "taxonomy": gmap.taxonomy.id,
            "group": gid,
            "family_id": chosen["family_id"].to_numpy(),
            "matched_by": chosen["matched_by"].to_numpy(),
            "title": fam["title"].to_numpy(),
            "abstract": fam["abstract"].str.slice(0, 600).to_numpy(),
            "applicants": fam["applicant_names"].to_numpy(),
            "ipc": fam["ipc"].to_numpy(),
            "cpc": fam["cpc"].to_numpy(),
            "priority_year": fam["priority_year"].to_numpy(),
            "label": "",
            "labeller": "",
            "note": "",
        },
        columns=SAMPLE_COLUMNS,
    )


_YES = {"1", "y", "yes", "true", "relevant", "co", "có", "dung", "đúng"}
_NO = {"0", "n", "no", "false", "not relevant", "khong", "không", "sai"}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion k/n."""
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))


def read_labels(paths: Iterable[Path]) -> pd.DataFrame:
    """Labelled sample files (CSV written by :func:`draw_sample`, filled in by experts)."""
    frames = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for i, rec in enumerate(csv.DictReader(f), start=1):
                raw = (rec.get("label") or "").strip().lower()
                if not raw:
                    continue
                if raw in _YES:
                    value = 1
                elif raw in _NO:
                    value = 0
                else:
                    raise UserError(
                        "patentmap.labels.invalid", field="label", file=path.name, row=i, value=raw
                    )
                frames.append(
                    {
                        "taxonomy": rec.get("taxonomy", ""),
                        "group": rec.get("group", ""),
                        "family_id": rec.get("family_id", ""),
                        "matched_by": rec.get("matched_by", ""),
                        "label": value,
                        "labeller": rec.get("labeller", ""),
                        "file": path.name,
                    }
                )
    return pd.DataFrame(
        frames, columns=["taxonomy", "group", "family_id", "matched_by", "label", "labeller", "file"]
    )


def score_labels(labels: pd.DataFrame) -> pd.DataFrame:
    """Precision per taxonomy/group (and per query), with a 95 % Wilson interval; two labellers are both counted."""
    rows = []
    if labels.empty:
        return pd.DataFrame(
            columns=["taxonomy", "group", "query", "labelled", "relevant", "precision", "ci_low", "ci_high"]
        )
    for (tax, gid), part in labels.groupby(["taxonomy", "group"], sort=True):
        subsets = [("all", part)] + [
            (q, part[part["matched_by"].str.contains(q, regex=False)]) for q in QUERIES
        ]
        for q, sub in subsets:
            k, n = int(sub["label"].sum()), len(sub)
            lo, hi = wilson(k, n)
            rows.append(
                {
                    "taxonomy": tax,
                    "group": gid,
                    "query": q,
                    "labelled": n,
                    "relevant": k,
                    "precision": k / n if n else math.nan,
                    "ci_low": lo,
                    "ci_high": hi,
                }
            )
    return pd.DataFrame(rows)
