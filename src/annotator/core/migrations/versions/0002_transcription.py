"""transcription progress, recogniser scores, gaps

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.Integer(), nullable=False),
        sa.Column("start_ms", sa.Integer(), nullable=False),
        sa.Column("end_ms", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Integer(), nullable=True),
        sa.CheckConstraint("end_ms > start_ms", name=op.f("ck_gaps_time_order")),
        sa.ForeignKeyConstraint(
            ["recording_id"], ["recordings.id"], name=op.f("fk_gaps_recording_id_recordings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gaps")),
    )
    with op.batch_alter_table("gaps", schema=None) as batch_op:
        batch_op.create_index("ix_gaps_recording_start", ["recording_id", "start_ms"], unique=False)

    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("transcribed_ms", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("transcription", sa.JSON(), server_default="{}", nullable=False))

    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("avg_logprob", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("no_speech_prob", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("compression_ratio", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.drop_column("compression_ratio")
        batch_op.drop_column("no_speech_prob")
        batch_op.drop_column("avg_logprob")

    with op.batch_alter_table("recordings", schema=None) as batch_op:
        batch_op.drop_column("transcription")
        batch_op.drop_column("transcribed_ms")

    with op.batch_alter_table("gaps", schema=None) as batch_op:
        batch_op.drop_index("ix_gaps_recording_start")

    op.drop_table("gaps")
