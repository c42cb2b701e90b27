"""The pictures' geometry (charts.py) and the pages' figures behind them: where each shape goes, from
figures alone, and the SVG each page draws (one image with a title and a description, beside a table)."""
from datetime import datetime, timezone

import pytest

from services.gateway.web import charts, i18n
from services.gateway.web.overview_pages import comparison_chart, incidents_by_month, year_query
from services.gateway.web.page_route import View
from services.gateway.web.risk_pages import heat_maps
from services.gateway.web.training_pages import completion_chart
from services.risk.matrix import OSLO_DEFAULT
from shared.auth import Principal


@pytest.mark.parametrize("value, top", [(0, 1), (1, 1), (3, 5), (7, 10), (10, 10), (11, 20), (42, 50), (230, 500),
                                        (0.3, 0.5)])
def test_an_axis_tops_at_a_round_number_at_or_above_the_largest_value(value, top):
    assert charts.nice_maximum(value) == pytest.approx(top)


def test_the_heat_map_draws_likelihood_upwards_and_consequence_across():
    cells = [list(row) for row in OSLO_DEFAULT.cells]
    counts = [[0] * 5 for _ in range(5)]
    counts[0][0], counts[4][4], counts[4][0] = 2, 3, 1  # (likelihood, consequence): (1,1), (5,5), (5,1)
    shown = charts.heat_map(cells, counts)
    by_rating = {(c.likelihood, c.consequence): c for c in shown["cells"]}
    assert len(shown["cells"]) == 25 and shown["total"] == 6
    low_corner, high_corner, top_left = by_rating[1, 1], by_rating[5, 5], by_rating[5, 1]
    assert (low_corner.count, low_corner.level) == (2, "low") and (high_corner.count, high_corner.level) == (3, "high")
    # likelihood 1 is the bottom row, 5 the top; consequence 1 the left column, 5 the right
    assert low_corner.y > top_left.y and low_corner.x == top_left.x < high_corner.x
    assert high_corner.y == top_left.y == 0
    assert shown["width"] == charts.AXIS + 5 * charts.CELL and shown["height"] == 5 * charts.CELL + charts.AXIS
    assert [label["value"] for label in sorted(shown["row_labels"], key=lambda label: label["y"])] == [5, 4, 3, 2, 1]


def test_stacked_columns_stack_each_month_from_the_baseline_in_the_series_order():
    shown = charts.stacked_columns(["jan", "feb", "mar"], [("breach", [2, 0, 1]), ("deviation", [3, 0, 0])])
    january, february, march = shown["columns"]
    assert [january["total"], february["total"], march["total"]] == [5, 0, 1]
    first, second = january["segments"]
    assert (first["series"], second["series"]) == ("breach", "deviation")
    assert first["y"] + first["height"] == pytest.approx(shown["baseline"])  # the first sits on the baseline
    assert second["y"] + second["height"] == pytest.approx(first["y"])  # the next on top of it
    assert first["height"] == pytest.approx(charts.PLOT_HEIGHT * 2 / 5)  # 5 is the axis' top: a full column
    assert february["segments"] == [] and january["x"] < february["x"] < march["x"]
    assert [tick["value"] for tick in shown["ticks"]] == [0, 1.25, 2.5, 3.75, 5]


def test_bars_are_drawn_against_their_maximum_with_the_target_as_a_mark():
    shown = charts.bars([("Phishing-kampanje høst", 50.0), ("Ny", None), ("Over", 120.0)], maximum=100,
                        marks=[80, None, 90])
    half, empty, over = shown["bars"]
    assert half["length"] == pytest.approx(charts.BAR_WIDTH / 2) and half["mark_x"] == pytest.approx(
        charts.BAR_WIDTH * 0.8)
    assert empty["length"] == 0 and empty["mark_x"] is None
    assert over["length"] == pytest.approx(charts.BAR_WIDTH)  # never past the track
    assert half["y"] < empty["y"] < over["y"]


def test_a_long_name_is_cut_in_the_picture_only():
    long_name = "Opplæring i informasjonssikkerhet for alle ansatte i bydelens hjemmetjeneste og sykehjem"
    [bar] = charts.bars([(long_name, 10)])["bars"]
    assert len(bar["label"]) == charts.LABEL_CHARS and bar["label"].endswith("…")


