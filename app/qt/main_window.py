"""The main window's widgets and layout. No logic: the controller fills it from the case."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QLocale, Qt, pyqtSignal
from PyQt5.QtGui import QDragEnterEvent, QDropEvent, QFont, QKeySequence
from PyQt5.QtWidgets import (
    QAction,
    QActionGroup,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.qt.date_field import DateField
from app.qt.image_view import ImageView
from app.wording import Wording
from model.i18n import QT_TRANSLATE_NOOP

NOTICE = QT_TRANSLATE_NOOP("MainWindow", "Research and education use only. Not a medical device.")


def date_format() -> str:
    """The chosen language's short date format with four-digit years (birth dates); ISO 8601
    in English, whose US short format (month first) would be misread elsewhere."""
    if QLocale().language() in (QLocale.English, QLocale.C):
        return "yyyy-MM-dd"
    fmt = QLocale().dateFormat(QLocale.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def qt_wording() -> Wording:
    """The interface language's Wording: Qt's translator, the locale's numbers and dates, and
    the semicolon that spreadsheets expect in a CSV whose decimals are commas."""
    comma = QLocale().decimalPoint() == ","
    return Wording(QCoreApplication.translate,
                   lambda value, decimals: QLocale().toString(float(value), "f", decimals),
                   date_format(), ";" if comma else ",")


class ResultPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Bone age"))
        title.setStyleSheet("color: gray;")
        self.age = QLabel(self.tr("–"))
        font = QFont()
        font.setPointSize(20)
        font.setBold(True)
        self.age.setFont(font)
        self.age.setObjectName("boneAge")
        self.age.setWordWrap(True)
        self.age.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.months = QLabel("")
        self.months.setObjectName("boneAgeMonths")
        self.interval = QLabel("")
        self.interval.setObjectName("interval")
        self.interval.setWordWrap(True)
        self.interval.setStyleSheet("font-weight: bold;")
        self.check = QLabel("")
        self.check.setObjectName("checkImage")
        self.check.setWordWrap(True)
        self.check.setStyleSheet("color: #b00020; font-weight: bold;")
        self.range = QLabel("")  # the rotation spread: a stability check, not a precision
        self.range.setObjectName("range")
        self.range.setWordWrap(True)
        self.range.setStyleSheet("color: gray;")
        self.comparison = QLabel("")
        self.comparison.setWordWrap(True)
        self.comparison.setObjectName("comparison")
        self.model = QLabel("")
        self.model.setWordWrap(True)
        self.model.setStyleSheet("color: gray;")
        self.copy = QPushButton(self.tr("Copy result"))
        self.copy.setEnabled(False)
        self.chart_area = QVBoxLayout()
        for widget in (title, self.age, self.months, self.interval, self.check, self.comparison):
            layout.addWidget(widget)
        layout.addLayout(self.chart_area)
        for widget in (self.range, self.model, self.copy):
            layout.addWidget(widget)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    """Emits ``files_dropped`` with the local paths dropped on it."""

    files_dropped = pyqtSignal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("BoneAge")
        self.language_actions: dict[str, QAction] = {}
        self.setAcceptDrops(True)
        self.resize(1150, 860)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_patient_action = QAction(self.tr("&New patient"), self)
        self.new_patient_action.setShortcut(QKeySequence.New)
        self.open_action = QAction(self.tr("&Open radiograph..."), self)
        self.open_action.setShortcut(QKeySequence.Open)
        self.copy_action = QAction(self.tr("&Copy result"), self)
        self.copy_action.setShortcut(QKeySequence.Copy)
        self.copy_action.setEnabled(False)
        self.report_action = QAction(self.tr("Export &report (PDF)..."), self)
        self.report_action.setShortcut("Ctrl+E")
        self.report_action.setEnabled(False)
        self.batch_action = QAction(self.tr("&Batch (folder + sexes CSV)..."), self)
        self.open_model_action = QAction(self.tr("Open &model..."), self)
        self.bundled_model_action = QAction(self.tr("Use the b&undled model"), self)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.Quit)
        file_menu.addAction(self.new_patient_action)
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.copy_action)
        file_menu.addAction(self.report_action)
        file_menu.addAction(self.batch_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_model_action)
        file_menu.addAction(self.bundled_model_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.fit_action = QAction(self.tr("&Fit to window"), self)
        self.fit_action.setShortcut("Ctrl+0")
        self.zoom_in_action = QAction(self.tr("Zoom &in"), self)
        self.zoom_in_action.setShortcut(QKeySequence.ZoomIn)
        self.zoom_out_action = QAction(self.tr("Zoom &out"), self)
        self.zoom_out_action.setShortcut(QKeySequence.ZoomOut)
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action):
            view_menu.addAction(action)
        language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in (("en", "English"), ("fr", "Français")):  # each in its own language
            action = QAction(name, self, checkable=True)
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About BoneAge"), self)
        help_menu.addAction(self.about_action)

        self.image_view = ImageView()
        self.image_info = QLabel(
            self.tr("Open a radiograph (File > Open, Ctrl+O) or drop it here."))
        self.image_info.setWordWrap(True)
        self.network_toggle = QCheckBox(self.tr("Show what the network sees"))
        self.network_toggle.setEnabled(False)
        self.heatmap_toggle = QCheckBox(self.tr("Show what drove the prediction"))
        self.heatmap_toggle.setEnabled(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.image_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.image_info, 1)
        row.addWidget(self.network_toggle)
        row.addWidget(self.heatmap_toggle)
        left_layout.addLayout(row)

        self.female = QRadioButton(self.tr("Female"))
        self.male = QRadioButton(self.tr("Male"))
        self.sex_group = QButtonGroup(self)
        self.sex_group.addButton(self.female)
        self.sex_group.addButton(self.male)
        self.predict_button = QPushButton(self.tr("Predict"))
        self.predict_button.setEnabled(False)
        self.predict_button.setDefault(True)
        self.predict_button.setToolTip(self.tr("Enter"))
        # Enter predicts from anywhere in the window (a main window has no default button).
        self.enter_shortcuts = [QShortcut(QKeySequence(key), self)
                                for key in (Qt.Key_Return, Qt.Key_Enter)]
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.result_panel = ResultPanel()

        self.patient_name = QLineEdit()
        self.patient_name.setPlaceholderText(self.tr("optional"))
        self.patient_id = QLineEdit()
        self.patient_id.setPlaceholderText(self.tr("optional"))
        wording = qt_wording()
        self.birth_date = DateField(wording.parse_date, wording.date_text, wording.date_form)
        self.birth_date.setObjectName("birthDate")
        self.birth_date.edit.setToolTip(self.tr("Type the date in full, or pick it on the "
                                                "calendar; leave empty when not known"))
        self.exam_date = DateField(wording.parse_date, wording.date_text, wording.date_form)
        self.exam_date.setObjectName("examDate")
        self.exam_date.edit.setToolTip(self.tr("Empty: today"))
        patient = QGroupBox(self.tr("Patient"))
        form = QFormLayout(patient)
        form.addRow(self.tr("Name"), self.patient_name)
        form.addRow(self.tr("ID"), self.patient_id)
        form.addRow(self.tr("Born"), self.birth_date)
        self.exam_source = QLabel("")
        self.exam_source.setObjectName("examSource")
        self.exam_source.setStyleSheet("color: gray;")
        exam_row = QHBoxLayout()
        exam_row.addWidget(self.exam_date, 1)
        exam_row.addWidget(self.exam_source)
        form.addRow(self.tr("Exam"), exam_row)
        sex_row = QHBoxLayout()  # in the patient's form: chosen for every film
        sex_row.addWidget(self.female)
        sex_row.addWidget(self.male)
        sex_row.addStretch(1)
        form.addRow(self.tr("Sex"), sex_row)

        right = QWidget()
        right.setMinimumWidth(420)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(patient)
        right_layout.addWidget(self.predict_button)
        right_layout.addWidget(self.busy)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.result_panel, 1)

        scroll = QScrollArea()  # small screens scroll the side panel instead of squashing it
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(440)
        # The research-use notice sits below the scrolling panel: it stays in view whatever
        # the result makes the panel grow to.
        self.notice = QLabel(QCoreApplication.translate("MainWindow", NOTICE))
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #a05000; font-weight: bold;")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 4)
        side_layout.addWidget(scroll, 1)
        side_layout.addWidget(self.notice)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
