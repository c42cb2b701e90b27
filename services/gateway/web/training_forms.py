"""Training: a campaign and an exercise, two forms on one page, so their fields carry a prefix.
"""
from services.gateway.web.forms import date_field, lines, one_of, prefixed_values, whole_number
from services.gateway.web.i18n import N_
from services.gateway.web.lists import ListSpec, choices
from services.training import schemas as training_schemas
from services.training.schemas import CampaignQuerySchema, ExerciseQuerySchema
from shared.contracts import training as contract

TOPICS = ("privacy", "security", "both")
EXERCISE_TYPES = ("tabletop", "functional", "full_scale")
CAMPAIGN_FIELDS = ("title", "topic", "theme", "starts_on", "ends_on", "target_rate")
# /training filters both lists; each list's fields carry its prefix (both have a status)
CAMPAIGN_LIST = ListSpec({"campaign_status": "status", "campaign_topic": "topic"}, page="campaign_page",
                         anchor="#campaigns")
EXERCISE_LIST = ListSpec({"exercise_status": "status", "exercise_type": "type", "follow_up_status": "follow_up_status"},
                         page="exercise_page", anchor="#exercises")
CAMPAIGN_FILTER_CHOICES = {name: choices(CampaignQuerySchema, name) for name in ("status", "topic")}
EXERCISE_FILTER_CHOICES = {name: choices(ExerciseQuerySchema, name) for name in ("status", "type", "follow_up_status")}
EXERCISE_FIELDS = ("title", "type", "scenario", "held_on", "participant_roles", "observations", "evaluation")


def campaign_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/campaigns, errors by the form's campaign-* fields)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "campaign", CAMPAIGN_FIELDS)
    payload = {"title": get["title"], "topic": get["topic"], "theme": get["theme"]}
    if len(get["title"]) < 3:
        errors["campaign-title"] = [N_("err.name_required")]
    if get["topic"] not in TOPICS:
        errors["campaign-topic"] = [N_("err.topic_required")]
    if not get["theme"]:
        errors["campaign-theme"] = [N_("err.theme_required")]
    for name in ("starts_on", "ends_on"):
        date_field(form, f"campaign-{name}", name, payload, errors)
    if get["target_rate"]:
        try:
            payload["target_rate"] = float(get["target_rate"].replace(",", ".").rstrip("% "))
        except ValueError:
            errors["campaign-target_rate"] = [N_("err.rate_invalid")]
    return payload, errors


def exercise_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/exercises, errors by the form's exercise-* fields)."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "exercise", EXERCISE_FIELDS)
    payload = {"title": get["title"], "type": get["type"], "scenario": get["scenario"],
               "participant_roles": lines(get["participant_roles"]), "observations": lines(get["observations"])}
    if len(get["title"]) < 3:
        errors["exercise-title"] = [N_("err.name_required")]
    if get["type"] not in EXERCISE_TYPES:
        errors["exercise-type"] = [N_("err.exercise_type_required")]
    if len(get["scenario"]) < 3:
        errors["exercise-scenario"] = [N_("err.scenario_required")]
    date_field(form, "exercise-held_on", "held_on", payload, errors)
    if get["evaluation"]:
        payload["evaluation"] = get["evaluation"]
    return payload, errors


# --- a campaign's own page: who it targets, its reminders; an exercise's page: findings and follow-up ---

FINDING_SEVERITIES = contract.FINDING_SEVERITIES
FOLLOW_UP_STATUSES = training_schemas.FOLLOW_UP_STATUSES
TARGETING_FIELDS = ("target-target_units", "target-target_roles", "target-target_rate", "target-count",
                    "target-spacing_days", "target-starts_on", "target-ends_on")
FINDING_FIELDS = ("finding-title", "finding-severity", "finding-description", "finding-proposed_measure")


def targeting_payload(form: dict) -> tuple[dict, dict]:
    """(payload for PATCH /training/campaigns/{id}, errors): the audience (empty: everyone), the target,
    the reminders to those who have not completed, and the period."""
    errors: dict[str, list[str]] = {}
    payload = {"target_units": lines(form.get("target-target_units", "")),
               "target_roles": lines(form.get("target-target_roles", "")),
               "reminders": {"count": whole_number(form, "target-count", errors, required=True),
                             "spacing_days": whole_number(form, "target-spacing_days", errors, required=True)}}
    rate = form.get("target-target_rate", "").strip()
    try:
        payload["target_rate"] = float(rate.replace(",", ".").rstrip("% "))
    except ValueError:
        errors["target-target_rate"] = [N_("err.rate_invalid")]
    for name in ("starts_on", "ends_on"):
        date_field(form, f"target-{name}", name, payload, errors)
    return payload, errors


def finding_payload(form: dict) -> tuple[dict, dict]:
    """(one finding, errors): what the exercise showed, how serious, what could be done."""
    errors: dict[str, list[str]] = {}
    get = prefixed_values(form, "finding", ("title", "severity", "description", "proposed_measure"))
    if len(get["title"]) < 3:
        errors["finding-title"] = [N_("err.name_required")]
    if get["severity"] not in FINDING_SEVERITIES:
        errors["finding-severity"] = [N_("err.choice_required")]
    return {"title": get["title"], "severity": get["severity"], "description": get["description"] or None,
            "proposed_measure": get["proposed_measure"] or None}, errors


def with_finding(findings: list[dict], finding: dict) -> list[dict]:
    """The exercise's findings with one more, as the API takes them (it numbers them again)."""
    kept = [{key: f.get(key) for key in ("title", "severity", "description", "proposed_measure")} for f in findings]
    return kept + [finding]


def follow_up_payload(form: dict) -> tuple[dict, dict]:
    return one_of(form, "follow_up_status", FOLLOW_UP_STATUSES)


ENROL_FIELDS = ("enrol-participant_ids",)
PARTICIPATION_FIELDS = ("participation-participant_ids", "participation-completed_on")


def enrolment_payload(form: dict) -> tuple[dict, dict]:
    """(POST .../enrolments payload, errors): the directory's participant ids, one a line."""
    ids = lines(form.get("enrol-participant_ids", ""))
    return {"participant_ids": ids}, ({} if ids else {"enrol-participant_ids": [N_("err.text_required")]})


def participation_payload(form: dict) -> tuple[dict, dict]:
    """(POST .../participation payload, errors): who took part in a campaign without a course, and when."""
    ids = lines(form.get("participation-participant_ids", ""))
    payload: dict = {"participant_ids": ids}
    errors = {} if ids else {"participation-participant_ids": [N_("err.text_required")]}
    date_field(form, "participation-completed_on", "completed_on", payload, errors)
    return payload, errors


def completion_payload(form: dict) -> tuple[dict, dict]:
    return {"evaluation": form.get("complete-evaluation", "").strip() or None}, {}
