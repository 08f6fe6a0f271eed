"""A technology map (ThemeScape / Orbit style): text + classification embeddings -> clusters -> 2-D, with labels.

Embedding: TF-IDF of title, abstract and IPC/CPC subclass tokens, reduced by truncated SVD (LSA); clusters by
k-means on the normalised LSA vectors; the 2-D layout places clusters by MDS of their centres and members by a
local PCA. Deterministic
(fixed seeds), offline, no model download. Labels are each cluster's highest-weighted terms.
"""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.manifold import MDS
from sklearn.preprocessing import normalize

from ipoffice.patentmap.classify import GroupMap
from ipoffice.patentmap.corpus import LIST_SEP
from ipoffice.patentmap.text import fold

# Patent boilerplate that says nothing about the technology.
PATENT_STOP = {
    "method", "methods", "system", "systems", "apparatus", "device", "devices", "use", "using", "thereof", "same",
    "having", "includes", "including", "comprising", "comprises", "wherein", "provided", "based", "plurality", "first",
    "second", "least", "example", "embodiments", "embodiment", "invention", "present", "disclosed", "described",
    "associated", "configured", "according", "one", "two", "may", "can", "e", "g", "eg", "respective",
    "cua", "va", "cho", "cac", "mot", "trong", "duoc", "voi", "la", "nay", "theo", "he", "thong", "phuong", "phap",
}
STOP = sorted(set(ENGLISH_STOP_WORDS) | PATENT_STOP)


def _documents(families: pd.DataFrame) -> pd.Series:
    codes = (families["ipc"] + LIST_SEP + families["cpc"]).map(
        lambda s: " ".join(sorted({"ipc" + x[:4].lower() for x in s.split(LIST_SEP) if len(x) >= 4})))
    text = (families["title"] + " " + families["title"] + " " + families["abstract"]).map(fold)
    return text + " " + codes


def _layout(lsa: np.ndarray, labels: np.ndarray, centres: np.ndarray, seed: int) -> np.ndarray:
    """Clusters placed by the similarity of their centres (MDS), members spread around by a local PCA.

    A global 2-D projection piles the clusters on one another; this keeps islands apart and labels readable,
    while near islands still mean similar content.
    """
    k = len(centres)
    if k >= 3:
        dist = 1 - normalize(centres) @ normalize(centres).T
        np.fill_diagonal(dist, 0)
        new_api = "metric_mds" in inspect.signature(MDS).parameters  # scikit-learn >= 1.8
        kw: dict[str, object] = {"metric": "precomputed", "init": "random"} if new_api else {"dissimilarity": "precomputed"}
        pos = MDS(n_components=2, random_state=seed, n_init=4, **kw).fit_transform(np.clip(dist, 0, None))
    else:
        pos = np.array([[-1.0, 0.0], [1.0, 0.0]])[:k]
    span = np.ptp(pos, axis=0).max() or 1.0
    pos = pos / span
    sizes = np.bincount(labels, minlength=k)
    radius = 0.12 * np.sqrt(sizes / max(1, sizes.max()))
    xy = np.zeros((len(lsa), 2))
    for c in range(k):
        sel = labels == c
        if sel.sum() >= 3:
            local = PCA(n_components=2, random_state=seed).fit_transform(lsa[sel])
            local = local / (np.abs(local).max(axis=0) + 1e-9)
        else:
            local = np.zeros((sel.sum(), 2))
        xy[sel] = pos[c] + radius[c] * local
    return xy


def technology_map(gmap: GroupMap, max_points: int = 12000, clusters: int | None = None,
                   seed: int = 2026) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points: family, group, x, y, cluster; clusters: id, label, size, main group, VN applicants)."""
    m = gmap.members
    rows = np.unique(m["row"].to_numpy())
    empty = (pd.DataFrame(columns=["family_id", "group", "groups", "x", "y", "cluster", "title"]),
             pd.DataFrame(columns=["cluster", "label", "families", "main_group", "vn_resident", "x", "y"]))
    if len(rows) < 10:
        return empty
    if len(rows) > max_points:
        rows = np.sort(np.random.default_rng(seed).choice(rows, max_points, replace=False))
    fam = gmap.families.iloc[rows].reset_index(drop=True)
    docs = _documents(fam)
    vec = TfidfVectorizer(stop_words=STOP, min_df=3, max_df=0.5, max_features=20000, sublinear_tf=True,
                          token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9]{2,}\b")
    try:
        x = vec.fit_transform(docs)
    except ValueError:
        return empty
    dims = max(2, min(50, x.shape[1] - 1, len(rows) - 1))
    lsa = normalize(TruncatedSVD(n_components=dims, random_state=seed).fit_transform(x))
    k = clusters or int(min(12, max(3, round(np.sqrt(len(rows) / 60)))))
    k = min(k, len(rows))
    km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=2048).fit(lsa)
    xy = _layout(lsa, km.labels_, km.cluster_centers_, seed)
    groups_of = m[m["row"].isin(rows)].groupby("row")["group"].agg(list)
    glist = [groups_of.get(r, []) for r in rows]
    points = pd.DataFrame({
        "family_id": fam["family_id"], "group": [g[0] if g else "" for g in glist],
        "groups": [";".join(g) for g in glist], "x": xy[:, 0], "y": xy[:, 1], "cluster": km.labels_,
        "title": fam["title"].str.slice(0, 120), "vn_resident": fam["vn_resident"].to_numpy(),
    })
    terms = np.array(vec.get_feature_names_out())
    info = []
    for c in range(k):
        sel = km.labels_ == c
        if not sel.any():
            continue
        weights = np.asarray(x[sel].mean(axis=0)).ravel()
        order: list[str] = []
        for t in terms[np.argsort(weights)[::-1]]:
            if not t.startswith("ipc") and not any(t[:6] == o[:6] for o in order):  # no "communication(s)" twice
                order.append(t)
            if len(order) == 4:
                break
        codes = [t[3:].upper() for t in terms[np.argsort(weights)[::-1]] if t.startswith("ipc")][:2]
        label = ", ".join(order) + (f" ({', '.join(codes)})" if codes else "")
        info.append({"cluster": c, "label": label, "families": int(sel.sum()),
                     "main_group": points.loc[sel, "group"].mode().iat[0],
                     "vn_resident": int(points.loc[sel, "vn_resident"].sum()),
                     "x": float(xy[sel, 0].mean()), "y": float(xy[sel, 1].mean())})
    return points, pd.DataFrame(info)
