"""How numbers, dates and ages are written for the reader, without Qt.

The clipboard summary, the PDF report and the batch CSV are built by Qt-free code, yet must
follow the interface language (French: decimal commas, "ans"/"mois", day-first dates). The
window builds a :class:`Wording` from its translator and locale; the command line and the tests
use the English default. Dates typed by a user are read here too, so the window's date fields
and the batch CSV accept exactly the same forms: ISO 8601 and the language's own format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from model.errors import ImageReadError
from model.i18n import QT_TRANSLATE_NOOP

Translate = Callable[[str, str], str]  # (context, English text) -> shown text
FormatNumber = Callable[[float, int], str]
FormatDate = Callable[[date], str]

ISO_PATTERN = "yyyy-MM-dd"
CONTEXT = "Wording"
YEARS = QT_TRANSLATE_NOOP("Wording", "{0} years")
ONE_YEAR = QT_TRANSLATE_NOOP("Wording", "1 year")
MONTHS = QT_TRANSLATE_NOOP("Wording", "{0} months")
ONE_MONTH = QT_TRANSLATE_NOOP("Wording", "1 month")
NOT_A_DATE = QT_TRANSLATE_NOOP("Wording", "“{0}” is not a date written {1}")
INTERVAL = QT_TRANSLATE_NOOP("Wording", "{0}–{1} months ({2} to {3})")
LABELLED = QT_TRANSLATE_NOOP("Wording", "{0}: {1}")  # French puts a space before the colon
FEMALE = QT_TRANSLATE_NOOP("Wording", "female")
MALE = QT_TRANSLATE_NOOP("Wording", "male")
DATE_TOKENS = (("yyyy", QT_TRANSLATE_NOOP("Wording", "YYYY")),
               ("MM", QT_TRANSLATE_NOOP("Wording", "MM")),
               ("dd", QT_TRANSLATE_NOOP("Wording", "DD")))
_TOKENS = (("yyyy", "%Y"), ("MM", "%m"), ("dd", "%d"))


def _english(context: str, text: str) -> str:
    del context
    return text


def _plain_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _strptime_pattern(qt_pattern: str) -> str:
    """Qt's ``dd/MM/yyyy`` as ``%d/%m/%Y``."""
    for qt, py in _TOKENS:
        qt_pattern = qt_pattern.replace(qt, py)
    return qt_pattern


@dataclass(frozen=True)
class Wording:
    """Translation, number and date formats for one language (English by default).

    ``date_pattern`` is the language's own date form as a Qt pattern (``dd/MM/yyyy`` in
    French); ISO 8601 is always accepted besides it.
    """

    translate: Translate = _english
    number: FormatNumber = _plain_number
    date_pattern: str = ISO_PATTERN
    csv_delimiter: str = ","
    _patterns: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = [ISO_PATTERN] if self.date_pattern == ISO_PATTERN else [
            self.date_pattern, ISO_PATTERN]
        object.__setattr__(self, "_patterns", tuple(patterns))

    def say(self, text: str) -> str:
        """``text`` (marked in context "Wording") in this language."""
        return self.translate(CONTEXT, text)

    # -- dates -----------------------------------------------------------------------------
    @property
    def date_form(self) -> str:
        """The language's date form as the reader sees it: YYYY-MM-DD, JJ/MM/AAAA..."""
        text = self.date_pattern
        for qt, name in DATE_TOKENS:
            text = text.replace(qt, self.say(name))
        return text

    def parse_date(self, text: str) -> date:
        """A date in the language's form or ISO 8601; ValueError naming the form expected."""
        text = text.strip()
        for pattern in self._patterns:
            try:
                return datetime.strptime(text, _strptime_pattern(pattern)).date()
            except ValueError:
                continue
        raise ValueError(self.say(NOT_A_DATE).format(text, self.date_form))

    def date_text(self, value: date) -> str:
        return value.strftime(_strptime_pattern(self.date_pattern))

    # -- ages ------------------------------------------------------------------------------
    def months(self, value: float, decimals: int = 1) -> str:
        return self.say(MONTHS).format(self.number(value, decimals))

    def years_months(self, months: float) -> str:
        """Whole years and months, rounded to the month: "10 years 4 months"."""
        years, rest = divmod(max(round(float(months)), 0), 12)
        y = self.say(ONE_YEAR) if years == 1 else self.say(YEARS).format(years)
        m = self.say(ONE_MONTH) if rest == 1 else self.say(MONTHS).format(rest)
        return f"{y} {m}"

    def signed(self, value: float, decimals: int) -> str:
        return ("+" if value >= 0 else "−") + self.number(abs(value), decimals)

    def interval(self, low: float, high: float) -> str:
        """A 90 % interval in months and in years and months."""
        return self.say(INTERVAL).format(
            self.number(low, 0), self.number(high, 0), self.years_months(low),
            self.years_months(high))

    def labelled(self, label: str, value: str) -> str:
        """"Label: value", with the language's punctuation."""
        return self.say(LABELLED).format(label, value)

    def error(self, exc: BaseException) -> str:
        """An error's message in this language (a file's read error names the file)."""
        if isinstance(exc, ImageReadError):
            return (self.translate("ImageReadError", exc.PREFIX).format(name=exc.path.name)
                    + self.translate("ImageReadError", exc.template).format(**exc.params))
        return str(exc)

    def sex(self, sex: str) -> str:
        return self.say(FEMALE if sex == "female" else MALE)


ENGLISH = Wording()
