"""The public event catalogue: every event type Vern publishes, with its payload schema.

Producers and consumers import the same contract, so a consumer never keeps a
copy of a producer's schema. Changes are additive; a breaking change is a new
`.vN` type. Each module also holds one example payload per event type (`EXAMPLES`,
by event name), which docs/events.md and docs/asyncapi.yaml show (`make catalogue`).
"""
from shared.contracts import (audit, incidents, notifications, privacy_register, reporting, risk, training,
                              webhooks)

MODULES = (incidents, risk, privacy_register, training, reporting, notifications, webhooks, audit)
CATALOGUE = {event.key: event for module in MODULES for event in module.EVENTS}
# None where a module lacks one: a unit test names it (an import error here would stop every service)
EXAMPLES = {event.key: module.EXAMPLES.get(event.name) for module in MODULES for event in module.EVENTS}
