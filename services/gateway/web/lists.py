"""The lists' filters and paging, as /incidents has them: a GET form whose fields stay in the query.

A page may show several lists under one filter form (risks and assessments, campaigns and exercises),
so each list names its own query fields and the list RPC's parameter each stands for; the paging
links of one list keep the other's filters. The values offered come from the API's query schemas,
so the page offers only what the API accepts, and the service validates the query again: what it
refuses is shown as a message, with an empty list, not as an error page.
"""
from dataclasses import dataclass
from urllib.parse import urlencode

from marshmallow import Schema

from shared.errors import BadInput

PAGE_SIZE = 25


@dataclass(frozen=True)
class ListSpec:
    fields: dict  # the page's query field -> the list RPC's parameter
    page: str = "page"  # the query field holding this list's page number
    anchor: str = ""  # where a paging link lands on the page (#id)


def choices(schema: type[Schema], name: str) -> tuple:
    """The values an API query field accepts (its OneOf validator)."""
    validators = schema().fields[name].validators
    return tuple(next(v.choices for v in validators if hasattr(v, "choices")))


def kept_filters(query: dict, *specs: ListSpec) -> dict:
    """The page's filters: every non-empty query field one of its lists knows (others are dropped)."""
    known = {name for spec in specs for name in (*spec.fields, spec.page)}
    return {name: value.strip() for name, value in query.items() if name in known and value.strip()}


def rpc_query(filters: dict, spec: ListSpec, page_size: int = PAGE_SIZE) -> dict:
    """The list RPC's query, as the API route would pass it (the service loads it with the same schema)."""
    query = {param: filters[name] for name, param in spec.fields.items() if name in filters}
    return {**query, "page": filters.get(spec.page, 1), "page_size": page_size}


def listing(call, filters: dict, spec: ListSpec, path: str, page_size: int = PAGE_SIZE) -> dict:
    """One page of a list with its paging links; a refused filter gives an empty page and the reason."""
    error = None
    try:
        result = call(rpc_query(filters, spec, page_size))
    except BadInput as problem:
        result, error = {"items": [], "total": 0, "page": 1, "page_size": page_size}, refusal(problem)
    pages = max(1, -(-result["total"] // result["page_size"]))

    def link(number):
        return f"{path}?{urlencode({**filters, spec.page: number})}{spec.anchor}"

    return {**result, "pages": pages, "error": error,
            "previous": link(result["page"] - 1) if result["page"] > 1 else None,
            "next": link(result["page"] + 1) if result["page"] < pages else None}


def refusal(problem: BadInput) -> str:
    """The service's reasons, each with the field it names."""
    details = problem.details
    if not isinstance(details, dict) or not details:
        return problem.message
    parts = []
    for name, messages in details.items():
        messages = messages if isinstance(messages, list) else [messages]
        parts.append(f"{name}: {' '.join(map(str, messages))}")
    return "; ".join(parts)
