"""Typed errors, so that callers (the CLI, the desktop app) can show one clear message per
failure instead of a traceback."""

from __future__ import annotations

from pathlib import Path

from model.i18n import QT_TRANSLATE_NOOP


class BoneAgeError(Exception):
    """Base class: every error the core raises on purpose derives from it."""


class ImageReadError(BoneAgeError):
    """A file could not be turned into a grayscale radiograph.

    The message always names the file and the reason, because it is shown to a clinician. The
    reason is kept as a template plus its values so that the window can show it translated.
    """

    PREFIX = QT_TRANSLATE_NOOP("ImageReadError", "Cannot read '{name}': ")

    def __init__(self, path: str | Path, template: str, **params: object) -> None:
        self.path = Path(path)
        self.template = template
        self.params = params
        self.reason = template.format(**params)
        super().__init__(self.PREFIX.format(name=self.path.name) + self.reason)


class ModelBundleError(BoneAgeError):
    """The model bundle is missing, incomplete or fails its checksum."""


class MissingExtraError(BoneAgeError):
    """A command needs an optional dependency group (e.g. TensorFlow) that is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"This command needs {package}, which is not installed: "
            f"run  pip install -e '.[{extra}]'  and try again."
        )


class MissingWeightsError(BoneAgeError):
    """Pretrained weights were asked for but are not on this machine (nothing is downloaded)."""
