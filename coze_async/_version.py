__version__ = "0.1.0"

#: This package's version (cozepy's name for it; the same as ``__version__``).
VERSION = __version__
