"""Completions: recorded one at a time or imported from an e-learning platform's CSV export.

An import is checked whole before anything is written. `all_or_nothing` (the default) refuses the
file when any row is wrong; `valid_rows` stores the valid rows and reports the others. Either way a
row is stored entirely or not at all, and a completion already recorded is not recorded twice.
"""
from datetime import date

from sqlalchemy import select, tuple_

from services.training import campaigns, completions_csv, participants, rules
from services.training.courses import NAMES as COURSE_NAMES
from services.training.courses import courses_by_reference
from services.training.models import Completion, Course
from shared.auth import Principal
from shared.clock import today, utcnow
from shared.errors import BadInput
from shared.pagination import fetch_page
from shared.scoping import own_agency, visible
from shared.service_database import UnitOfWork


def record_completion(uow: UnitOfWork, principal: Principal, command: dict) -> Completion:
    course = own_agency(uow.session, principal, Course, command["course_id"], COURSE_NAMES)
    if command["participant_id"] not in participants.directory(uow, principal.agency):
        raise BadInput("Unknown participant / Ukjent deltaker",
                       {"participant_id": ["Not in the directory; load it first / Ikke i katalogen"]})
    key = (course.id, command["participant_id"], command["completed_on"])
    existing = _recorded(uow, principal.agency, [key])
    if key in existing:
        return existing[key]
    completion = _completion(principal, course, command["participant_id"], command["completed_on"],
                             command["score"], command["passed"], "manual")
    uow.session.add(completion)
    uow.session.flush()
    _credit(uow, principal.agency, [completion])
    return completion


def import_completions(uow: UnitOfWork, principal: Principal, command: dict) -> dict:
    parsed = completions_csv.parse(command["content"])
    courses = courses_by_reference(uow, principal.agency)
    directory = participants.directory(uow, principal.agency)
    errors = list(parsed.errors)
    accepted = []
    for row in parsed.rows:
        problems = _row_problems(row, courses, directory)
        if problems:
            errors.extend(problems)
        else:
            accepted.append(row)
    if parsed.total == 0 and not errors:
        errors.append(completions_csv.error(2, "file", "The file has no rows / Filen har ingen rader"))
    file_refused = any(e["line"] == 1 or e["field"] == "file" for e in errors)
    refused = file_refused or (command["mode"] == "all_or_nothing" and bool(errors))
    fresh = [] if file_refused else _new_only(uow, principal.agency, accepted, courses)
    result = {"mode": command["mode"], "dry_run": command["dry_run"], "rows": parsed.total, "imported": 0,
              "would_import": 0 if refused else len(fresh), "already_recorded": len(accepted) - len(fresh),
              "rejected": len({e["line"] for e in errors if e["line"] > 1 and e["field"] != "file"}),
              "errors": sorted(errors, key=lambda e: (e["line"], e["field"])), "stored": False}
    if refused or command["dry_run"]:
        return result
    source = f"import:{(command.get('file_name') or 'csv')[:50]}"
    stored = []
    for row in fresh:
        course = _course(courses, row.course)
        if row.participant_id not in directory:
            directory[row.participant_id] = participants.new_participant(
                principal.agency, row.participant_id, row.unit, row.role, today())
            uow.session.add(directory[row.participant_id])
        stored.append(_completion(principal, course, row.participant_id, row.completed_on, row.score, row.passed,
                                  source))
    uow.session.add_all(stored)
    uow.session.flush()
    _credit(uow, principal.agency, stored)
    result.update(imported=len(stored), stored=bool(stored))
    return result


def list_completions(uow: UnitOfWork, principal: Principal, page: int, page_size: int, course_id=None,
                     participant_id=None, completed_from=None, completed_to=None) -> dict:
    query = visible(Completion, principal)
    if course_id:
        query = query.where(Completion.course_id == course_id)
    if participant_id:
        query = query.where(Completion.participant_id == participant_id)
    if completed_from:
        query = query.where(Completion.completed_on >= completed_from)
    if completed_to:
        query = query.where(Completion.completed_on <= completed_to)
    order = (Completion.completed_on.desc(), Completion.id.desc())
    return fetch_page(uow.session, query.order_by(*order), page, page_size)


def _row_problems(row: completions_csv.Row, courses: dict, directory: dict) -> list[dict]:
    problems = []
    if _course(courses, row.course) is None:
        problems.append(completions_csv.error(row.line, "course", f"Unknown course '{row.course}' / Ukjent kurs"))
    if row.participant_id not in directory and not (row.unit and row.role):
        problems.append(completions_csv.error(
            row.line, "participant_id", f"Unknown participant '{row.participant_id}'; load the directory or give "
                                        "unit and role / Ukjent deltaker: last katalogen eller oppgi enhet og rolle"))
    return problems


def _course(courses: dict, reference: str) -> Course | None:
    """A file names a course by its code, in any case, or by its id."""
    return courses.get(reference) or courses.get(reference.lower())


def _new_only(uow: UnitOfWork, agency: str, rows: list, courses: dict) -> list:
    """The rows not yet recorded, each completion once even when the file repeats it."""
    keyed = {}
    for row in rows:
        keyed.setdefault((_course(courses, row.course).id, row.participant_id, row.completed_on), row)
    recorded = _recorded(uow, agency, list(keyed))
    return [row for key, row in keyed.items() if key not in recorded]


def _recorded(uow: UnitOfWork, agency: str, keys: list[tuple[str, str, date]]) -> dict:
    found = {}
    for start in range(0, len(keys), 500):  # keeps the IN list within every database's limits
        chunk = keys[start:start + 500]
        for completion in uow.session.scalars(select(Completion).where(
                Completion.agency == agency,
                tuple_(Completion.course_id, Completion.participant_id, Completion.completed_on).in_(chunk))):
            found[(completion.course_id, completion.participant_id, completion.completed_on)] = completion
    return found


def _completion(principal: Principal, course: Course, participant_id: str, completed_on: date,
                score: float | None, reported_passed: bool | None, source: str) -> Completion:
    return Completion(agency=principal.agency, course_id=course.id, participant_id=participant_id,
                      completed_on=completed_on, score=score,
                      passed=rules.passed(score, course.pass_mark, reported_passed), source=source,
                      recorded_at=utcnow(), recorded_by=principal.sub)


def _credit(uow: UnitOfWork, agency: str, stored: list[Completion]) -> None:
    campaigns.credit_completions(uow, agency, [(c.course_id, c.participant_id, c.completed_on)
                                               for c in stored if c.passed])
