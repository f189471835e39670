"""A date typed in full (or picked from a calendar), or left empty.

QDateEdit edits one section at a time, so a date typed over it kept the old year, and it can
never be empty, so an unknown date of birth showed a made-up one. This field is a line edit:
the text is read as a whole, in ISO or the language's own form (app.wording), and an empty
field means "not given".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PyQt5.QtCore import QDate, pyqtSignal
from PyQt5.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)


class DateField(QWidget):
    """Emits ``changed`` when what it holds changes (a date, nothing, or unreadable text)."""

    changed = pyqtSignal()

    def __init__(self, parse: Callable[[str], date], show: Callable[[date], str],
                 placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parse, self._show = parse, show
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.calendar = QCalendarWidget()
        self.calendar.setMaximumDate(QDate.currentDate())  # no date here lies in the future
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Choose on a calendar"))
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.InstantPopup)
        menu.aboutToShow.connect(self._before_calendar)
        self.calendar.clicked.connect(lambda qdate: (self.set_value(qdate.toPyDate(), True),
                                                     menu.close()))
        self.calendar.activated.connect(lambda qdate: (self.set_value(qdate.toPyDate(), True),
                                                       menu.close()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self._tidy)

    def _before_calendar(self) -> None:
        value = self.value()
        if value is not None:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _tidy(self) -> None:
        """Rewrite a readable date in the language's own form once the user leaves it."""
        value = self.value()
        if value is not None and self.edit.text() != self._show(value):
            self.set_value(value, emit=False)

    def value(self) -> date | None:
        """The date, or None when the field is empty or cannot be read (see ``problem``)."""
        try:
            return self._parse(self.edit.text()) if self.edit.text().strip() else None
        except ValueError:
            return None

    def problem(self) -> str | None:
        """Why the text is not a date (naming the form expected), or None."""
        if not self.edit.text().strip():
            return None
        try:
            self._parse(self.edit.text())
        except ValueError as exc:
            return str(exc)
        return None

    def set_value(self, value: date | None, emit: bool = False) -> None:
        text = "" if value is None else self._show(value)
        if text == self.edit.text():
            return
        self.edit.blockSignals(not emit)
        self.edit.setText(text)
        self.edit.blockSignals(False)
