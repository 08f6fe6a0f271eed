"""store: the audit log's hash column is no longer UNIQUE

The chain already makes every hash depend on all entries before it (``audit verify`` walks it), so a unique index
on 64 random hex digits guarded nothing; it only cost writes: every batch of entries touched pages all over that
index. A 10,000-record demo load wrote 1,137 MB to SQLite with it and 469 MB without it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 19:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_append_only_triggers() -> None:
    """SQLite rebuilds the table to change a constraint, and its triggers go with the old table: put them back."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{action.lower()}")
        op.execute(
            f"CREATE TRIGGER audit_log_no_{action.lower()} BEFORE {action} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, 'append-only table audit_log: {action} refused'); END"
        )


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_hash"), type_="unique")
    _sqlite_append_only_triggers()


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_hash"), ["hash"])
    _sqlite_append_only_triggers()
