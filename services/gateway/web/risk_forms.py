"""Risk work's forms: the assessment, a risk in it, a measure for a risk, and the agency head's
decision on an unacceptable risk. The risk service validates with the API's schema again.
"""
from services.gateway.web.forms import date_field, digits, one_of, optional_date, optional_fields, prefixed_values
from services.gateway.web.i18n import N_
from services.gateway.web.lists import ListSpec, choices
from services.risk import domain
from services.risk.schemas import RegisterFiltersSchema, RiskAssessmentQuerySchema

RISK_SCOPES = ("overall", "system", "process", "project", "procurement")
ASSESSMENT_FIELDS = ("scope", "title", "assessed", "owner")
RISK_FIELDS = ("title", "likelihood", "consequence", "threat", "vulnerability", "asset", "owner")
MEASURE_FIELDS = ("title", "due_date", "owner")

# /risks filters both lists; the assessments' fields carry a prefix (both lists have a status and a scope)
RISK_LIST = ListSpec({name: name for name in ("q", "acceptable", "level", "status", "scope", "owner")})
ASSESSMENT_LIST = ListSpec({"assessment_status": "status", "assessment_scope": "scope"}, page="assessment_page",
                           anchor="#assessments-title")
RISK_FILTER_CHOICES = {name: choices(RegisterFiltersSchema, name) for name in ("level", "status", "scope")}
ASSESSMENT_FILTER_CHOICES = {name: choices(RiskAssessmentQuerySchema, name) for name in ("status", "scope")}


def _rating(form: dict, name: str, errors: dict) -> int | str | None:
    raw = form.get(name, "").strip()
    if not raw:
        errors[name] = [N_("err.rating_required")]
        return None
    number = digits(raw)
    return raw if number is None else number  # not a number: the service's schema names it


def risk_assessment_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risk-assessments, errors)."""
    errors: dict[str, list[str]] = {}
    payload = optional_fields(form, ASSESSMENT_FIELDS)
    if payload.get("scope") not in RISK_SCOPES:
        errors["scope"] = [N_("err.scope_required")]
    if len(payload.get("title", "")) < 3:
        errors["title"] = [N_("err.name_required")]
    return payload, errors


def risk_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risk-assessments/{id}/risks, errors): likelihood × consequence as numbers."""
    errors: dict[str, list[str]] = {}
    payload = optional_fields(form, ("title", "threat", "vulnerability", "asset", "owner"))
    if len(payload.get("title", "")) < 3:
        errors["title"] = [N_("err.name_required")]
    for name in ("likelihood", "consequence"):
        value = _rating(form, name, errors)
        if value is not None:
            payload[name] = value
    return payload, errors


def risk_measure_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risks/{id}/measures, errors); the due date as the API's ISO date."""
    errors: dict[str, list[str]] = {}
    payload = optional_fields(form, ("title", "owner"))
    if len(payload.get("title", "")) < 3:
        errors["title"] = [N_("err.name_required")]
    if not payload.get("owner"):
        errors["owner"] = [N_("err.owner_required")]
    date_field(form, "due_date", "due_date", payload, errors)
    return payload, errors


RISK_DECISIONS = ("accept", "treat")
RISK_DECISION_FIELDS = ("decision", "justification", "valid_until")


def risk_decision_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risks/{id}/decision, errors): accept with a validity, or require treatment."""
    errors: dict[str, list[str]] = {}
    decision = form.get("decision", "")
    justification = form.get("justification", "").strip()
    if decision not in RISK_DECISIONS:
        errors["decision"] = [N_("err.decision_required")]
    if len(justification) < 10:
        errors["justification"] = [N_("err.decision_justification")]
    payload = {"decision": decision, "justification": justification}
    if decision == "accept":  # an acceptance runs out; a decision to treat has no validity
        date_field(form, "valid_until", "valid_until", payload, errors, missing=N_("err.valid_until_required"))
    return payload, errors


# --- after the rating: treatment and residual risk, a measure's progress, the assessment's life cycle ---

TREATMENTS = domain.TREATMENTS
RISK_MEASURE_STATUSES = domain.MEASURE_STATUSES
TREATMENT_FIELDS = ("treatment-treatment", "treatment-treatment_rationale", "treatment-residual_likelihood",
                    "treatment-residual_consequence", "treatment-review_date")
# the coordinator's next step from each status (approval is the agency head's, sending back the coordinator's)
ASSESSMENT_STEPS = {"planned": ("in_progress",), "in_progress": ("completed",), "completed": ("in_progress",),
                    "approved": ("in_progress",)}


def treatment_payload(form: dict) -> tuple[dict, dict]:
    """(payload for PATCH /risks/{id}, errors): how the risk is treated and what is left after it.
    An empty residual rating means "as before treatment" (the API's null)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "treatment", ("treatment", "treatment_rationale", "residual_likelihood",
                                              "residual_consequence", "review_date"))
    if get["treatment"] not in TREATMENTS:
        errors["treatment-treatment"] = [N_("err.choice_required")]
    payload = {"treatment": get["treatment"], "treatment_rationale": get["treatment_rationale"] or None}
    for name in ("residual_likelihood", "residual_consequence"):
        number = digits(get[name])
        payload[name] = number if number is not None else (get[name] or None)
    if get["review_date"]:
        payload["review_date"] = optional_date(form, "treatment-review_date", errors)
    return payload, errors


def risk_measure_status_payload(form: dict) -> tuple[dict, dict]:
    return one_of(form, "status", RISK_MEASURE_STATUSES)


def assessment_step_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /risk-assessments/{id}/status): the one next step the page offers, with a note."""
    target = form.get("step", "")
    if target not in ("in_progress", "completed"):
        return {}, {"_form": [N_("err.status_required")]}
    return {"status": target, "note": form.get("step-note", "").strip() or None}, {}


def approval_payload(form: dict) -> dict:
    return {"note": form.get("approval-note", "").strip() or None}


def decision_state(risk: dict | None) -> tuple[str, dict | None]:
    """Where a risk stands for the agency head: ("awaiting", None) when it still needs a decision,
    ("accepted", decision) or ("treat", decision) when decided, ("none", None) when nothing is to decide.

    The risk service takes a decision on an open, unacceptable risk only; an acceptance in force makes
    the risk acceptable, so it is the last decision not voided (a treatment, or an acceptance still in
    force) that shows. Unknown (the risk service did not answer): the form shows, the service checks."""
    if risk is None:
        return "awaiting", None
    current = [d for d in risk.get("decisions") or [] if not d.get("voided_at")
               and (d.get("kind") == "treat" or d.get("in_force"))]
    if current:
        latest = max(current, key=lambda d: d.get("decided_at") or "")
        return ("accepted" if latest["kind"] == "accept" else "treat"), latest
    if risk.get("status") == "open" and risk.get("acceptable") is False:
        return "awaiting", None
    return "none", None
