"""workspace mail outbox: one row per e-mail, unique per event and recipient

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ws_mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("agreement_id", sa.Integer(), sa.ForeignKey("agreements.id"), nullable=True),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_ws_mail_outbox_agreement_id", "ws_mail_outbox", ["agreement_id"])
    op.create_index("ix_ws_mail_outbox_sent_at", "ws_mail_outbox", ["sent_at"])


def downgrade() -> None:
    op.drop_index("ix_ws_mail_outbox_sent_at", table_name="ws_mail_outbox")
    op.drop_index("ix_ws_mail_outbox_agreement_id", table_name="ws_mail_outbox")
    op.drop_table("ws_mail_outbox")
