"""A request's JSON body as a dict, or a 400 that says what is wrong with it.

json.loads recurses once per level of nesting: a body nested thousands deep (a few kilobytes of
`[[[[...`) raises RecursionError, and one just below Python's limit would exhaust the stack later, in
validation or on its way to a service. No Vern input nests more than a few levels, so the depth is
counted before parsing, without recursion, and anything deeper than MAX_DEPTH is refused.
"""
import json
import re

from shared.errors import BadInput

MAX_DEPTH = 32
# what decides nesting: an escape (inside a string: an escaped quote does not end it), a quote, a bracket
_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


def too_deep(raw: str, limit: int = MAX_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than `limit`; one pass, linear in the text."""
    if raw.count("[") + raw.count("{") <= limit:
        return False  # the usual body: too few brackets to nest that deep
    depth, in_string = 0, False
    for match in _TOKEN.finditer(raw):
        token = match.group()
        if token == '"':
            in_string = not in_string
        elif in_string or token[0] == "\\":
            continue
        elif token in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def parse_object(raw: str) -> dict:
    if not raw.strip():
        return {}  # so that each required field is named as missing
    if too_deep(raw):
        raise BadInput("JSON nested too deep / JSON er nøstet for dypt",
                       {"_body": [f"Nested deeper than {MAX_DEPTH} levels / Nøstet dypere enn {MAX_DEPTH} nivåer."]})
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise BadInput("Malformed JSON / Ugyldig JSON", {"_body": [f"Malformed JSON: {error}"]}) from None
    if not isinstance(body, dict):
        raise BadInput("Body must be a JSON object / Innholdet må være et JSON-objekt",
                       {"_body": ["Must be a JSON object."]})
    return body
