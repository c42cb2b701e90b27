"""The reasons behind a breach assessment's recommendations, in the page's language.

The incidents service gives each recommendation's reasons as {code, text_nb, text_en}
(notify_authority_reason_texts, notify_data_subjects_reason_texts). An assessment stored before it
did has only the English sentences of the assessment model: those are shown as they are, marked
as English, so a screen reader reads them as such.
"""
RECOMMENDATIONS = ("notify_authority", "notify_data_subjects")


def reasons(assessment: dict, which: str, lang: str) -> list[dict]:
    """[{"text", "lang"}] for one recommendation; lang is None when the text is in the page's language."""
    recommendation = assessment.get(which) or {}
    texts = assessment.get(f"{which}_reason_texts") or recommendation.get("reason_texts") or [
        reason for reason in recommendation.get("reasons") or () if isinstance(reason, dict)]
    if texts:
        other = "en" if lang == "nb" else "nb"
        shown = []
        for reason in texts:
            own = reason.get(f"text_{lang}")
            shown.append({"text": own, "lang": None} if own else {"text": reason.get(f"text_{other}", ""),
                                                                   "lang": other})
        return shown
    return [{"text": str(reason), "lang": None if lang == "en" else "en"}
            for reason in recommendation.get("reasons") or () if not isinstance(reason, dict)]


def all_reasons(assessment: dict | None, lang: str) -> dict:
    """Each recommendation's reasons, by its name; empty without an assessment."""
    if not assessment:
        return {}
    return {which: reasons(assessment, which, lang) for which in RECOMMENDATIONS}
