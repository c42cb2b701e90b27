"""A period in words, as a reader writes it: "1. januar–31. desember 2026", "1 January–31 December 2026"."""
from datetime import date

from babel.dates import format_date

# Babel's patterns: the day and month, then the year once when both ends share it
DAY_MONTH = {"nb": "d. MMMM", "en": "d MMMM"}


def period_in_words(start, end, lang: str) -> str:
    start, end = date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])
    locale = "nb_NO" if lang == "nb" else "en_GB"
    day_month = DAY_MONTH.get(lang, DAY_MONTH["en"])
    last = format_date(end, f"{day_month} y", locale=locale)
    first = format_date(start, day_month if start.year == end.year else f"{day_month} y", locale=locale)
    return f"{first}–{last}"
