"""The main window's widgets and layout. No logic: the controller fills it from the case."""

from __future__ import annotations

from PyQt5.QtCore import QCoreApplication, QDate, QLocale, Qt, pyqtSignal
from PyQt5.QtGui import QDragEnterEvent, QDropEvent, QFont, QKeySequence
from PyQt5.QtWidgets import (
    QAction,
    QActionGroup,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.qt.image_view import ImageView
from model.i18n import QT_TRANSLATE_NOOP

NOTICE = QT_TRANSLATE_NOOP("MainWindow", "Research and education use only. Not a medical device.")


def date_format() -> str:
    """The chosen language's short date format with four-digit years (birth dates); ISO 8601
    in English, whose US short format (month first) would be misread elsewhere."""
    if QLocale().language() in (QLocale.English, QLocale.C):
        return "yyyy-MM-dd"
    fmt = QLocale().dateFormat(QLocale.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


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
        self.range = QLabel("")
        self.range.setObjectName("range")
        self.range.setWordWrap(True)
        self.check = QLabel("")
        self.check.setWordWrap(True)
        self.check.setStyleSheet("color: #b00020; font-weight: bold;")
        self.comparison = QLabel("")
        self.comparison.setWordWrap(True)
        self.comparison.setObjectName("comparison")
        self.model = QLabel("")
        self.model.setWordWrap(True)
        self.model.setStyleSheet("color: gray;")
        self.copy = QPushButton(self.tr("Copy result"))
        self.copy.setEnabled(False)
        notice = QLabel(QCoreApplication.translate("MainWindow", NOTICE))
        notice.setWordWrap(True)
        notice.setStyleSheet("color: #a05000;")
        self.chart_area = QVBoxLayout()
        for widget in (title, self.age, self.months, self.range, self.check, self.comparison):
            layout.addWidget(widget)
        layout.addLayout(self.chart_area)
        for widget in (self.model, self.copy):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(notice)


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
        self.birth_known = QCheckBox(self.tr("known"))
        self.birth_date = QDateEdit(QDate.currentDate().addYears(-10))
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat(date_format())
        self.birth_date.setEnabled(False)
        self.exam_date = QDateEdit(QDate.currentDate())
        self.exam_date.setCalendarPopup(True)
        self.exam_date.setDisplayFormat(date_format())
        patient = QGroupBox(self.tr("Patient"))
        form = QFormLayout(patient)
        form.addRow(self.tr("Name"), self.patient_name)
        form.addRow(self.tr("ID"), self.patient_id)
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth_date, 1)
        birth_row.addWidget(self.birth_known)
        form.addRow(self.tr("Born"), birth_row)
        form.addRow(self.tr("Exam"), self.exam_date)

        right = QWidget()
        right.setMinimumWidth(340)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(patient)
        right_layout.addWidget(QLabel(self.tr("Sex")))
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.female)
        sex_row.addWidget(self.male)
        right_layout.addLayout(sex_row)
        right_layout.addWidget(self.predict_button)
        right_layout.addWidget(self.busy)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.error)
        right_layout.addWidget(self.result_panel, 1)

        scroll = QScrollArea()  # small screens scroll the side panel instead of squashing it
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(360)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
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
