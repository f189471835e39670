"""Dates typed by a user and ages written for a reader, in English and French."""

from __future__ import annotations

from datetime import date

import pytest

from app.wording import ENGLISH, Wording

FRENCH = Wording(lambda _c, t: {"{0} years": "{0} ans", "1 year": "1 an", "{0} months": "{0} mois",
                                "1 month": "1 mois", "YYYY": "AAAA", "DD": "JJ"}.get(t, t),
                 lambda v, d: f"{v:.{d}f}".replace(".", ","), "dd/MM/yyyy", ";")


@pytest.mark.parametrize(("wording", "text", "expected"), [
    (ENGLISH, "2015-07-20", date(2015, 7, 20)), (ENGLISH, " 2015-07-20 ", date(2015, 7, 20)),
    (FRENCH, "20/07/2015", date(2015, 7, 20)), (FRENCH, "2015-07-20", date(2015, 7, 20))])
def test_iso_and_the_language_form_are_read(wording, text, expected):
    assert wording.parse_date(text) == expected


@pytest.mark.parametrize(("wording", "text", "form"), [
    (ENGLISH, "20/07/2015", "YYYY-MM-DD"), (ENGLISH, "2015-02-30", "YYYY-MM-DD"),
    (FRENCH, "07/20/2015", "JJ/MM/AAAA"), (FRENCH, "", "JJ/MM/AAAA")])
def test_other_forms_name_the_form_expected(wording, text, form):
    with pytest.raises(ValueError, match=form):
        wording.parse_date(text)


def test_ages_in_years_and_months():
    assert ENGLISH.years_months(136.4) == "11 years 4 months"
    assert ENGLISH.years_months(13) == "1 year 1 month"
    assert FRENCH.years_months(13) == "1 an 1 mois"
    assert FRENCH.months(120.25) == "120,2 mois"
    assert FRENCH.date_text(date(2015, 7, 20)) == "20/07/2015"
    assert ENGLISH.interval(100, 130) == "100–130 months (8 years 4 months to 10 years 10 months)"
