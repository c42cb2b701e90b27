"""Events published by the reporting service (the notification tasks' events moved with the tasks to the
notifications service: shared/contracts/notifications.py)."""
from marshmallow import fields, validate

from shared.events import ContractSchema, EventType

DOCUMENT_KINDS = ("policy", "routine", "instruction", "access_control_routine", "preparedness_routine")
AREAS = ("privacy", "security", "both")


class DocumentReviewOverdueV1(ContractSchema):
    document_id = fields.Integer(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(DOCUMENT_KINDS))
    area = fields.String(required=True, validate=validate.OneOf(AREAS))
    owner = fields.String(required=True, metadata={"description": "a role or a pseudonymous id"})
    version = fields.String(required=True)
    next_review_on = fields.Date(required=True, metadata={"description": "the review date that passed"})
    noticed_at = fields.AwareDateTime(required=True)


DOCUMENT_REVIEW_OVERDUE = EventType(
    "reporting", "document_review_overdue", 1, DocumentReviewOverdueV1,
    "A governing document or routine in force passed its review date. Published once per document and date.")

EVENTS = (DOCUMENT_REVIEW_OVERDUE,)

# One documented example payload per event type (docs/events.md, docs/asyncapi.yaml); a unit test
# loads each with its schema and validates it against the generated JSON Schema.
EXAMPLES = {
    "document_review_overdue": {
        "document_id": 3, "title": "Rutine for tilgangsstyring", "kind": "access_control_routine", "area": "security",
        "owner": "isk", "version": "2.1", "next_review_on": "2026-11-30", "noticed_at": "2026-12-01T01:00:00Z"},
}
