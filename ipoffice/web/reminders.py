"""Renewal and annuity reminders of an owner's portfolio, from the statutory clock, on the account page and as an
iCalendar feed (RFC 5545) a calendar application subscribes to with a per-account, signed URL.

The dates are the law module's: the window opening, the due date, and the end of the grace period in which the
fee is still accepted with the surcharge (Law on IP Art. 94; ``ipoffice.web.holder_requests``)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.store.models import User
from ipoffice.web.auth import _fingerprint, sign, unsign
from ipoffice.web.holder_requests import maintenance_due
from ipoffice.web.services import my_files

FEED_PURPOSE = "ics-feed"
FEED_YEARS = 5


@dataclass(frozen=True)
class Reminder:
    number: str
    name: str
    kind: str  # "renewal" | "annuity"
    occurrence: int
    window_start: date | None
    due: date
    grace_end: date | None
    amount_vnd: int | None
    state: str  # "upcoming" (window not open), "open", "grace" (late, with surcharge), "lapsed"
    basis: str
    verify: bool


def _state(on: date, window_start: date | None, due: date, grace_end: date | None) -> str:
    if window_start and on < window_start:
        return "upcoming"
    if on <= due:
        return "open"
    return "grace" if on <= (grace_end or due) else "lapsed"


def reminders(session: Session, user_id: int, on: date) -> list[Reminder]:
    """The next renewal or annuity of each granted title the user filed, soonest first."""
    out = []
    for f in my_files(session, user_id):
        m = maintenance_due(f, on)
        if m is None:
            continue
        out.append(
            Reminder(
                f.application_number,
                f.mark_text or f.title or "",
                m.kind,
                m.occurrence,
                m.window_start,
                m.due,
                m.grace_end,
                m.amount_vnd,
                _state(on, m.window_start, m.due, m.grace_end),
                m.basis,
                m.verify,
            )
        )
    return sorted(out, key=lambda r: (r.due, r.number))


def feed_token(secret: str, user: User) -> str:
    """The credential in the feed's URL (calendar apps send no headers). Signed, bound to the password: a
    password change ends it."""
    return sign(
        secret,
        FEED_PURPOSE,
        {"uid": user.id, "fp": _fingerprint(user), "exp": time.time() + FEED_YEARS * 365 * 86400},
    )


def feed_user(session: Session, secret: str, value: str) -> User | None:
    data = unsign(secret, FEED_PURPOSE, value)
    if data is None:
        return None
    user = session.get(User, int(str(data.get("uid"))))
    if user is None or not user.active or data.get("fp") != _fingerprint(user):
        return None
    return user


# --- iCalendar ----------------------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF and a space (never splitting a character)."""
    out: list[str] = []
    current = b""
    for ch in line:
        enc = ch.encode()
        if len(current) + len(enc) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += enc
    out.append(current.decode())
    return "\r\n ".join(out)


def ics(items: list[Reminder], lang: str, now: datetime | None = None) -> str:
    """One all-day event per date that matters: the window opening, the due date, the end of the grace."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ipoffice//reminders//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + _escape(i18n.t("web.reminder.calendar", lang)),
    ]
    for r in items:
        for which, day in (("opens", r.window_start), ("due", r.due), ("grace_end", r.grace_end)):
            if day is None:
                continue
            summary = i18n.t(
                f"web.reminder.{r.kind}.{which}", lang, occurrence=r.occurrence, number=r.number, name=r.name
            )
            nxt = date.fromordinal(day.toordinal() + 1)
            lines += [
                "BEGIN:VEVENT",
                f"UID:{r.number}-{r.kind}-{r.occurrence}-{which}@ipoffice",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{nxt:%Y%m%d}",
                "SUMMARY:" + _escape(summary),
                "DESCRIPTION:"
                + _escape(f"{r.number} {r.name}\n{r.basis}" + (" [verify]" if r.verify else "")),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(x) for x in lines) + "\r\n"
