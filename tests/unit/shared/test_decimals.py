import pytest

from services.gateway.web.rendering import number
from shared.decimals import decimal


def test_bokmal_writes_a_decimal_comma_and_english_a_point():
    assert decimal(2.5, "nb") == "2,5" and decimal(2.5, "en") == "2.5"
    assert decimal(66.666, "nb") == "66,7" and decimal(1.25, "nb", places=2) == "1,25"
    assert decimal(3, "nb") == "3"


def test_a_non_number_is_refused():
    with pytest.raises(TypeError):
        decimal("2.5", "nb")
    with pytest.raises(TypeError):
        decimal(True, "nb")


def test_the_pages_show_figures_as_the_reader_writes_them():
    assert number(66.7, "nb") == "66,7" and number(66.7, "en") == "66.7"
    assert number(90.0, "nb") == "90" and number(None, "nb") == "–" and number(12, "nb") == "12"


def test_a_changed_figure_in_a_message_has_a_decimal_comma_in_bokmal():
    from services.notifications.messages import changed_value

    assert changed_value(2.75, "score", "nb") == "2,75" and changed_value(2.75, "score", "en") == "2.75"
