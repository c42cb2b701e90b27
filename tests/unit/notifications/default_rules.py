"""The default routing rules a new notifications database is seeded with (its migration 0002), for tests
of how they route: reporting's migrations 0002 to 0016 made them, and the notifications service keeps them."""
import importlib.util

from services.notifications import messages

MIGRATION = messages.TEMPLATES.parent / "migrations" / "versions" / "0002_copy_from_reporting_or_seed_rules.py"


def default_rules(*event_types: str) -> list[dict]:
    """The active default rules of these event types, as the migration seeds them."""
    spec = importlib.util.spec_from_file_location("notifications_0002", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [rule for rule in module.DEFAULT_RULES if rule["active"] and rule["event_type"] in event_types]
