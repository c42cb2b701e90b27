"""Claiming a row once when several instances of a service (or two requests) race for it.

The conditional UPDATE is the claim: only the transaction whose UPDATE still finds the row in the
state the condition describes changes it (the database serialises the two), and the row count says
who won. Used by every timer that must act once with N instances running (docs/operations.md).
"""
from sqlalchemy import update
from sqlalchemy.orm import Session


def claim(session: Session, model, *conditions, synchronize_session="auto", **values) -> bool:
    """Set `values` on the row `conditions` pick if it is still as they say; True if this caller won."""
    statement = (update(model).where(*conditions).values(**values)
                 .execution_options(synchronize_session=synchronize_session))
    return session.execute(statement).rowcount == 1
