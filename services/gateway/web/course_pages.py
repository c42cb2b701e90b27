"""Courses (create; a course's completions), completions imported from an e-learning platform's CSV
export (a dry run first, its line errors in a table, then the import itself), and the coordinators'
own courses and events: the central team publishes them, each agency's coordinators record who took part
(services/training/coordinators.py)."""
from services.gateway.http import uploaded_text
from services.gateway.web import course_forms, forms, lists
from services.gateway.web.base import PageBase
from services.gateway.web.i18n import N_
from services.gateway.web.page_route import page
from services.gateway.web.page_tools import panel, submit, today
from services.training.schemas import MAX_IMPORT_BYTES
from shared.errors import BadInput

COURSES = "/api/v1/training/courses"
UPLOAD_BYTES = MAX_IMPORT_BYTES + 100_000  # the file and the form's other fields


def _prefixed(prefix: str, names: tuple[str, ...]):
    return lambda details: forms.prefixed_errors(details, prefix, names)


class CoursePages(PageBase):
    @page("GET", "/training/courses", action="training.read", api=(f"GET {COURSES}",))
    def web_courses(self, request, view):
        return self._courses_page(view, {"course-grace_days": "30"}, {})

    @page("POST", "/training/courses", action="training.edit", api=(f"POST {COURSES}",))
    def web_create_course(self, request, view):
        return submit(view, course_forms.course_payload, self.training.create_course,
                      "/training/courses?saved=course#courses",
                      lambda values, errors: self._courses_page(view, values, errors, status=400),
                      _prefixed("course", course_forms.COURSE_FIELDS))

    @page("POST", "/training/completions/import", action="training.edit", max_bytes=UPLOAD_BYTES,
          api=("POST /api/v1/training/completions/import",))
    def web_import_completions(self, request, view):
        """A dry run of the file chosen, or the import of the file the dry run checked (kept in the form)."""
        options, errors = course_forms.import_options(view.form)
        upload = request.files.get("file")
        content = view.form.get("content", "")
        if upload is not None and upload.filename:
            options["file_name"] = upload.filename[:200]
            try:
                content = uploaded_text(upload.read())
            except BadInput as error:
                errors["file"] = [error.message]
        elif not content:
            errors["file"] = [N_("err.file_required")]
        else:
            options["file_name"] = view.form.get("file_name", "")[:200] or None
        result = None
        if not errors:
            try:
                result = self.training.import_completions({**options, "content": content})
            except BadInput as error:
                errors = forms.service_errors(error.details, ("mode", "file"))
        values = {"mode": options.get("mode", ""), "content": content if result and result["dry_run"] else "",
                  "file_name": options.get("file_name") or ""}
        return self._courses_page(view, values, errors, status=400 if errors else 200, imported=result)

    def _courses_page(self, view, values, errors, status=200, imported=None):
        filters = course_forms.course_filters(view.query)
        courses = self.training.list_courses()["items"]
        return view.render("courses.html", status=status, values=values, errors=errors, filters=filters,
                           courses=course_forms.course_listing(courses, filters, "/training/courses"),
                           forms=course_forms, imported=imported, saved=view.query.get("saved"))

    @page("GET", "/training/courses/<string:course_id>", action="training.read", api=(f"GET {COURSES}/{{course_id}}",))
    def web_course(self, request, view, course_id):
        course = self.training.get_course(course_id)
        filters = lists.kept_filters(view.query, course_forms.COMPLETION_LIST)
        completions = view.may("training.people") and lists.listing(
            lambda query: self.training.list_completions({**query, "course_id": course_id}), filters,
            course_forms.COMPLETION_LIST, f"/training/courses/{course_id}")
        return view.render("course.html", course=course, completions=completions, filters=filters)

    # --- the coordinators' own courses and events ---

    @page("GET", "/training/coordinators", action="training.coordinator_read",
          api=("GET /api/v1/training/coordinator-participations",))
    def web_coordinator_training(self, request, view):
        return self._coordinators_page(view, {}, {})

    @page("POST", "/training/coordinator-courses", action="training.coordinator_publish",
          api=("POST /api/v1/training/coordinator-courses",))
    def web_publish_coordinator_course(self, request, view):
        return submit(view, course_forms.publish_payload, self.training.publish_coordinator_course,
                      "/training/coordinators?saved=published#courses",
                      lambda values, errors: self._coordinators_page(view, values, errors, status=400),
                      _prefixed("publish", course_forms.PUBLISH_FIELDS))

    @page("POST", "/training/coordinator-participations", action="training.coordinator_record",
          api=("POST /api/v1/training/coordinator-participations",))
    def web_record_coordinator_participation(self, request, view):
        courses = self._year_courses(view)
        return submit(view, lambda form: course_forms.participation_payload(
                          form, {c["id"] for c in courses}, today()),
                      self.training.record_coordinator_participation,
                      "/training/coordinators?saved=recorded#participations",
                      lambda values, errors: self._coordinators_page(view, values, errors, status=400),
                      _prefixed("take", course_forms.PARTICIPATION_FIELDS))

    def _year_courses(self, view) -> list[dict]:
        year = forms.digits(view.query.get("year")) or today().year
        found = panel(lambda: self.training.list_coordinator_courses({"year": year, "page_size": 100}))
        return found["items"] if found else []

    def _coordinators_page(self, view, values, errors, status=200):
        filters = lists.kept_filters(view.query, course_forms.PARTICIPATION_LIST)
        filters.setdefault("year", str(today().year))
        courses = self._year_courses(view)
        participations = lists.listing(self.training.list_coordinator_participations, filters,
                                       course_forms.PARTICIPATION_LIST, "/training/coordinators")
        return view.render("coordinators.html", status=status, values=values, errors=errors, filters=filters,
                           courses=courses, participations=participations, forms=course_forms,
                           saved=view.query.get("saved"))
