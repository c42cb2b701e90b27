"""A report's page shows each self-declaration statement with its answer, the rule beside it, and links
to the records it counted; "ingen data" is shown as such, never as yes."""
from services.gateway.web import declaration_view
from services.gateway.web.page_route import View
from services.gateway.web.report_pages import ReportPages
from shared.auth import Principal

INCIDENT = "5e8a1c3d-7b2f-4e6a-9d0c-4f1b2a3c5d6e"
CONTENT = {"statements": [
    {"key": "breaches_notified_in_time", "answer": "no", "comment": "Meldt for sent; rutinen er endret.",
     "statement_nb": "Brudd er avgjort innen 72 timer", "statement_en": "Breaches were decided within 72 hours",
     "rule_nb": "0 av 1 brudd ble avgjort innen 72 timer", "rule_en": "0 of 1 breach was decided within 72 hours",
     "records": [{"subject_type": "incident", "id": INCIDENT, "title": "Elevliste på avveie", "ok": False,
                  "detail_nb": "meldt Datatilsynet for sent, etter 80 timer",
                  "detail_en": "notified to Datatilsynet late, after 80 hours"}]},
    {"key": "ropa_complete", "answer": "no_data", "statement_nb": "Protokollen er fullstendig",
     "statement_en": "The record is complete", "rule_nb": "Ingen aktive behandlingsaktiviteter i protokollen",
     "rule_en": "No active processing activity in the record", "records": []}]}
REPORT = {"id": "r-1", "kind": "self_declaration", "title_nb": "Virksomhetsleders egenerklæring",
          "title_en": "Agency head's self-declaration", "period_start": "2026-01-01", "period_end": "2026-12-31",
          "version": 1, "status": "draft", "content": CONTENT}


class Reporting:
    def get_report(self, report_id):
        assert report_id == "r-1"
        return REPORT


class Page(ReportPages):
    reporting = Reporting()


def html(lang):
    view = View(lang=lang, principal=Principal(sub="x", roles=frozenset({"leader"}), agency="demo"), csrf_token="c",
                path="/reports/r-1", form={}, query={})
    return Page().web_report(None, view, "r-1").get_data(as_text=True)


def test_each_statement_shows_its_answer_the_rule_and_links_the_records():
    page = html("nb")
    assert "Virksomhetsleders egenerklæring" in page
    late = page.split('id="statement-breaches_notified_in_time"')[1].split("</li>\n  \n")[0]
    assert ">Nei</span>" in late and "0 av 1 brudd ble avgjort innen 72 timer" in late
    assert f'<a href="/incidents/{INCIDENT}">Elevliste på avveie</a>' in late
    assert "meldt Datatilsynet for sent, etter 80 timer" in late and "Meldt for sent; rutinen er endret." in late
    empty = page.split('id="statement-ropa_complete"')[1]
    assert ">Ingen data</span>" in empty and "Ingen aktive behandlingsaktiviteter i protokollen" in empty
    english = html("en")
    assert ">No</span>" in english and "0 of 1 breach was decided within 72 hours" in english
    assert ">No data</span>" in english and "notified to Datatilsynet late, after 80 hours" in english


def test_a_record_of_a_kind_without_a_page_is_listed_unlinked():
    shown = declaration_view.record_view({"subject_type": "something_new", "id": "x-1", "title": "Ny", "ok": None},
                                         "en")
    assert shown == {"kind": "something_new", "title": "Ny", "id": "x-1", "href": None, "ok": None, "detail": ""}
    assert declaration_view.record_view({"subject_type": "processing", "id": "p-1", "ok": True}, "nb")["href"] \
        == "/processing/p-1"
    assert declaration_view.statements({"sections": []}, "nb") == []
