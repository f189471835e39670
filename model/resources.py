"""Where the files that ship with BoneAge live: the model bundle, the reference table, the
translations and the icon.

They sit in ``resources/`` beside ``app/`` and ``model/`` in a source checkout, and a frozen app
(PyInstaller) keeps that layout in its unpacked folder. An installed wheel cannot put a folder
named ``resources`` into site-packages without risking a clash with another project, so there
it is the package ``boneage_resources`` (pyproject.toml maps it onto ``resources/``). Every
caller asks :func:`resource_path`, so the three cases are decided in one place.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

#: The name ``resources/`` is installed under by ``pip install .`` (see pyproject.toml).
RESOURCE_PACKAGE = "boneage_resources"
_ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The folder holding ``model/``, ``reference/``, ``translations/`` and ``icons/``."""
    unpacked = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and unpacked:
        return Path(unpacked) / "resources"
    # A checkout (editable install included) is recognised by its pyproject.toml: an installed
    # copy has none, and a stray site-packages/resources of another project must not win.
    if (_ROOT / "pyproject.toml").is_file() and (_ROOT / "resources").is_dir():
        return _ROOT / "resources"
    spec = importlib.util.find_spec(RESOURCE_PACKAGE)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    # Nothing found: the checkout's path, so that messages name where the files were expected.
    return _ROOT / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder under the resources, e.g. ``resource_path("model", "bundle.json")``."""
    return resources_dir().joinpath(*parts)
