"""The documentation cannot drift from the rules, and every rule cites its instrument and article."""

from __future__ import annotations

from pathlib import Path

from ipoffice.core import i18n
from ipoffice.law import regimes
from ipoffice.law.docs import BEGIN, END, generated
from ipoffice.law.model import STEP_LABELS

DOC = Path(__file__).resolve().parents[2] / "docs" / "law.md"


def test_docs_law_md_holds_the_generated_tables():
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == generated(), "run: python -m ipoffice.law.docs docs/law.md"


def test_every_rule_cites_an_article_and_every_step_is_covered():
    steps = set()
    for regime in regimes():
        for rule in regime.rules:
            # an article, or an explicit, flagged admission that it is not confirmed
            assert "Art." in rule.basis or (rule.verify and "not confirmed" in rule.basis), (regime.id, rule.step)
            steps.add(rule.step)
        for term in regime.term_rules:
            assert "Art. 93" in term.basis
    # term_expiry, annuity and renewal come from the term rules
    assert steps | {"term_expiry", "annuity", "renewal"} == set(STEP_LABELS)


def test_every_law_message_has_both_languages():
    law_messages = {k: v for k, v in i18n.messages().items() if k.startswith("law.")}
    assert len(law_messages) > 20
    assert all(v["vi"] and v["en"] for v in law_messages.values())
