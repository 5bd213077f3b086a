"""org evidence: certificates tied to organisations; a baseline entry in every organisation's log

Every organisation's log (``ws_org_audit``) gets one ``baseline`` entry recording the
organisation, its users, memberships and invitations as they are now (rows written before the
log covered them), so ``verify`` can check the tables against the log from here on.
Version files kept on disk move into ``stored_files`` when the registry is opened
(``Registry``, not here: the migration does not know the files folder).

Revision ID: 0005
Revises: 0004
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "org_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("attribute", sa.String(length=64), nullable=True),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_org_certificates_organisation_id", "org_certificates", ["organisation_id"])
    _baseline(op.get_bind())


def _baseline(conn) -> None:
    from sqlalchemy.orm import Session

    from pamats.registry.models import Organisation, User
    from pamats.registry.models_workspace import Invitation, Membership
    from pamats.registry.orglog import append, invitation_facts, membership_facts, organisation_facts, user_facts

    s = Session(bind=conn)
    now = dt.datetime.now(dt.UTC)
    for o in s.query(Organisation).order_by(Organisation.id):
        users = {u.id: u for u in s.query(User).filter(User.organisation_id == o.id)}
        names = {u.id: u.username for u in s.query(User)}
        append(
            s,
            o,
            "migration-0004",
            now,
            "baseline",
            {
                "organisation": organisation_facts(o),
                "users": [user_facts(u, o.key) for u in users.values()],
                "memberships": [
                    membership_facts(m, o.key, names.get(m.user_id))
                    for m in s.query(Membership).filter(Membership.organisation_id == o.id)
                ],
                "invitations": [
                    invitation_facts(i, o.key) for i in s.query(Invitation).filter(Invitation.organisation_id == o.id)
                ],
            },
        )
    s.flush()


def downgrade() -> None:
    op.drop_index("ix_org_certificates_organisation_id", table_name="org_certificates")
    op.drop_table("org_certificates")
