"""The on-disk layout of published builds: which build is current, who reads it, who may delete it.

A store path such as `.sekg/store` is a symlink to one immutable build directory under `.sekg/store.builds/`.
Readers never open the symlink itself: they resolve it once and *pin* the build they resolved with a shared
`flock` on `<build>.pin`, so any number of processes read at once and keep reading while a build publishes.
A build takes the exclusive build lock, and only then removes old builds: never the current one, never
the one it replaced (kept as the previous build), never a pinned one. Directories left by builds that died
(a SIGKILL during writing or checking) are removed the same way, because no live build or reader holds them.

Why flock: it is released by the kernel when a process dies, so a killed reader or builder never leaves a
lock behind, and it needs no daemon.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

PIN_SUFFIX = ".pin"
BUILD_LOCK_NAME = ".build.lock"


def builds_dir(link: Path) -> Path:
    """Where the build directories of the store at `link` live."""
    return link.parent / f"{link.name}.builds"


def pin_path(build: Path) -> Path:
    """The lock file readers hold (shared) while they use a build directory."""
    return build.parent / f"{build.name}{PIN_SUFFIX}"


@dataclass
class Pin:
    """A shared lock on one build directory: while it is held, no build deletes the directory."""

    build: Path
    _fd: int | None

    def release(self) -> None:
        """Let the build directory be collected (closing the descriptor drops the flock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:  # a store dropped without close() still unpins
        self.release()


def _open_pin(build: Path) -> int | None:
    """Open (creating if allowed) the pin file; None where a read-only user cannot create it."""
    path = pin_path(build)
    try:
        return os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
    except PermissionError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None  # a read-only copy of a store nobody builds into: nothing can delete it under us


def current_build(link: Path) -> Path:
    """The build directory the store link points to now, or a StoreError saying how to get one."""
    if not link.is_symlink():
        if link.is_dir():
            return link  # a plain directory (e.g. a copied or downloaded store): read it as it is
        raise StoreError(f"No graph has been built at {link} yet. Run `sekg build` (or `make run`) first.")
    target = link.resolve()
    if not target.is_dir():
        raise StoreError(f"{link} points to {target}, which does not exist. Run `sekg build` to publish a new graph.")
    return target


def pin_current(link: Path, attempts: int = 50) -> Pin:
    """Resolve the store link and pin the build it names, retrying if a build collects it in between."""
    for _ in range(attempts):
        build = current_build(link)
        fd = _open_pin(build)
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a collector is deleting this very build
        if build.is_dir():
            return Pin(build, fd)
        if fd is not None:
            os.close(fd)
        time.sleep(0.01)
    raise StoreError(f"{link} kept changing while it was opened ({attempts} tries); is a build looping?")


class BuildLock:
    """The exclusive lock a build holds from its first write to its publish: one build per store at a time."""

    def __init__(self, link: Path):
        directory = builds_dir(link)
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / BUILD_LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "BuildLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                holder = self.path.read_text(encoding="utf-8").strip() or "another process"
                raise StoreError(f"Another build of this store is running ({holder}); wait for it to finish "
                                 "and build again.") from None
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}".encode())
        self._fd = fd
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _try_collect(build: Path) -> bool:
    """Delete one build directory unless a reader pins it; True if it was removed."""
    fd = _open_pin(build)
    if fd is None:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False  # a reader has it open
    try:
        shutil.rmtree(build, ignore_errors=True)
        pin_path(build).unlink(missing_ok=True)
    finally:
        os.close(fd)
    return True


def collect_old_builds(link: Path, keep: set[Path]) -> list[Path]:
    """Under the build lock: remove every build directory, pin file or swap link that is not kept and not
    pinned. Returns what was removed."""
    directory = builds_dir(link)
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    kept = {path.resolve() for path in keep}
    for entry in sorted(directory.iterdir()):
        if entry.name == BUILD_LOCK_NAME:
            continue
        if entry.name.endswith(PIN_SUFFIX):
            if not (directory / entry.name[:-len(PIN_SUFFIX)]).exists():
                entry.unlink(missing_ok=True)  # the pin of a build already gone
                removed.append(entry)
            continue
        if entry.resolve() in kept:
            continue
        if entry.is_dir() and _try_collect(entry):
            removed.append(entry)
        elif entry.is_file() and entry.suffix == ".nt":  # a graph file of a build killed while writing it
            entry.unlink(missing_ok=True)
            removed.append(entry)
    for stale in link.parent.glob(f".{link.name}.swap-*"):  # a publish killed between symlink and rename
        stale.unlink(missing_ok=True)
        removed.append(stale)
    return removed


def publish(link: Path, build: Path) -> Path | None:
    """Point the store link at `build` with one atomic rename; return the build it pointed to before (the caller
    has checked that the link is sekg's own)."""
    previous = link.resolve() if link.is_symlink() else None
    pin_path(build).touch()
    temporary_link = link.parent / f".{link.name}.swap-{os.getpid()}"
    if temporary_link.is_symlink() or temporary_link.exists():
        temporary_link.unlink()
    temporary_link.symlink_to(build.relative_to(link.parent))
    os.replace(temporary_link, link)  # atomic: readers resolve the old or the new build, never a half
    return previous
