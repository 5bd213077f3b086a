"""party invitations: an agreement started from the interview invites a party not registered yet

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ws_party_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), sa.ForeignKey("agreements.id"), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("party_key", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ws_party_invitations_agreement_id", "ws_party_invitations", ["agreement_id"])


def downgrade() -> None:
    op.drop_index("ix_ws_party_invitations_agreement_id", table_name="ws_party_invitations")
    op.drop_table("ws_party_invitations")
