"""The one place the version is written (pyproject reads it; `sekg --version`, the API and releases show it)."""
__version__ = "0.2.0"
