"""Whether the window can open here, said in one line before Qt is asked.

Qt, finding no display (or its platform plugin unable to load), prints several lines, blames
the installation ("Reinstalling the application may fix this problem") and aborts the process.
Where the answer is plain from the environment (Linux, no X11 or Wayland display, no other Qt
platform chosen), :func:`display_problem` gives it without importing Qt; the cases only Qt can
find (a display that does not answer, missing system libraries) are turned into one line by
:func:`platform_failure`, which the window's start-up calls from Qt's fatal-message hook.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

#: What to do instead, in every message: the command line needs no display.
INSTEAD = ("use the command line, which needs no display (boneage predict IMAGE --sex "
           "female|male), or set QT_QPA_PLATFORM=offscreen to run the window without a screen")
#: Qt platforms that draw on a screen through a display server.
DISPLAY_PLATFORMS = ("xcb", "wayland")


def display_problem(environ: Mapping[str, str] | None = None,
                    platform: str | None = None) -> str | None:
    """Why the window cannot open here, or None when it may (Qt has the last word)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None  # Windows and macOS draw without a display server
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith(DISPLAY_PLATFORMS):
        return None  # offscreen, vnc, eglfs...: no display server needed
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return f"No display to open the window on (DISPLAY is not set): {INSTEAD}."


def platform_failure(qt_messages: Sequence[str], environ: Mapping[str, str] | None = None
                     ) -> str:
    """One line for Qt's fatal "no Qt platform plugin could be initialized", from the
    messages Qt printed before it."""
    environ = os.environ if environ is None else environ
    text = "\n".join(qt_messages)
    where = environ.get("WAYLAND_DISPLAY") or environ.get("DISPLAY") or "(none)"
    if "could not connect to display" in text:
        return f"The display {where} does not answer: {INSTEAD}."
    return (f"The window cannot start on display {where}: Qt's platform plugin did not load, "
            "most often because system libraries are missing (on Debian/Ubuntu: libxcb-icccm4, "
            f"libxcb-keysyms1, libxcb-xinerama0 and the others the README lists). Meanwhile, "
            f"{INSTEAD}.")
