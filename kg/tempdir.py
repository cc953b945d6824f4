"""Choosing the temp folder without Python's probe file (see choose_temp_dir)."""
from __future__ import annotations


def choose_temp_dir() -> None:
    """Name the temp folder before anything asks for it. Python's first tempfile.gettempdir() probes the folder by
    creating and deleting a file with a random 8-letter name; a build killed in that instant left the file behind
    (seen once in 24 kills). $TMPDIR/$TEMP/$TMP or /tmp, as tempfile itself would choose on Linux."""
    import os
    import tempfile
    if tempfile.tempdir is not None:
        return
    for candidate in (os.environ.get("TMPDIR"), os.environ.get("TEMP"), os.environ.get("TMP"), "/tmp", "/var/tmp"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            tempfile.tempdir = candidate
            return
