"""BoneAge model core: image reading, preprocessing, the predictor and (with the ``train``
extra) training and export.

Nothing in this package imports Qt, so the command line, the tests and the desktop app share
one implementation of every step between a file on disk and a bone age.
"""

__version__ = "0.1.0"
