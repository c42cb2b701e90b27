"""Reading an e-learning platform's export: separators, Norwegian headings and formats, line numbers."""
from datetime import date

from services.training import completions_csv


def test_a_semicolon_file_with_norwegian_headings_and_a_bom():
    text = ("\ufeffBrukerID;Kurskode;Fullført;Poeng;Bestått;Enhet\r\n"
            "u-001;PV-101;31.03.2026;87,5;Bestått;Skole A\r\n"
            "u-002;pv-101;2026-04-02;;;\r\n")
    parsed = completions_csv.parse(text)
    assert parsed.errors == [] and parsed.total == 2
    first, second = parsed.rows
    assert (first.line, first.participant_id, first.course, first.completed_on, first.score, first.passed,
            first.unit) == (2, "u-001", "PV-101", date(2026, 3, 31), 87.5, True, "Skole A")
    assert (second.line, second.score, second.passed, second.unit) == (3, None, None, None)


def test_a_comma_file_with_english_headings_and_percent_scores():
    text = "user_id,course_code,completion_date,score,status\nu-9,SEC-1,2026-01-15,92 %,passed\n"
    row, = completions_csv.parse(text).rows
    assert (row.participant_id, row.course, row.score, row.passed) == ("u-9", "SEC-1", 92.0, True)


def test_each_bad_row_is_reported_by_its_line_and_field_and_the_rest_kept():
    text = ("participant_id;course;completed_on;score\n"
            "u-1;PV-101;2026-02-30;80\n"          # no such date
            "\n"                                 # a blank line counts as a line but not as a row
            "u-2;PV-101;2026-03-01;180\n"         # score out of range
            ";PV-101;2026-03-01;\n"               # no participant
            "u-4;PV-101;2099-01-01;\n"            # in the future
            "u-5;PV-101;2026-03-02;70\n")
    parsed = completions_csv.parse(text)
    assert parsed.total == 5
    assert [(e["line"], e["field"]) for e in parsed.errors] == [
        (2, "completed_on"), (4, "score"), (5, "participant_id"), (6, "completed_on")]
    assert "2026-02-30" in parsed.errors[0]["message"]
    assert [row.line for row in parsed.rows] == [7]


def test_a_quoted_field_spanning_lines_keeps_later_line_numbers_right():
    text = ('participant_id,course,completed_on,unit\n'
            'u-1,PV-101,2026-03-01,"Skole\nA"\n'
            'u-2,PV-101,not a date,B\n')
    parsed = completions_csv.parse(text)
    assert parsed.rows[0].unit == "Skole\nA"
    assert parsed.errors[0]["line"] == 4


def test_a_missing_required_column_refuses_the_header():
    parsed = completions_csv.parse("user;date\nu-1;2026-01-01\n")
    assert [(e["line"], e["field"]) for e in parsed.errors] == [(1, "course")]
    assert parsed.rows == []


def test_an_unknown_result_word_is_an_error_not_a_guess():
    parsed = completions_csv.parse("user;course;date;status\nu-1;PV;2026-01-01;in progress\n")
    assert parsed.errors[0]["field"] == "passed" and "in progress" in parsed.errors[0]["message"]


def test_an_empty_file_has_no_header():
    assert completions_csv.parse("").errors[0]["field"] == "header"
