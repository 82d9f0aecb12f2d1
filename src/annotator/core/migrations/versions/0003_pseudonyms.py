"""pseudonyms: real names and the codes that replace them in exports

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pseudonyms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("real", sa.String(length=200), nullable=False),
        sa.Column("replacement", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('person', 'place', 'other')", name=op.f("ck_pseudonyms_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pseudonyms")),
        sa.UniqueConstraint("guid", name=op.f("uq_pseudonyms_guid")),
        sa.UniqueConstraint("real", name=op.f("uq_pseudonyms_real")),
    )


def downgrade() -> None:
    op.drop_table("pseudonyms")
