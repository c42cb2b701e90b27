"""The risk register export speaks the request's language: headings and values, never codes."""
from datetime import date
from types import SimpleNamespace

from services.risk import register


def risk(**extra):
    measure = SimpleNamespace(title="Tofaktor", owner="isk", due_date=date(2026, 3, 31), status="in_progress")
    fields = dict(assessment=SimpleNamespace(title="Fagsystem", scope="system"), reference="R1", title="Innsyn",
                  scenario="Uvedkommende leser saksmapper", threat=None, vulnerability=None, asset=None,
                  affects=["confidentiality", "privacy"], existing_controls=None, likelihood=4, consequence=2,
                  level="medium", treatment="reduce", residual_likelihood=2, residual_consequence=None,
                  residual_level="low", acceptable=True, owner="Seksjonsleder", status="open", measures=[measure],
                  review_date=date(2026, 12, 31), needs_reassessment=True, id="r-1")
    return SimpleNamespace(**{**fields, **extra})


def column(table, heading):
    return [row[table["columns"].index(heading)] for row in table["rows"]]


def test_bokmal_export_has_bokmal_headings_and_words_for_every_code():
    table = register.export_rows([risk()], "nb")
    assert table["title"] == "Risikoregister"
    assert column(table, "Hva slags vurdering") == ["system"]
    assert column(table, "Risikonivå") == ["middels"] and column(table, "Restrisikonivå") == ["lav"]
    assert column(table, "Behandling") == ["redusere"] and column(table, "Status") == ["åpen"]
    assert column(table, "Påvirker") == ["konfidensialitet, personvern"]
    assert column(table, "Akseptabel") == ["ja"] and column(table, "Må revurderes") == ["ja"]
    assert column(table, "Tiltak") == ["Tofaktor (isk, 31.03.2026, pågår)"]
    assert column(table, "Neste gjennomgang") == ["31.12.2026"]
    assert column(table, "Sannsynlighet (1–5)") == [4] and column(table, "Konsekvens etter tiltak") == [2]
    codes = {"medium", "low", "reduce", "open", "in_progress", "confidentiality", "system_"}
    assert not codes & {cell for row in table["rows"] for cell in row if isinstance(cell, str)}


def test_english_export_has_english_headings_and_words():
    table = register.export_rows([risk(acceptable=False, treatment=None)], "en")
    assert table["title"] == "Risk register"
    assert column(table, "Risk level") == ["medium"] and column(table, "Acceptable") == ["no"]
    assert column(table, "Treatment") == [""] and column(table, "Measures") == ["Tofaktor (isk, 2026-03-31, in progress)"]
    assert "Risikonivå" not in table["columns"]


def test_a_level_heading_is_not_a_rating_heading():
    headings = register.export_rows([], "nb")["columns"]
    assert "Risikonivå" in headings and "Konsekvens (1–5)" in headings and len(set(headings)) == len(headings)
