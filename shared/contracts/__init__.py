"""The public event catalogue: every event type Vern publishes, with its payload schema.

Producers and consumers import the same contract, so a consumer never keeps a
copy of a producer's schema. Changes are additive; a breaking change is a new
`.vN` type.
"""
from shared.contracts import incidents, privacy_register, reporting, risk, training, webhooks

CATALOGUE = {event.key: event for module in (incidents, risk, privacy_register, training, reporting, webhooks)
             for event in module.EVENTS}
