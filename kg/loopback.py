"""Loopback server helpers shared by the cross-engine tests and the benchmark harness: ports, readiness, stopping."""
from __future__ import annotations

import socket


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process, seconds: float = 60) -> None:
    """Poll a SPARQL endpoint until it answers ASK {}; fail early if the server process exits."""
    import time
    import urllib.request
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up") from None
            time.sleep(0.3)


def stop(process, seconds: float = 30) -> None:
    """Stop a server process by its PID: terminate, then kill if it does not exit."""
    import subprocess
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
