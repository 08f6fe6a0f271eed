"""The transition table, the fold and the legal-status codes (pure, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipoffice.core.errors import Conflict
from ipoffice.core.rights import RightKind
from ipoffice.office import workflow
from ipoffice.office.events import CATALOGUE, EventCode, event_label
from ipoffice.office.legal_status import ST27_DETAILED, legal_status_for
from ipoffice.office.workflow import REGIMES, Status, apply, fold, initial_state

E = EventCode

TM_2023 = [
    E.FILED,
    E.FORMALITY_ACCEPTED,
    E.PUBLISHED,
    E.OPPOSITION_FILED,
    E.OPPOSITION_REJECTED,
    E.OFFICE_ACTION_ISSUED,
    E.RESPONSE_RECEIVED,
    E.INTENDED_GRANT_NOTIFIED,
    E.GRANTED,
    E.RENEWED,
]


def test_trademark_walk_2023_statuses():
    expected = [
        Status.FILED,
        Status.ACCEPTED,
        Status.UNDER_EXAMINATION,  # a published mark is under substantive examination
        Status.UNDER_EXAMINATION,
        Status.UNDER_EXAMINATION,
        Status.OFFICE_ACTION,
        Status.UNDER_EXAMINATION,
        Status.INTENDED_GRANT,
        Status.GRANTED,
        Status.GRANTED,
    ]
    got = [fold(TM_2023[: i + 1], RightKind.TRADEMARK, "vn-2023").status for i in range(len(TM_2023))]
    assert got == expected


def test_invention_waits_for_examination_request():
    seq = [E.FILED, E.FORMALITY_ACCEPTED, E.PUBLISHED]
    state = fold(seq, RightKind.INVENTION, "vn-2023")
    assert state.status is Status.PUBLISHED and state.published and not state.examination_requested
    state = apply(state, E.EXAMINATION_REQUESTED, RightKind.INVENTION, "vn-2023")
    assert state.status is Status.UNDER_EXAMINATION
    # requested before publication: examination starts on publication
    early = fold(
        [E.FILED, E.EXAMINATION_REQUESTED, E.FORMALITY_ACCEPTED, E.PUBLISHED], "invention", "vn-2023"
    )
    assert early.status is Status.UNDER_EXAMINATION


def test_grant_before_examination_is_refused_with_step_and_rule():
    state = fold([E.FILED, E.FORMALITY_ACCEPTED], RightKind.INVENTION, "vn-2023")
    with pytest.raises(Conflict) as exc:
        apply(state, E.GRANTED, RightKind.INVENTION, "vn-2023")
    err = exc.value
    assert err.field == "event" and "Art. 118" in (err.rule or "")
    assert "granted" in err.message("en") and "intended_grant" in err.message("en")
    assert err.message("vi") != err.message("en")


def test_2026_has_no_acceptance_decision():
    with pytest.raises(Conflict) as exc:
        fold([E.FILED, E.FORMALITY_ACCEPTED], RightKind.TRADEMARK, "vn-2026")
    assert "vn-2026" in exc.value.message("en")
    state = fold([E.FILED, E.PUBLISHED], RightKind.TRADEMARK, "vn-2026")
    assert state.status is Status.UNDER_EXAMINATION


def test_opposition_needs_publication_and_first_event_must_be_filing():
    with pytest.raises(Conflict):
        fold([E.FILED, E.FORMALITY_ACCEPTED, E.OPPOSITION_FILED], RightKind.TRADEMARK, "vn-2023")
    with pytest.raises(Conflict):
        fold([E.PUBLISHED], RightKind.TRADEMARK, "vn-2023")
    with pytest.raises(Conflict):
        fold([E.FILED, E.FILED], RightKind.TRADEMARK, "vn-2023")


def test_gi_has_no_renewal_or_assignment():
    granted = fold(
        [E.FILED, E.FORMALITY_ACCEPTED, E.PUBLISHED, E.INTENDED_GRANT_NOTIFIED, E.GRANTED], "gi", "vn-2023"
    )
    assert granted.status is Status.GRANTED
    for ev in (E.RENEWED, E.ASSIGNMENT_RECORDED, E.LICENCE_RECORDED, E.LAPSED):
        with pytest.raises(Conflict):
            apply(granted, ev, RightKind.GI, "vn-2023")


def test_suspension_returns_to_the_status_it_left():
    seq = [E.FILED, E.FORMALITY_ACCEPTED, E.PUBLISHED, E.OFFICE_ACTION_ISSUED, E.PROCEDURE_SUSPENDED]
    state = fold(seq, RightKind.TRADEMARK, "vn-2023")
    assert state.status is Status.SUSPENDED and state.resume_to is Status.OFFICE_ACTION
    with pytest.raises(Conflict):
        apply(state, E.INTENDED_GRANT_NOTIFIED, RightKind.TRADEMARK, "vn-2023")
    state = apply(state, E.OPPOSITION_FILED, RightKind.TRADEMARK, "vn-2023")
    assert state.status is Status.SUSPENDED
    assert apply(state, E.PROCEDURE_RESUMED, RightKind.TRADEMARK, "vn-2023").status is Status.OFFICE_ACTION


def test_lapse_restore_and_invalidation():
    base = [
        E.FILED,
        E.FORMALITY_ACCEPTED,
        E.EXAMINATION_REQUESTED,
        E.PUBLISHED,
        E.INTENDED_GRANT_NOTIFIED,
        E.GRANTED,
    ]
    assert fold([*base, E.LAPSED, E.RESTORED], "invention", "vn-2023").status is Status.GRANTED
    assert fold([*base, E.LAPSED, E.INVALIDATED], "invention", "vn-2023").status is Status.INVALIDATED
    with pytest.raises(Conflict):  # a patent is maintained by annuities, not renewals
        fold([*base, E.RENEWED], "invention", "vn-2023")


def test_every_event_is_labelled_and_coded():
    for code, etype in CATALOGUE.items():
        assert etype.vi and etype.en and etype.basis
        for right in RightKind:
            ls = legal_status_for(code, right, Status.GRANTED)
            assert ls.standard == right.legal_status_standard
            assert ls.detailed_event in ST27_DETAILED
            assert ls.category == ls.detailed_event[0]
    assert event_label(E.GRANTED, RightKind.TRADEMARK, "en") != event_label(
        E.GRANTED, RightKind.INVENTION, "en"
    )


def test_legal_status_codes_for_a_patent_grant_and_a_mark():
    pat = legal_status_for(E.GRANTED, RightKind.INVENTION, Status.GRANTED)
    assert (pat.code, pat.key_event, pat.state, pat.stage, pat.verify) == ("ST.27:F11", "F10", "A", 4, False)
    tm = legal_status_for(E.GRANTED, RightKind.TRADEMARK, Status.GRANTED)
    assert tm.standard == "ST.61" and tm.verify
    assert legal_status_for(E.FILED, RightKind.DESIGN, Status.FILED).standard == "ST.87"
    assert (
        legal_status_for(E.LICENCE_RECORDED, "invention", Status.GRANTED, exclusive=True).detailed_event
        == "S14"
    )
    assert legal_status_for(E.WITHDRAWN, "invention", Status.WITHDRAWN).state == "T"


@st.composite
def walks(draw):
    right = draw(st.sampled_from(list(RightKind)))
    regime = draw(st.sampled_from(REGIMES))
    state = apply(None, E.FILED, right, regime)
    seq = [E.FILED]
    for _ in range(draw(st.integers(0, 25))):
        options = workflow.allowed_events(state, right, regime)
        if not options:
            break
        ev = draw(st.sampled_from(options))
        state = apply(state, ev, right, regime)
        seq.append(ev)
    return right, regime, seq


@settings(max_examples=150, deadline=None)
@given(walks())
def test_every_prefix_of_a_valid_walk_has_a_defined_status(walk):
    right, regime, seq = walk
    for i in range(1, len(seq) + 1):
        state = fold(seq[:i], right, regime)
        assert state.status in Status
        assert state.events == i


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(list(RightKind)),
    st.sampled_from(REGIMES),
    st.lists(st.sampled_from(list(EventCode)), max_size=12),
)
def test_any_sequence_folds_or_conflicts(right, regime, tail):
    try:
        state = fold([E.FILED, *tail], right, regime)
    except Conflict as err:
        assert err.field == "event" and err.rule
    else:
        assert state.status in Status
        assert initial_state().status is Status.FILED
