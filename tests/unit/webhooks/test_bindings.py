"""Which event types the broker routes to the webhooks service: those an active subscription's patterns
match in the event catalogue, and nothing else (no `#`)."""
from services.webhooks.bindings import routes, wanted_keys
from shared.contracts import CATALOGUE
from shared.deployment import subscriber_queues

KEYS = ("incidents.incident_reported", "incidents.incident_escalated", "risk.unacceptable_risk_identified",
        "webhooks.subscription_disabled")


def test_no_subscription_wants_nothing():
    assert wanted_keys([], KEYS) == set()


def test_patterns_of_every_subscription_are_expanded_over_the_catalogue():
    wanted = wanted_keys([["*.incident_escalated"], ["risk.*", "webhooks.subscription_disabled"]], KEYS)
    assert wanted == {"incidents.incident_escalated", "risk.unacceptable_risk_identified",
                      "webhooks.subscription_disabled"}
    assert wanted_keys([["*"]], KEYS) == set(KEYS)


def test_each_source_queue_is_bound_to_its_wanted_types_and_unbound_from_the_rest():
    queues = {"incidents": "q-incidents", "risk": "q-risk"}
    planned = list(routes(queues, {"incidents.incident_escalated"}, KEYS))
    assert planned == [("q-incidents", "incidents", "incident_escalated", True),
                       ("q-incidents", "incidents", "incident_reported", False),
                       ("q-risk", "risk", "unacceptable_risk_identified", False)]


def test_the_real_catalogue_expands():
    assert "incidents.incident_escalated" in wanted_keys([["incidents.*"]])
    assert len(wanted_keys([["*"]])) == len(CATALOGUE)


def test_the_webhooks_queues_are_declared_without_a_binding():
    queues = {queue.name: queue for queue in subscriber_queues(["webhooks", "risk"])}
    webhook_queues = [queue for name, queue in queues.items() if name.endswith(("--webhooks.on_incidents_event",
                                                                                  "--webhooks.on_risk_event"))]
    assert len(webhook_queues) == 2 and all(not queue.exchange or not queue.exchange.name for queue in webhook_queues)
    others = [queue for name, queue in queues.items() if "--risk." in name]
    assert others and all(queue.exchange.name == f"{queue.name.split('-')[1]}.events" for queue in others)
