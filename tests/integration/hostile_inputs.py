"""Requests that no generator of valid input makes, for every operation of the OpenAPI document: a lone
UTF-16 surrogate in every string of the body (and in a key), 1.5 for every whole number of the body
and the query, and a body nested thousands deep (issue 23). Each must be a 400 naming what was wrong.

`hostile_requests(document, path, method)` gives (what, request, fields the 400 must name); a request
is keyword arguments for schemathesis' `operation.Case`.
"""
SURROGATE = "\ud800"  # requests sends it as the JSON escape "\ud800", as a client in another language would
FRACTION = 1.5
DEEP = ("[" * 5000 + "]" * 5000).encode()  # as bytes: Python's own JSON encoder would not nest so deep


def hostile_requests(document: dict, path: str, method: str) -> list[tuple[str, dict, set]]:
    operation = document["paths"][path][method]
    path_parameters = {p["name"]: 1 if p["schema"].get("type") == "integer" else "x"
                       for p in operation.get("parameters", []) if p["in"] == "path"}
    query_whole = [p["name"] for p in operation.get("parameters", [])
                   if p["in"] == "query" and p["schema"].get("type") == "integer"]
    found = []
    if query_whole:
        found.append(("1.5 in the query", {"path_parameters": path_parameters,
                                           "query": {name: str(FRACTION) for name in query_whole}}, set(query_whole)))
    body_schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body_schema is None:
        return found
    properties = _resolved(document, body_schema).get("properties", {})
    texts = {name: _replaced(document, schema, "string", SURROGATE) for name, schema in properties.items()}
    texts = {name: value for name, value in texts.items() if value is not None}
    found.append(("a lone surrogate in every string", {
        "path_parameters": path_parameters, "media_type": "application/json",
        "body": {**texts, SURROGATE: "x"}}, {*texts, "_schema"}))
    wholes = {name: _replaced(document, schema, "integer", FRACTION) for name, schema in properties.items()}
    wholes = {name: value for name, value in wholes.items() if value is not None}
    if wholes:
        found.append(("1.5 for every whole number", {"path_parameters": path_parameters,
                                                     "media_type": "application/json", "body": wholes}, set(wholes)))
    found.append(("JSON nested 5000 deep", {"path_parameters": path_parameters, "media_type": "application/json",
                                            "body": DEEP}, {"_body"}))
    return found


def _resolved(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _replaced(document: dict, schema: dict, kind: str, value):
    """`value` where the property is of `kind`, [value] where it is a list of them; else None."""
    schema = _resolved(document, schema)
    if schema.get("type") == kind:
        return value
    if schema.get("type") == "array" and _resolved(document, schema.get("items", {})).get("type") == kind:
        return [value]
    return None
