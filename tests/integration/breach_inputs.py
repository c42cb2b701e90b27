"""Breach assessments the tests send, as plain data (the browser tests use them too)."""

# A misdirected e-mail with behavioural data about named people: ENISA 2 x 1 + 0.5 = 2.5, medium;
# a risk to the people concerned, so Datatilsynet must be notified (art. 33(1)).
MEDIUM_MISDIRECTED = {"data_types": ["behavioural"], "ease_of_identification": "maximum",
                      "cb": {"confidentiality": 0.5, "integrity": 0, "availability": 0, "malicious": False},
                      "data_subjects": 24, "unintelligible": False, "vulnerable_subjects": False}
