"""party invitations: the e-mail address a party's invitation is sent to

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ws_party_invitations") as b:
        b.add_column(sa.Column("email", sa.String(length=320), nullable=True))
        b.add_column(sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ws_party_invitations") as b:
        b.drop_column("emailed_at")
        b.drop_column("email")
