"""Page-based listing, the same for every list the API returns."""
from marshmallow import Schema, fields, validate
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shared.validation import WholeNumber

MAX_PAGE_SIZE = 100
# Far beyond any register, and small enough that (page - 1) * page_size fits the databases' offset.
MAX_PAGE = 1_000_000


class PageQuerySchema(Schema):
    page = WholeNumber(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    page_size = WholeNumber(load_default=25, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def page_of(item_schema: type[Schema]) -> type[Schema]:
    """An output schema {items, page, page_size, total} around `item_schema`."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "page": WholeNumber(required=True),
            "page_size": WholeNumber(required=True),
            "total": WholeNumber(required=True),
        },
        name=f"{item_schema.__name__.removesuffix('Schema')}PageSchema",
    )


def fetch_page(session: Session, query, page: int, page_size: int) -> dict:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = session.scalars(query.limit(page_size).offset((page - 1) * page_size)).all()
    return {"items": items, "page": page, "page_size": page_size, "total": total}
