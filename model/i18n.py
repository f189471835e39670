"""Marks user-facing text in Qt-free code for translation, without importing Qt.

``pylupdate5`` collects every ``QT_TRANSLATE_NOOP(context, text)`` call into the translation
files; at run time it returns the English text unchanged and the window translates it (with
``QCoreApplication.translate(context, text)``) just before showing it.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    del context
    return text
