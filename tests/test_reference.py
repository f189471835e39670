"""SDS against the Greulich & Pyle / Brush reference, checked on the published worked example."""

from __future__ import annotations

from datetime import date

import pytest

from app.reference import assess, chronological_age_months, load_reference


def test_worked_check_from_the_reference_readme():
    a = assess(125.68, 120, "male")
    assert a.reference_mean == pytest.approx(125.68)
    assert a.reference_sd == pytest.approx(9.79)
    assert a.sds == pytest.approx(0.0, abs=1e-9)
    assert a.classification == "normal"
    low, high = a.reference_mean - 2 * a.reference_sd, a.reference_mean + 2 * a.reference_sd
    assert (round(low, 2), round(high, 2)) == (106.10, 145.26)


def test_linear_interpolation_between_rows():
    a = assess(100.0, 126, "female")  # halfway between 120 and 132
    assert a.reference_mean == pytest.approx((125.66 + 137.86) / 2)
    assert a.reference_sd == pytest.approx((11.73 + 11.94) / 2)


@pytest.mark.parametrize(("bone", "label"), [(106.0, "delayed"), (106.2, "normal"),
                                             (145.2, "normal"), (145.4, "advanced")])
def test_classification_thresholds(bone, label):
    assert assess(bone, 120, "male").classification == label


@pytest.mark.parametrize(("chrono", "sex", "inside"), [
    (3, "male", True), (204, "male", True), (204.1, "male", False), (2.9, "male", False),
    (3, "female", True), (192, "female", True), (192.5, "female", False), (204, "female", False)])
def test_range_edges_never_extrapolate(chrono, sex, inside):
    a = assess(100.0, chrono, sex)
    assert (a.sds is not None) == inside
    if not inside:
        assert a.classification == "outside the reference range" and a.reference_mean is None
    assert a.difference_months == pytest.approx(100.0 - chrono)


def test_reference_table_shape():
    ref = load_reference()
    assert ref["male"].range_months == (3.0, 204.0)
    assert ref["female"].range_months == (3.0, 192.0)


@pytest.mark.parametrize(("birth", "exam", "months"), [
    (date(2015, 3, 10), date(2025, 3, 10), 120.0),
    (date(2015, 3, 10), date(2025, 4, 10), 121.0),
    (date(2015, 1, 31), date(2015, 3, 1), 1 + 1 / 30.4375),
])
def test_chronological_age(birth, exam, months):
    assert chronological_age_months(birth, exam) == pytest.approx(months)


def test_exam_before_birth_is_refused():
    with pytest.raises(ValueError, match="before"):
        chronological_age_months(date(2020, 1, 1), date(2019, 1, 1))


# Boys at 120 months: mean 125.68, SD 9.79, so the -2 SD line is at 106.10 and +2 SD at 145.26.
@pytest.mark.parametrize(("bone", "interval", "label"), [
    (125.0, (115.0, 135.0), "normal"),  # the whole interval inside the band
    (150.0, (146.0, 160.0), "advanced"),  # the whole interval above +2 SD
    (100.0, (90.0, 105.0), "delayed"),
    (140.0, (120.0, 160.0), "cannot tell normal from advanced"),  # point normal, crosses +2
    (150.0, (140.0, 165.0), "cannot tell normal from advanced"),  # point advanced, crosses +2
    (108.0, (95.0, 125.0), "cannot tell delayed from normal"),
    (125.0, (95.0, 160.0), "cannot tell delayed, normal or advanced apart"),
])
def test_interval_crossing_a_2_sd_line_cannot_tell(bone, interval, label):
    a = assess(bone, 120, "male", interval)
    assert a.classification == label
    assert a.undecided == label.startswith("cannot tell")
    assert a.sds_low < a.sds < a.sds_high
    assert a.sds == pytest.approx((bone - 125.68) / 9.79)  # the SDS itself is unchanged


def test_interval_outside_the_table_still_says_outside():
    a = assess(100.0, 250, "female", (80.0, 120.0))
    assert a.classification == "outside the reference range" and a.sds_low is None


def test_unknown_sex_is_a_clear_error():
    with pytest.raises(ValueError, match="female"):
        assess(100.0, 120, "F")
