"""Wires the window to the case and the predictor service; renders the window from the case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from PyQt5.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QObject,
    QSettings,
    QSignalBlocker,
    QThreadPool,
    pyqtSignal,
)
from PyQt5.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app.case import EXAM_SOURCE, Case
from app.qt.main_window import NOTICE, MainWindow, qt_wording
from app.qt.worker import HeatmapTask, PredictionTask
from app.reference import CITATION, OUTSIDE
from app.service import PredictorService
from app.wording import Wording
from model import __version__
from model.dicom_io import DICOM_EXTENSIONS
from model.errors import ModelBundleError
from model.i18n import QT_TRANSLATE_NOOP
from model.image_io import SUPPORTED_EXTENSIONS

PATTERNS = " ".join(f"*{e}" for e in (*SUPPORTED_EXTENSIONS, *DICOM_EXTENSIONS))
ATTRIBUTION = QT_TRANSLATE_NOOP(
    "Controller",
    "Trained on the RSNA Pediatric Bone Age Challenge 2017 data. Halabi SS, Prevedello LM, "
    "Kalpathy-Cramer J, et al. The RSNA Pediatric Bone Age Machine Learning Challenge. "
    "Radiology 2018; 290(2):498-503.")


class Controller(QObject):
    """Emits ``result_shown`` after a result is on screen, ``prediction_failed`` on errors."""

    batch_finished = pyqtSignal(int, int, bool)
    result_shown = pyqtSignal(object)
    prediction_failed = pyqtSignal(str)
    heatmap_shown = pyqtSignal()

    def __init__(self, window: MainWindow, service: PredictorService,
                 settings: QSettings | None = None, case: Case | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.case = case or Case()
        self.settings = settings or QSettings("BoneAge", "BoneAge")
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.model_error: str | None = None
        self.heatmap: np.ndarray | None = None
        self.heatmap_generation = -1
        self._showing_heatmap = False
        self._chart_key: tuple | None = None
        self._chart: QWidget | None = None
        self._typing_dates = False
        self._listener = lambda _case: self.render()
        self.case.subscribe(self._listener)

        w = window
        w.new_patient_action.triggered.connect(self.new_patient)
        w.open_action.triggered.connect(self.open_dialog)
        w.copy_action.triggered.connect(self.copy_result)
        w.report_action.triggered.connect(lambda: self.export_report())
        w.batch_action.triggered.connect(lambda: self.run_batch())
        w.open_model_action.triggered.connect(self.open_model_dialog)
        w.bundled_model_action.triggered.connect(lambda: self.open_model(None))
        w.result_panel.copy.clicked.connect(self.copy_result)
        w.quit_action.triggered.connect(w.close)
        w.about_action.triggered.connect(self.show_about)
        w.fit_action.triggered.connect(w.image_view.fit)
        w.zoom_in_action.triggered.connect(lambda: w.image_view.zoom(1.25))
        w.zoom_out_action.triggered.connect(lambda: w.image_view.zoom(0.8))
        w.files_dropped.connect(self.open_dropped)
        w.female.toggled.connect(lambda on: on and self.case.set_sex("female"))
        w.male.toggled.connect(lambda on: on and self.case.set_sex("male"))
        w.predict_button.clicked.connect(self.predict)
        for shortcut in w.enter_shortcuts:
            shortcut.activated.connect(self.predict)
        w.network_toggle.toggled.connect(lambda _on: self.show_image())
        w.heatmap_toggle.toggled.connect(self.heatmap_toggled)
        w.patient_name.textChanged.connect(self._patient_changed)
        w.patient_id.textChanged.connect(self._patient_changed)
        w.birth_date.changed.connect(self._dates_changed)
        w.exam_date.changed.connect(self._dates_changed)
        self.render()

    def detach(self) -> None:
        """Stop rendering the case (its window is about to go), e.g. on a language change."""
        self.pool.waitForDone()
        self.case.unsubscribe(self._listener)

    # -- model -----------------------------------------------------------------------------
    def load_model(self, show_dialog: bool = True) -> bool:
        self.window.statusBar().showMessage(self.tr("Loading the bone-age model..."))
        QApplication.processEvents()
        fallback = ""
        chosen = self.settings.value("model_dir", "")
        if chosen and self.service.bundle_dir is None:
            # A model opened in an earlier session (e.g. one adapted to this site).
            try:
                self.service.switch(str(chosen))
            except ModelBundleError as exc:
                self.settings.remove("model_dir")
                fallback = self.tr("The model opened last time cannot be loaded ({0}); the "
                                   "bundled model is in use.").format(exc)
        try:
            bundle = self.service.load()
        except ModelBundleError as exc:
            self.model_error = str(exc)
            self.window.statusBar().showMessage(self.tr("No model: predictions are unavailable."))
            if show_dialog:
                QMessageBox.critical(self.window, self.tr("BoneAge: model unavailable"),
                                     self.model_error)
            self.render()
            return False
        self.model_error = None
        if fallback:
            self.window.statusBar().showMessage(fallback)
            if show_dialog:
                QMessageBox.warning(self.window, self.tr("BoneAge: model not opened"), fallback)
        else:
            self.window.statusBar().showMessage(
                self.tr("Model ready: {0}").format(bundle.label), 5000)
        self.render()
        return True

    def open_model_dialog(self) -> None:
        start = str(self.settings.value("model_dir", "") or Path.home())
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Open model (a folder holding bundle.json)"), start)
        if folder:
            self.open_model(folder)

    def open_model(self, folder: str | None) -> bool:
        """Switch to the bundle in ``folder`` (``None``: the bundled model). On failure the
        current model stays and a dialog says why."""
        self.pool.waitForDone()  # no prediction may straddle the switch
        try:
            bundle = self.service.switch(folder)
        except ModelBundleError as exc:
            QMessageBox.warning(self.window, self.tr("BoneAge: model not opened"), str(exc))
            return False
        if folder is None:
            self.settings.remove("model_dir")
        else:
            self.settings.setValue("model_dir", folder)
        self.model_error = None
        self.heatmap, self.heatmap_generation = None, -1
        self.window.statusBar().showMessage(self.tr("Model in use: {0}").format(bundle.label))
        if self.case.model_changed() and self.case.can_predict:
            self.predict()  # show the new model's number for the film on screen
        self.render()
        self.show_image()
        return True

    # -- inputs ----------------------------------------------------------------------------
    def open_dialog(self) -> None:
        start = str(self.settings.value("last_folder", str(Path.home())))
        filters = self.tr("Radiographs ({0});;All files (*)").format(PATTERNS)
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open radiograph"), start,
                                              filters)
        if path:
            self.open_path(path)

    def open_dropped(self, paths: list[str]) -> None:
        if len(paths) > 1:
            self.case.report_error(self.tr("Drop one radiograph at a time."))
            return
        self.open_path(paths[0])

    def open_path(self, path: str) -> bool:
        """A film that opens starts a new patient (the case clears what the file does not
        carry); one that does not leaves the current case as it was."""
        ok = self.case.load_image(path)
        if ok:
            self.settings.setValue("last_folder", str(Path(path).parent))
            self.heatmap, self.heatmap_generation = None, -1
            self.show_image()
        return ok

    def new_patient(self) -> None:
        self.pool.waitForDone()
        self.heatmap, self.heatmap_generation = None, -1
        self.case.new_patient()
        self.show_image()
        self.window.image_info.setText(
            QCoreApplication.translate(
                "MainWindow", "Open a radiograph (File > Open, Ctrl+O) or drop it here."))

    def _patient_changed(self) -> None:
        self.case.set_patient(self.window.patient_name.text(), self.window.patient_id.text())

    def _dates_changed(self) -> None:
        w = self.window
        self._typing_dates = True
        try:
            self.case.set_dates(w.birth_date.value(), w.exam_date.value())
        finally:
            self._typing_dates = False

    # -- prediction ------------------------------------------------------------------------
    def predict(self) -> None:
        if not self.case.can_predict or self.model_error:
            return
        generation = self.case.start_prediction()
        assert self.case.image is not None and self.case.sex is not None
        task = PredictionTask(self.service, self.case.image.pixels, self.case.sex, generation)
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self.pool.start(task)

    def _finished(self, generation: int, result: object) -> None:
        prediction, spread = result  # type: ignore[misc]
        if self.case.finish_prediction(generation, prediction, spread):
            self.result_shown.emit(prediction)
            if self.window.heatmap_toggle.isChecked():
                self.heatmap_toggled(True)

    def heatmap_toggled(self, on: bool) -> None:
        case = self.case
        if on and case.result is not None and self.heatmap_generation != case.generation:
            assert case.image is not None and case.sex is not None
            task = HeatmapTask(self.service, case.image.pixels, case.sex, case.generation)
            task.signals.finished.connect(self._heatmap_ready)
            task.signals.failed.connect(self._failed)
            self.window.statusBar().showMessage(self.tr("Computing the heatmap..."))
            self.pool.start(task)
        self.show_image()

    def _heatmap_ready(self, generation: int, picture: object) -> None:
        if generation != self.case.generation:
            return
        self.heatmap, self.heatmap_generation = picture, generation  # type: ignore[assignment]
        self.window.statusBar().showMessage(
            self.tr("Heatmap: red areas moved the prediction most."), 5000)
        self.show_image()
        self.heatmap_shown.emit()

    def _failed(self, generation: int, message: str) -> None:
        """A worker's error: said in the window, the case kept, the app still up."""
        self.case.fail_prediction(generation, message)
        self.window.statusBar().showMessage(message, 10000)
        self.prediction_failed.emit(message)

    def export_report(self, path: str | None = None) -> Path | None:
        """Write the one-page PDF; asks where when no path is given."""
        case = self.case
        if case.result is None or case.image is None:
            return None
        if path is None:
            start = Path(str(self.settings.value("last_folder", str(Path.home()))))
            suggested = str(start / f"{case.image.path.stem}-bone-age.pdf")
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export report"),
                                                  suggested, "PDF (*.pdf)")
            if not path:
                return None
        from app.qt.report_writer import write_pdf

        heat_ready = self.heatmap is not None and self.heatmap_generation == case.generation
        shown = self.heatmap if heat_ready and self.window.heatmap_toggle.isChecked() else None
        try:
            written = write_pdf(path, case, case.result.model_label, shown, self.wording())
        except OSError as exc:
            case.report_error(self.tr("The report could not be written: {0}").format(exc))
            return None
        self.window.statusBar().showMessage(self.tr("Report written to {0}").format(written),
                                            5000)
        return written

    def run_batch(self, folder: str | None = None, sexes_csv: str | None = None,
                  out_csv: str | None = None) -> bool:
        """Batch over a folder in the worker, with a progress dialog that can cancel it."""
        from app.batch import read_sex_table
        from app.qt.batch_dialog import BatchTask, progress_dialog

        w = self.window
        if self.model_error:
            self.case.report_error(self.tr(
                "Predictions are unavailable: the model could not be loaded."))
            return False
        if folder is None:
            folder = QFileDialog.getExistingDirectory(w, self.tr("Folder of radiographs"))
            if not folder:
                return False
        if sexes_csv is None:
            sexes_csv, _ = QFileDialog.getOpenFileName(
                w, self.tr("CSV with file,sex[,birth_date,exam_date]"), folder, "CSV (*.csv)")
            if not sexes_csv:
                return False
        if out_csv is None:
            out_csv, _ = QFileDialog.getSaveFileName(
                w, self.tr("Save results"), str(Path(folder) / "bone_ages.csv"), "CSV (*.csv)")
            if not out_csv:
                return False
        wording = self.wording()
        try:
            items = read_sex_table(sexes_csv, folder, wording)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self.case.report_error(self.tr("The batch cannot start: {0}").format(exc))
            return False
        task = BatchTask(self.service.predictor, items, Path(out_csv), wording)
        dialog = progress_dialog(w, len(items))
        dialog.canceled.connect(lambda: setattr(task, "cancelled", True))
        task.signals.progress.connect(dialog.setValue)

        def finished(done: int, failed: int, cancelled: bool) -> None:
            dialog.close()
            message = (self.tr("Batch cancelled after {0} of {1} rows ({2} with an error); "
                               "results in {3}") if cancelled else
                       self.tr("Batch finished: {0} of {1} rows ({2} with an error); "
                               "results in {3}"))
            text = message.format(done, len(items), failed, out_csv)
            w.statusBar().showMessage(text, 10000)
            if failed:
                self.case.report_error(text + " " + self.tr("(see the error column)"))
            self.batch_finished.emit(done, failed, cancelled)

        def crashed(message: str) -> None:
            dialog.close()
            text = self.tr("The batch stopped: {0}. The rows done so far are in {1}.").format(
                message, out_csv)
            self.case.report_error(text)
            QMessageBox.warning(w, self.tr("BoneAge: batch"), text)
            self.batch_finished.emit(-1, -1, True)

        task.signals.done.connect(finished)
        task.signals.failed.connect(crashed)
        self.batch_dialog = dialog
        self.pool.start(task)
        return True

    def copy_result(self) -> None:
        text = self.case.summary(self.wording())
        if text:
            QApplication.clipboard().setText(text)
            self.window.statusBar().showMessage(self.tr("Result copied to the clipboard."), 3000)

    # -- rendering -------------------------------------------------------------------------
    def show_image(self) -> None:
        w = self.window
        image = self.case.image
        if image is None:
            w.image_view.set_pixels(None)
            return
        heat_ready = self.heatmap is not None and self.heatmap_generation == self.case.generation
        self._showing_heatmap = w.heatmap_toggle.isChecked() and heat_ready
        if self._showing_heatmap:
            w.image_view.set_rgb(self.heatmap)  # type: ignore[arg-type]
        elif w.network_toggle.isChecked() and not self.model_error:
            w.image_view.set_pixels(self.service.network_view(image.pixels))
        else:
            w.image_view.set_pixels(image.pixels)

    def render(self) -> None:
        w, case = self.window, self.case
        if case.image is not None:
            w.image_info.setText(f"{case.image.path.name}  ({case.image.size_text})")
        w.network_toggle.setEnabled(case.image is not None and self.model_error is None)
        w.heatmap_toggle.setEnabled(case.result is not None)
        if self._showing_heatmap and self.heatmap_generation != case.generation:
            self.show_image()  # never leave an old case's map over a new case
        self._sync_inputs()
        w.predict_button.setEnabled(case.can_predict and self.model_error is None)
        w.busy.setVisible(case.busy)
        if self.model_error:
            w.hint.setText(self.tr("Predictions are unavailable: the model could not be loaded."))
        elif case.busy:
            w.hint.setText(self.tr("Predicting..."))
        else:
            w.hint.setText(QCoreApplication.translate("Case", case.missing) if case.missing
                           else self.tr("Ready: press Predict."))
        w.error.setText(self._error_text())
        panel = w.result_panel
        wording = self.wording()
        if case.result is None:
            for label in (panel.age, panel.months, panel.interval, panel.range, panel.check,
                          panel.model):
                label.setText("")
            panel.age.setText("–")
        else:
            r = case.result
            panel.age.setText(self.years_months(r.bone_age_months))
            panel.months.setText(self.tr("{0} months").format(self.number(r.bone_age_months, 1)))
            panel.model.setText(self.tr("Model: {0}").format(r.model_label))
            interval = case.interval
            panel.interval.setText(
                self.tr("90 % interval: {0}").format(wording.interval(*interval)) if interval
                else self.tr("90 % interval: not available for this model; the error on "
                             "unseen films is about 15 months"))
            spread = case.spread
            panel.range.setText("" if spread is None else self.tr(
                "Stability check: small rotations give {0}–{1} months (this is not the "
                "precision; see the interval)").format(self.number(spread.low_months, 0),
                                                       self.number(spread.high_months, 0)))
            reason = QCoreApplication.translate("ImageCheck", r.check_reason) if (
                r.check_reason) else self.tr("this film does not look like the left-hand "
                                             "radiographs the model knows")
            panel.check.setText(self.tr("Check image: {0}").format(reason) if r.check_image
                                else "")
        for label in (panel.check, panel.range):  # an empty label would still take a line
            label.setVisible(bool(label.text()))
        w.exam_source.setText(QCoreApplication.translate(
            "Wording", EXAM_SOURCE[case.exam_date_source]))
        panel.comparison.setText(self._comparison_text())
        panel.comparison.setToolTip(CITATION)
        self._update_chart()
        panel.copy.setEnabled(case.result is not None)
        w.copy_action.setEnabled(case.result is not None)
        w.report_action.setEnabled(case.result is not None)

    def _update_chart(self) -> None:
        """Redraw the reference chart only when what it shows has changed."""
        case = self.case
        sex = case.result.sex if case.result else case.sex
        point = (case.chronological_months, case.result.bone_age_months) if (
            case.result and case.chronological_months is not None) else (None, None)
        interval = case.interval if point[0] is not None else None
        key = (sex, *point, interval, QLocale().name())
        if key == self._chart_key:
            return
        self._chart_key = key
        area = self.window.result_panel.chart_area
        if self._chart is not None:
            area.removeWidget(self._chart)
            self._chart.deleteLater()
            self._chart = None
        if sex is None:
            return
        from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg

        from app.growth_chart import growth_chart

        # 2.8 in tall: with a result and dates it fits the side panel at the default window
        # size. Its layout is redone at the first draw at each new size (app.growth_chart).
        canvas = FigureCanvasQTAgg(growth_chart(sex, *point, height_in=2.8, interval=interval,
                                                wording=self.wording()))
        canvas.setMinimumHeight(280)
        canvas.setObjectName("growthChart")
        area.addWidget(canvas)
        self._chart = canvas

    def _comparison_text(self) -> str:
        case, w = self.case, self.window
        for field, what in ((w.birth_date, self.tr("date of birth")),
                            (w.exam_date, self.tr("exam date"))):
            problem = field.problem()
            if problem:
                return self.tr("The {0} cannot be read: {1}.").format(what, problem)
        if case.date_problem:
            return QCoreApplication.translate("Case", case.date_problem)
        chrono = case.chronological_months
        if chrono is None:
            return self.tr("Enter the date of birth ({0}) to compare with the chronological "
                           "age.").format(self.wording().date_form)
        text = self.tr("Chronological age: {0} ({1})").format(
            self.years_months_exact(chrono), self.tr("{0} months").format(self.number(chrono, 1)))
        outside = case.outside_reference
        if outside is not None:
            sex = case.result.sex if case.result else case.sex
            text += "\n" + self.tr(
                "This age is outside the reference: the Greulich & Pyle table for {0} covers "
                "{1} to {2} years, so there is no SDS and no classification.").format(
                self.tr("girls") if sex == "female" else self.tr("boys"),
                self.number(outside[0] / 12, 2), self.number(outside[1] / 12, 0))
        a = case.assessment
        if a is None:
            return text
        label = QCoreApplication.translate("Reference", a.classification)
        text += "\n" + self.tr("Bone age − chronological age: {0} months").format(
            self.signed(a.difference_months, 1))
        if a.sds is None or a.classification == OUTSIDE:
            return text
        text += "\n" + self.tr("SDS {0}: {1} (Greulich & Pyle)").format(
            self.signed(a.sds, 2), label)
        if a.sds_low is not None and a.sds_high is not None:
            text += "\n" + self.tr("Over the 90 % interval the SDS runs from {0} to {1}.").format(
                self.signed(a.sds_low, 1), self.signed(a.sds_high, 1))
        return text

    # -- locale-aware text ---------------------------------------------------------------------
    def number(self, value: float, decimals: int) -> str:
        return QLocale().toString(float(value), "f", decimals)

    def date_text(self, value: date) -> str:
        from app.qt.main_window import date_format

        return QLocale().toString(_qdate(value), date_format())

    def signed(self, value: float, decimals: int) -> str:
        return ("+" if value >= 0 else "−") + self.number(abs(value), decimals)

    def wording(self) -> Wording:
        return qt_wording()

    def years_months(self, months: float) -> str:
        return self.wording().years_months(months)

    def years_months_exact(self, months: float) -> str:
        """A chronological age in completed years and months (never rounded up)."""
        return self.wording().years_months(int(months))

    def _error_text(self) -> str:
        exc = self.case.error_exc
        if exc is None:
            return self.case.error or ""
        translate = QCoreApplication.translate
        return (translate("ImageReadError", exc.PREFIX).format(name=exc.path.name)
                + translate("ImageReadError", exc.template).format(**exc.params))

    def _sync_inputs(self) -> None:
        """Show what the case holds (cleared by a new film, filled by a DICOM) without echoing
        it back."""
        w, case = self.window, self.case
        if case.sex is None and (w.female.isChecked() or w.male.isChecked()):
            w.sex_group.setExclusive(False)  # the only way to uncheck a radio button
            for radio in (w.female, w.male):
                with QSignalBlocker(radio):
                    radio.setChecked(False)
            w.sex_group.setExclusive(True)
        for radio, sex in ((w.female, "female"), (w.male, "male")):
            if case.sex == sex and not radio.isChecked():
                with QSignalBlocker(radio):
                    radio.setChecked(True)
        for edit, value in ((w.patient_name, case.patient_name),
                            (w.patient_id, case.patient_id)):
            if edit.text().strip() != value:
                with QSignalBlocker(edit):
                    edit.setText(value)
        if self._typing_dates:
            return  # never rewrite a field under the user's cursor
        for field, value in ((w.birth_date, case.birth_date), (w.exam_date, case.exam_date)):
            if field.value() != value or field.problem():
                field.set_value(value)

    def show_about(self) -> None:
        try:
            bundle = self.service.load()
            adapted = bundle.metadata.get("adapted_from")
            if adapted:
                chosen = adapted["fold_mae_summary"][adapted["method"]]
                model_text = self.tr(
                    "Model: {0}<br>Adapted to a local site from {1} ({2}, {3} images): "
                    "cross-validated MAE {4} ± {5} months").format(
                    bundle.label, adapted["model"], adapted["method"], adapted["local_images"],
                    self.number(chosen["mean"], 2), self.number(chosen["sd"], 2))
            else:
                metrics = bundle.metadata.get("validation_metrics", {})
                model_text = self.tr(
                    "Model: {0}<br>Validation MAE: {1} months (n={2}, RSNA 100 px "
                    "validation split)").format(
                    bundle.label, self.number(metrics.get("mae_months", float("nan")), 2),
                    metrics.get("n", "?"))
        except ModelBundleError as exc:
            model_text = self.tr("Model unavailable: {0}").format(exc)
        notice = QCoreApplication.translate("MainWindow", NOTICE)
        QMessageBox.about(
            self.window, self.tr("About BoneAge"),
            f"<b>BoneAge {__version__}</b><br>"
            + self.tr("Bone age from a left-hand radiograph.")
            + f"<br><br>{model_text}<br><br>{self.tr(ATTRIBUTION)}<br><br><i>{notice}</i>")


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


