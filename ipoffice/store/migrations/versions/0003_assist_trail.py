"""assist: the AI audit trail of a file (was created on first use; now part of the schema)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 15:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if sa.inspect(bind).has_table("assist_trail"):
        return  # created on first use by an earlier version of ipoffice.assist.trail: same columns
    op.create_table(
        "assist_trail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_number", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("use_id", sa.Integer(), nullable=True),
        sa.Column("assistant", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("model", sa.String(length=255), nullable=True),
        sa.Column("model_version", sa.String(length=64), nullable=True),
        sa.Column("index_version", sa.String(length=64), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assist_trail")),
    )
    with op.batch_alter_table("assist_trail", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assist_trail_file_number"), ["file_number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assist_trail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assist_trail_file_number"))
    op.drop_table("assist_trail")
