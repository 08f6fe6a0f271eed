"""Trademark conflict search quality on real data, against a plain rapidfuzz baseline in the same run.

Data (../shared/data, see its README):
* haystack: the EUIPO figurative marks with a word element (TradeMarks2020 validation split, 17,985 texts);
* real positives (weak): IPONZ opposed applications. The opposed mark is the query; the earlier right is only known
  by the **opponent's name**, so the opponent's name with its legal form removed (rule below) stands in for the
  earlier mark and is added to the haystack. Many oppositions rest on marks that do not resemble the company name
  (e.g. PIVO opposed by Jaguar Land Rover), so no string method can find those: the numbers are a lower bound,
  meant for comparing methods, not an absolute quality.
* constructed positives: the Vietnamese-rule cases of ``ipoffice.assist.tm_eval`` (constructed, one per rule),
  their earlier marks added to the same haystack.

Systems: ``ipoffice`` (index candidates + re-ranking, no classes since the haystack has none) and the baselines
``rapidfuzz.process.extract`` over every mark with ``fuzz.ratio`` (named baseline) and ``fuzz.WRatio``, both with
rapidfuzz's default processor (lower case, non-alphanumerics removed).

Run: ``.venv/bin/python benchmarks/bench_tm_eval.py``
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from ipoffice.assist.tm_eval import RULE_CASES, metrics, rank_of
from ipoffice.assist.tm_search import InMemoryMarkSource, MarkRecord, TrademarkSearch

LEGAL_FORMS = re.compile(
    r"\b(limited|ltd|inc|llc|l\.l\.c|gmbh|co|kg|pty|pte|b\.v|bv|s\.a|sa|ab|ag|se|sas|s\.p\.a|plc|p\.l\.c|"
    r"corporation|corp|company|holdings?|group|trading|international|trade ?marks?|trade mark management|"
    r"licensing|properties|enterprises|components|brands|products|nz|new zealand|\(.*?\))\b\.?",
    re.IGNORECASE,
)


def shared_data() -> Path:
    env = os.environ.get("IPOFFICE_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not path.is_dir():
        sys.exit("../shared/data not found (set IPOFFICE_SHARED_DATA)")
    return path


def opponent_mark(name: str) -> str:
    """The opponent's name without legal forms and generic company words: the stand-in for its earlier mark."""
    text = re.sub(r"\(.*?\)", " ", name)
    text = LEGAL_FORMS.sub(" ", text)
    text = re.sub(r"[,&+]+", " ", text)
    text = " ".join(text.split()).strip(" .,'")
    return text or name


def main() -> None:
    data = shared_data()
    raw = json.loads((data / "trademarks/euipo-2020-figurative/trademarks2020_validation.json").read_text())
    haystack = [
        MarkRecord(k, v["Text"])
        for k, v in raw.items()
        if v.get("Text", "").strip() and len(v["Text"]) <= 500
    ]
    rows = [
        json.loads(line)
        for line in (data / "trademarks/iponz-oppositions/iponz_opposed_trademarks.jsonl").open()
    ]
    pairs = sorted({(r["mark_text"].strip(), r["opponent"]) for r in rows if r["mark_text"].strip()})
    opponents = sorted({opp for _, opp in pairs})
    opp_id = {opp: f"OPP{i}" for i, opp in enumerate(opponents)}
    haystack += [MarkRecord(opp_id[o], opponent_mark(o)) for o in opponents]
    haystack += [MarkRecord(f"RULE{i}", c.earlier) for i, c in enumerate(RULE_CASES)]
    print(
        f"haystack: {len(haystack):,} marks ({len(opponents)} opponent stand-ins, {len(RULE_CASES)} rule marks)"
    )

    t0 = time.perf_counter()
    engine = TrademarkSearch.build(InMemoryMarkSource(haystack))
    print(f"ipoffice index build: {time.perf_counter() - t0:.1f} s")
    ids = [r.number for r in haystack]
    texts = [r.mark for r in haystack]
    processed = [utils.default_process(t) for t in texts]

    def ours(q: str) -> list[str]:
        return [h.record.number for h in engine.search(q, limit=50)]

    def baseline(scorer):
        def run(q: str) -> list[str]:
            found = process.extract(
                utils.default_process(q), processed, scorer=scorer, limit=50, processor=None
            )
            return [ids[i] for _, _, i in found]

        return run

    systems = {
        "ipoffice (index + re-rank)": ours,
        "baseline rapidfuzz ratio, all marks": baseline(fuzz.ratio),
        "rapidfuzz WRatio, all marks": baseline(fuzz.WRatio),
    }
    sets = {
        f"IPONZ oppositions (real, weak pairs), {len(pairs)} queries": [(opp_id[o], m) for m, o in pairs],
        f"Vietnamese rules (constructed), {len(RULE_CASES)} queries": [
            (f"RULE{i}", c.sign) for i, c in enumerate(RULE_CASES)
        ],
    }
    print()
    print(
        f"{'set':58s} {'system':38s} {'n':>4s} {'R@10':>6s} {'R@50':>6s} {'MRR':>6s} {'p50 ms':>7s} {'p95 ms':>7s}"
    )
    for set_name, cases in sets.items():
        for sys_name, run in systems.items():
            ranks, times = [], []
            for target, query in cases:
                t = time.perf_counter()
                try:
                    found = run(query)
                except Exception as exc:  # a query our engine rejects counts as a miss, and is reported
                    print(f"  {sys_name}: {query!r} failed: {exc}")
                    found = []
                times.append(1000 * (time.perf_counter() - t))
                ranks.append(rank_of(target, found))
            m = metrics(ranks)
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"{set_name:58s} {sys_name:38s} {m.n:4d} {m.recall_at_10:6.3f} {m.recall_at_50:6.3f} {m.mrr:6.3f}"
                f" {statistics.median(times):7.1f} {p95:7.1f}"
            )


if __name__ == "__main__":
    main()
