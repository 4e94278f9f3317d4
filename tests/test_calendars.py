"""Dates as each side wrote them."""

import pytest

from helpers import calendars


@pytest.mark.parametrize(
    "gregorian, julian",
    [
        ("1855-02-07", (1855, 1, 26)),  # Treaty of Shimoda, 12 days apart in the 19th century
        ("1860-07-02", (1860, 6, 20)),  # Vladivostok founded
        ("1905-09-05", (1905, 8, 23)),  # Portsmouth, 13 days apart in the 20th century
        (
            "1918-02-14",
            (1918, 2, 1),
        ),  # Russia's switch: 31 January (O.S.) was followed by 14 February
        ("1700-03-11", (1700, 2, 29)),  # a Julian-only leap day
    ],
)
def test_gregorian_to_julian(gregorian, julian):
    assert calendars.to_julian(gregorian) == julian


@pytest.mark.parametrize(
    "day, label",
    [
        ("1904-02-08", "Meiji 37 (明治37年)"),
        ("1941-04-13", "Shōwa 16 (昭和16年)"),
        ("1989-01-08", "Heisei 1 (平成元年)"),
        ("2019-05-01", "Reiwa 1 (令和元年)"),
    ],
)
def test_japanese_era_year(day, label):
    assert calendars.japanese_label(day) == label


def test_before_first_era_is_refused():
    with pytest.raises(ValueError, match="before the first era"):
        calendars.japanese_era("1500-01-01")


def test_as_written_shows_both_sides_before_1918_only():
    assert "O.S." in calendars.as_written("1904-02-08") and "Meiji 37" in calendars.as_written(
        "1904-02-08"
    )
    assert "O.S." not in calendars.as_written("1945-08-08")
