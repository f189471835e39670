"""BoneAge application layer: the command line (Qt-free) and, in ``app.views``, the window."""
