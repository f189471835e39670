"""Radiograph display: fit to window, wheel zoom, drag to pan."""

from __future__ import annotations

import numpy as np
from PyQt5.QtCore import Qt
from PyQt5.QtGui import QImage, QPainter, QPixmap, QWheelEvent
from PyQt5.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget


def gray_to_qimage(pixels: np.ndarray) -> QImage:
    """float [0, 1] (or uint8) grayscale array to a QImage that owns its memory."""
    if pixels.dtype != np.uint8:
        pixels = np.clip(pixels * 255.0 + 0.5, 0, 255).astype(np.uint8)
    pixels = np.ascontiguousarray(pixels)
    h, w = pixels.shape
    return QImage(pixels.data, w, h, w, QImage.Format_Grayscale8).copy()


class ImageView(QGraphicsView):
    ZOOM_STEP = 1.25

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.black)
        self.setAcceptDrops(False)  # drops are handled by the main window
        self._fit = True

    def set_pixels(self, pixels: np.ndarray | None) -> None:
        if pixels is None:
            self._item.setPixmap(QPixmap())
            return
        self._item.setPixmap(QPixmap.fromImage(gray_to_qimage(pixels)))
        self._scene.setSceneRect(self._item.boundingRect())
        self.fit()

    def set_rgb(self, rgb: np.ndarray) -> None:
        """Show an (h, w, 3) uint8 RGB picture, e.g. a heatmap overlay."""
        rgb = np.ascontiguousarray(rgb)
        h, w, _ = rgb.shape
        image = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()
        self._item.setPixmap(QPixmap.fromImage(image))
        self._scene.setSceneRect(self._item.boundingRect())
        if self._fit:
            self.fit()

    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    def fit(self) -> None:
        self._fit = True
        if self.has_image():
            self.fitInView(self._item, Qt.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        self._fit = False
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.has_image():
            step = self.ZOOM_STEP if event.angleDelta().y() > 0 else 1 / self.ZOOM_STEP
            self.zoom(step)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().resizeEvent(event)
        if self._fit:
            self.fit()
