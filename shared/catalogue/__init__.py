"""The public event catalogue as documents for the systems around Vern, generated from the contracts
(`shared/contracts/`): docs/events.md for people, docs/asyncapi.yaml for tools.

`make catalogue` (or `.venv/bin/python -m shared.catalogue`) writes both; a unit test fails when the
checked-in files differ from what it generates.
"""
