"""Training: a campaign and an exercise, two forms on one page, so their fields carry a prefix.
"""
from services.gateway.web.forms import date_field, lines
from services.gateway.web.lists import ListSpec, choices
from services.training.schemas import CampaignQuerySchema, ExerciseQuerySchema

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
    get = {name: form.get(f"campaign-{name}", "").strip() for name in CAMPAIGN_FIELDS}
    payload = {"title": get["title"], "topic": get["topic"], "theme": get["theme"]}
    if len(get["title"]) < 3:
        errors["campaign-title"] = ["err.name_required"]
    if get["topic"] not in TOPICS:
        errors["campaign-topic"] = ["err.topic_required"]
    if not get["theme"]:
        errors["campaign-theme"] = ["err.theme_required"]
    for name in ("starts_on", "ends_on"):
        date_field(form, f"campaign-{name}", name, payload, errors)
    if get["target_rate"]:
        try:
            payload["target_rate"] = float(get["target_rate"].replace(",", ".").rstrip("% "))
        except ValueError:
            errors["campaign-target_rate"] = ["err.rate_invalid"]
    return payload, errors


def exercise_payload(form: dict) -> tuple[dict, dict]:
    """(payload for POST /training/exercises, errors by the form's exercise-* fields)."""
    errors: dict[str, list[str]] = {}
    get = {name: form.get(f"exercise-{name}", "").strip() for name in EXERCISE_FIELDS}
    payload = {"title": get["title"], "type": get["type"], "scenario": get["scenario"],
               "participant_roles": lines(get["participant_roles"]), "observations": lines(get["observations"])}
    if len(get["title"]) < 3:
        errors["exercise-title"] = ["err.name_required"]
    if get["type"] not in EXERCISE_TYPES:
        errors["exercise-type"] = ["err.exercise_type_required"]
    if len(get["scenario"]) < 3:
        errors["exercise-scenario"] = ["err.scenario_required"]
    date_field(form, "exercise-held_on", "held_on", payload, errors)
    if get["evaluation"]:
        payload["evaluation"] = get["evaluation"]
    return payload, errors
