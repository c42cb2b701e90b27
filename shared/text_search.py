"""The lists' word search (`q`), one rule for every service: each word of the query must occur, ignoring
case, in one of the record's text columns, or match it another way (its reference), so "phishing lønn"
finds a record that has both words, wherever they stand."""
from sqlalchemy import and_, func, or_


def escaped(word: str) -> str:
    """A word for LIKE: its own % and _ are plain characters (with ESCAPE '\\')."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def every_word(text: str, columns, also=lambda word: ()):
    """The condition for `text`: every word in one of `columns`, or one of the conditions `also(word)` gives."""
    conditions = []
    for word in text.lower().split():
        pattern = "%" + escaped(word) + "%"
        conditions.append(or_(*(func.lower(column).like(pattern, escape="\\") for column in columns), *also(word)))
    return and_(*conditions)
