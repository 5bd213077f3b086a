"""negotiation workspace: memberships, invitations, organisation audit, suggestions, recheck verdicts,
settings, files in the database; comment threads (comments.thread_id)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 09:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ws_memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("org_admin", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id"),
        sa.UniqueConstraint("user_id"),
    )
    op.create_index("ix_ws_memberships_email", "ws_memberships", ["email"])
    op.create_index("ix_ws_memberships_organisation_id", "ws_memberships", ["organisation_id"])
    op.create_table(
        "ws_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("org_admin", sa.Boolean(), nullable=False),
        sa.Column("invited_by", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_account", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ws_invitations_email", "ws_invitations", ["email"])
    op.create_index("ix_ws_invitations_organisation_id", "ws_invitations", ["organisation_id"])
    op.create_table(
        "ws_org_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "seq"),
    )
    op.create_table(
        "ws_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=100), nullable=False),
        sa.Column("op", sa.String(length=20), nullable=False),
        sa.Column("base_text", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("new_node_id", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("result_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"]),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ws_suggestions_agreement_id", "ws_suggestions", ["agreement_id"])
    op.create_index("ix_ws_suggestions_status", "ws_suggestions", ["status"])
    op.create_table(
        "ws_recheck",
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=False),
        sa.Column("previous", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agreement_id"], ["agreements.id"]),
        sa.PrimaryKeyConstraint("agreement_id"),
    )
    op.create_table(
        "ws_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "stored_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("ext", sa.String(length=10), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "ext"),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thread_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_comments_thread_id", ["thread_id"], unique=False)
        batch_op.create_foreign_key("fk_comments_thread_id", "comments", ["thread_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_constraint("fk_comments_thread_id", type_="foreignkey")
        batch_op.drop_index("ix_comments_thread_id")
        batch_op.drop_column("thread_id")
    op.drop_table("stored_files")
    op.drop_table("ws_settings")
    op.drop_table("ws_recheck")
    op.drop_index("ix_ws_suggestions_status", table_name="ws_suggestions")
    op.drop_index("ix_ws_suggestions_agreement_id", table_name="ws_suggestions")
    op.drop_table("ws_suggestions")
    op.drop_table("ws_org_audit")
    op.drop_index("ix_ws_invitations_organisation_id", table_name="ws_invitations")
    op.drop_index("ix_ws_invitations_email", table_name="ws_invitations")
    op.drop_table("ws_invitations")
    op.drop_index("ix_ws_memberships_organisation_id", table_name="ws_memberships")
    op.drop_index("ix_ws_memberships_email", table_name="ws_memberships")
    op.drop_table("ws_memberships")
