"""A valid body and query for any gateway route, generated from its marshmallow schemas.

A call that the gateway refuses with 400 never reaches the service, so it would prove nothing about
the service's agency scoping: every body must pass the gateway's validation. Generation fills the
required fields; `BODIES` gives what generation cannot guess (a change needs a field, a period has a
format). `invalid_inputs` names the routes whose input still does not validate."""
from datetime import datetime, timezone

from marshmallow import Schema, ValidationError, fields, validate

from services.privacy_register.domain import ASPECT_STATUSES, ASPECTS
from shared.clock import today as oslo_today

TEXT = "Kontroll av virksomhetsskille"  # long enough for every Length(min=...) the schemas ask

# by route (the gateway method's name): merged over the generated body
BODIES = {
    "update_advice": {"status": "closed"},
    "approve_report": {"read_confirmed": True},
    "update_plan_activity": {"title": "Ny tittel"},
    "add_plan_evidence": {"type": "document", "reference": "doc-1", "title": TEXT},
    "update_dpia": {"title": TEXT},
    "update_governing_document": {"version": "9.0"},
    "attest_document": {"period": str(oslo_today().year), "result": "complied"},
    "update_incident": {"description": TEXT},
    "update_measure": {"status": "done"},
    "update_processing": {"name": TEXT},
    "assess_privacy": {"aspects": {aspect: {"status": ASPECT_STATUSES[0]} for aspect in ASPECTS}},
    "update_agreement": {"status": "terminated"},
    "update_risk_assessment": {"title": TEXT},
    "update_risk": {"title": TEXT},
    "decide_risk": {"valid_until": f"{oslo_today().year + 1}-06-30"},
    "update_risk_measure": {"status": "done"},
    "update_campaign": {"title": TEXT},
    "update_course": {"title": TEXT},
    "update_exercise": {"title": TEXT},
    "set_requirement_overlay": {"applies": True},
    "create_webhook_subscription": {"event_types": ["incidents.*"]},
    "update_webhook_subscription": {"description": TEXT},
    # an event with a message for every recipient role (a rule without one is refused)
    "create_routing_rule": {"event_type": "incidents.incident_escalated"},
    "replace_routing_rule": {"event_type": "incidents.incident_escalated"},
}
YEAR = oslo_today().year
# listings: the period A's records fall in, so that a leak would show
QUERIES = {
    "advice_summary": {"year": YEAR},
    "list_plan": {"year": YEAR},
    "compare_agencies": {"period_start": f"{YEAR}-01-01", "period_end": f"{YEAR}-12-31"},
    "export_risks": {"format": "csv"},
    "export_processing": {"format": "json"},
}


def body_for(name: str, entrypoint) -> dict | None:
    if entrypoint.body_schema is None:
        return None
    return {**_required(entrypoint.body_schema()), **BODIES.get(name, {})}


def query_for(name: str, entrypoint) -> dict:
    if entrypoint.query_schema is None:
        return {}
    return {key: _as_query(value) for key, value in {**_required(entrypoint.query_schema()),
                                                     **QUERIES.get(name, {})}.items()}


def invalid_inputs(named_routes) -> list[str]:
    problems = []
    for name, entrypoint in named_routes:
        for schema, given in ((entrypoint.body_schema, body_for(name, entrypoint)),
                              (entrypoint.query_schema, query_for(name, entrypoint))):
            if schema is None:
                continue
            try:
                schema().load(given)
            except ValidationError as error:
                problems.append(f"{name}: {given} -> {error.normalized_messages()}")
    return problems


def _required(schema: Schema) -> dict:
    return {field.data_key or key: _value(field) for key, field in schema.fields.items()
            if field.required and not field.dump_only}


def _value(field):
    for validator in field.validators:
        if isinstance(validator, validate.OneOf):
            return list(validator.choices)[0]
    if isinstance(field, fields.Nested):
        return _required(field.schema)
    if isinstance(field, fields.List):
        return [_value(field.inner)]
    if isinstance(field, fields.Boolean):
        return False
    if isinstance(field, (fields.Integer, fields.Float, fields.Decimal)):
        bounds = [v for v in field.validators if isinstance(v, validate.Range) and v.min is not None]
        return bounds[0].min if bounds else 1
    if isinstance(field, fields.DateTime):
        return datetime.now(timezone.utc).isoformat()
    if isinstance(field, fields.Date):
        return oslo_today().isoformat()
    if isinstance(field, fields.Email):
        return "kontroll@example.org"
    if isinstance(field, fields.Url):
        return "https://example.org/"
    if isinstance(field, fields.Dict):
        return {}
    return TEXT


def _as_query(value):
    return str(value).lower() if isinstance(value, bool) else value