def test_the_year_of_incidents_has_twelve_months_in_the_readers_language():
    figures = {"per_month_by_kind": {"2026-03": {"deviation": 4, "personal_data_breach": 1}, "2026-11": {"near_miss": 2}}}
    for lang, march in (("nb", "mars"), ("en", "March")):
        shown = incidents_by_month(figures, 2026, lang)
        assert len(shown["rows"]) == 12 and shown["total"] == 7
        row = shown["rows"][2]
        assert row["month"] == march and row["total"] == 5
        assert dict(zip(shown["kinds"], row["counts"])) == {"personal_data_breach": 1, "security_incident": 0,
                                                             "deviation": 4, "near_miss": 0}
        assert len(shown["geometry"]["columns"]) == 12


def test_the_years_query_is_the_calendar_year_in_oslo():
    query = year_query(2026)
    assert datetime.fromisoformat(query["reported_from"]) == datetime(2025, 12, 31, 23, 0, tzinfo=timezone.utc)
    assert datetime.fromisoformat(query["reported_to"]) == datetime(2026, 12, 31, 23, 0, tzinfo=timezone.utc)


def test_the_risk_maps_rows_run_from_the_highest_likelihood_with_the_scales_words():
    counts = [[0] * 5 for _ in range(5)]
    counts[4][3] = 2
    answer = {"matrix": {**OSLO_DEFAULT.as_data()}, "inherent": counts, "residual": [[0] * 5 for _ in range(5)],
              "not_shown": 1}
    for lang, top in (("nb", "Svært stor"), ("en", "Very likely")):
        shown = heat_maps(answer, lang)
        first = shown["inherent"]["rows"][0]
        assert (first["value"], first["label"]) == (5, top)
        assert first["cells"][3] == {"count": 2, "level": "high"}
        assert shown["residual"]["geometry"]["total"] == 0 and shown["not_shown"] == 1


def test_completion_and_comparison_pictures_draw_rates_against_100():
    chart = completion_chart([{"title": "Høst", "figures": {"completion_rate": 40.0}, "target_rate": 90}])
    assert chart["maximum"] == 100 and chart["bars"][0]["mark_x"] == pytest.approx(charts.BAR_WIDTH * 0.9)
    assert completion_chart([]) is None
    agencies = [{"agency": "bym", "name": "Bymiljøetaten", "incidents": {"reported": 30}},
                {"agency": "ude", "incidents": {"reported": 12}}]
    picture = comparison_chart(agencies, {"name": "incidents", "figures": ["reported"]})
    assert picture["figure"] == "reported" and not picture["rate"]
    assert [bar["label"] for bar in picture["geometry"]["bars"]] == ["Bymiljøetaten", "ude"]
    assert picture["geometry"]["maximum"] == 50
    assert comparison_chart(agencies, {"name": "unknown", "figures": ["x"]}) is None


def test_the_pictures_are_images_with_a_title_and_a_description_beside_their_tables():
    counts = [[0] * 5 for _ in range(5)]
    counts[2][2] = 3
    heat = heat_maps({"matrix": OSLO_DEFAULT.as_data(), "inherent": counts, "residual": counts, "not_shown": 0}, "en")
    empty = {"items": [], "total": 0, "page": 1, "page_size": 25, "pages": 1, "error": None, "previous": None,
             "next": None}
    view = View(lang="en", principal=Principal(sub="kari", roles=frozenset({"pko"}), agency="demo"),
                csrf_token="t", path="/risks")
    from services.gateway.web import risk_forms
    page = view.render("risks.html", risks=empty, assessments=empty, filters={}, heat=heat,
                       risk_choices=risk_forms.RISK_FILTER_CHOICES,
                       assessment_choices=risk_forms.ASSESSMENT_FILTER_CHOICES, values={}, errors={},
                       scopes=risk_forms.RISK_SCOPES).get_data(as_text=True)
    assert page.count('role="img"') == 2 and '<title id="heat-inherent-title">Before treatment</title>' in page
    assert 'aria-labelledby="heat-inherent-title heat-inherent-desc"' in page
    assert i18n.text("risks.heat_table", "en", side="Before treatment") in page
    assert "style=" not in page  # the pages' CSP allows no inline style
