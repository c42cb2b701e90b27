"""`vern events tail --type`: which exchanges and routing keys a pattern binds, and clear refusals."""
import pytest

from vern_cli.tail import UnknownEventType, bindings_for, one_line


def test_a_service_wildcard_binds_every_routing_key_of_its_exchange_including_later_events():
    assert bindings_for(["incidents.*"]) == [("incidents.events", "#")]


def test_an_event_wildcard_binds_each_service_that_publishes_it():
    assert bindings_for(["*.incident_escalated"]) == [("incidents.events", "incident_escalated")]
    assert ("notifications.events", "notification_task_overdue") in bindings_for(["notifications.notification_*"])


def test_several_patterns_are_bound_together_without_duplicates():
    assert bindings_for(["incidents.incident_escalated", "*.incident_escalated", "risk.*"]) == [
        ("incidents.events", "incident_escalated"), ("risk.events", "#")]


@pytest.mark.parametrize("pattern", ["incidents", "nosuch.*", "incidents.no_such_event"])
def test_a_pattern_that_names_nothing_is_refused(pattern):
    with pytest.raises(UnknownEventType):
        bindings_for([pattern])


def test_one_line_shows_time_type_subject_and_agency():
    assert one_line({"time": "2026-11-22T10:15:00Z", "type": "no.vern.incidents.incident_escalated.v1",
                     "subject": "abc", "agency": "demo"}) == (
        "2026-11-22T10:15:00Z  incidents.incident_escalated.v1  subject=abc  agency=demo")
