"""Typed errors, so that callers (the CLI, the desktop app) can show one clear message per
failure instead of a traceback."""

from __future__ import annotations

from pathlib import Path


class BoneAgeError(Exception):
    """Base class: every error the core raises on purpose derives from it."""


class ImageReadError(BoneAgeError):
    """A file could not be turned into a grayscale radiograph.

    The message always names the file and the reason, because it is shown as-is to a clinician.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Cannot read '{self.path.name}': {reason}")


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
