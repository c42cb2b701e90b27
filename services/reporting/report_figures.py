"""The figures of a report period, as plain functions over the facts reporting keeps (`facts`).

Times in the facts are ISO strings (UTC); a period is the Norwegian calendar dates `start`..`end`
inclusive, compared on the date part, which is exact enough for yearly and monthly reports.
"""
from collections import Counter
from datetime import date

BREACH = "personal_data_breach"


def in_period(stamp: str | None, start: date, end: date) -> bool:
    return stamp is not None and start.isoformat() <= stamp[:10] <= end.isoformat()


def counted(values) -> dict:
    return dict(sorted(Counter(values).items()))


def incident_figures(incidents: list[dict], start: date, end: date) -> dict:
    reported = [i for i in incidents if in_period(i.get("reported_at"), start, end)]
    breaches = [i for i in reported if i.get("kind") == BREACH]
    notified = [i for i in breaches if i.get("notified_at")]
    late = [i for i in notified if i.get("notified_late")]
    return {
        "reported": len(reported),
        "by_month": counted(i["reported_at"][:7] for i in reported),
        "by_kind": counted(i.get("kind", "unknown") for i in reported),
        "by_category": counted(i.get("category", "unknown") for i in reported),
        "by_severity": counted(i.get("severity") or "not_assessed" for i in reported),
        "serious": sum(1 for i in reported if i.get("serious")),
        "closed": sum(1 for i in reported if i.get("closed_at")),
        "breaches": {"total": len(breaches), "notified": len(notified), "within_72_hours": len(notified) - len(late),
                     "late": len(late), "late_ids": sorted(i["id"] for i in late),
                     "not_notified": len(breaches) - len(notified),
                     # of those not notified: decided not notifiable (art. 33(5)), so not owed a notification
                     "not_notifiable": sum(1 for i in breaches if not i.get("notified_at")
                                           and i.get("decision") == "not_required")},
    }


def unacceptable(risk: dict) -> bool:
    """Identified and not resolved since, whatever order the two events arrived in."""
    identified, resolved = risk.get("identified_at"), risk.get("resolved_at")
    return identified is not None and (resolved is None or resolved < identified)


def risk_figures(assessments: list[dict], risks: list[dict], measures: list[dict], start: date, end: date) -> dict:
    approved = [a for a in assessments if in_period(a.get("approved_at"), start, end)]
    identified = [r for r in risks if in_period(r.get("identified_at"), start, end)]
    open_now = [r for r in risks if unacceptable(r)]
    return {
        "assessments_approved": len(approved),
        "risks_assessed": sum(a.get("risk_count", 0) for a in approved),
        "unacceptable_identified": len(identified),
        "decisions": counted(r.get("decision") or "undecided" for r in identified),
        "resolved": sum(1 for r in risks if in_period(r.get("resolved_at"), start, end)),
        "unacceptable_now": len(open_now),
        "unacceptable_undecided_now": sum(1 for r in open_now if not r.get("decision")),
        "measures_overdue": sum(1 for m in measures if in_period(m.get("noticed_at"), start, end)),
    }


def dpia_status(processing: dict) -> str:
    required, approved, outdated = (processing.get(k) for k in ("dpia_required_at", "dpia_approved_at",
                                                               "dpia_outdated_at"))
    if outdated and (not approved or outdated > approved):
        return "outdated"
    if approved:
        return "approved"
    return "required" if required else "not_required_or_not_screened"


def privacy_figures(processings: list[dict]) -> dict:
    current = [p for p in processings if p.get("status") != "retired"]
    return {
        "processing_activities": len(current),
        "complete": sum(1 for p in current if p.get("complete")),
        "incomplete": sum(1 for p in current if not p.get("complete")),
        "special_categories": sum(1 for p in current if p.get("special_categories")),
        "dpia_status": counted(dpia_status(p) for p in current),
        # art. 28: processings with a processor that has no valid agreement, and those processors
        "without_agreement": sum(1 for p in current if p.get("processors_without_agreement")),
        "processors_without_agreement": counted(name for p in current
                                                for name in p.get("processors_without_agreement") or []),
    }


def training_figures(campaigns: list[dict], exercises: list[dict], overdue: list[dict], start: date,
                     end: date) -> dict:
    ended = [c for c in campaigns if in_period(c.get("completed_at"), start, end)]
    held = [e for e in exercises if in_period(e.get("completed_at"), start, end)]
    findings = Counter()
    for exercise in held:
        findings.update(exercise.get("findings_by_severity", {}))
    enrolled = sum(c.get("enrolled", 0) for c in ended)
    return {
        "campaigns_completed": len(ended),
        "campaigns_meeting_target": sum(1 for c in ended if c.get("target_met")),
        "enrolled": enrolled,
        "completed": sum(c.get("completed", 0) for c in ended),
        "completion_rate": round(100.0 * sum(c.get("completed", 0) for c in ended) / enrolled, 1) if enrolled else None,
        "overdue_notices": sum(1 for o in overdue if in_period(o.get("detected_at"), start, end)),
        "exercises_held": len(held),
        "exercise_findings": dict(sorted(findings.items())),
    }


COORDINATOR_ROLES = ("pko", "isk")


def coverage_share(attended: int, held: int) -> float | None:
    """Per cent, one decimal; None when nothing was held (shown as a dash, not as 0 %)."""
    return round(100.0 * attended / held, 1) if held else None


def coordinator_courses_held(courses: list[dict], start: date, end: date, on: date) -> list[dict]:
    """The central team's coordinator courses and events held in the period: their last day falls in it,
    on or before `on` (one still to come, or whose last day is still ahead, is not yet held)."""
    last = min(end, on)
    return [c for c in courses if in_period(c.get("ends_on") or c.get("starts_on"), start, last)]


def coordinator_coverage(courses: list[dict], participations: list[dict], start: date, end: date, on: date) -> dict:
    """One agency's coverage: of the coordinator courses held in the period for each role, how many the
    agency's PKO (ISK) attended, and the share. A course counts once however many of the agency's
    coordinators of that role took part; a course for both roles counts for each."""
    held = coordinator_courses_held(courses, start, end, on)
    figures = {}
    for role in COORDINATOR_ROLES:
        for_role = {c["id"] for c in held if role in (c.get("roles") or ())}
        attended = {p["course_id"] for p in participations
                    if p.get("role") == role and p.get("attended") and p.get("course_id") in for_role}
        figures.update({f"{role}_held": len(for_role), f"{role}_attended": len(attended),
                        f"{role}_share": coverage_share(len(attended), len(for_role))})
    return figures


def municipality_coverage(per_agency: list[dict]) -> dict:
    """The municipality's coverage from every agency's: attendances of all possible (held × agencies),
    and how many agencies' PKO (ISK) attended none of what was held."""
    figures = {"agencies": len(per_agency)}
    for role in COORDINATOR_ROLES:
        held = max((a[f"{role}_held"] for a in per_agency), default=0)
        attended = sum(a[f"{role}_attended"] for a in per_agency)
        figures.update({f"{role}_held": held, f"{role}_attended": attended,
                        f"{role}_share": coverage_share(attended, held * len(per_agency)),
                        f"{role}_agencies_without": sum(1 for a in per_agency if held and not a[f"{role}_attended"])})
    return figures
