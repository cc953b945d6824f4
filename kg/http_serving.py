"""Running the HTTP servers (`sekg api`, `sekg serve`) with the limits a shared server needs.

uvicorn answers an oversized request line or header with a bare 400 (or resets the connection) and never
times out a client that sends half a request. Here the first request head of every connection is watched:
a request line over MAX_REQUEST_LINE bytes answers 414, a head over MAX_HEAD bytes 431, and a head not
complete within HEAD_TIMEOUT_S seconds 408; idle keep-alive connections close after KEEP_ALIVE_S seconds.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable

from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_REQUEST_LINE = 16 * 1024
MAX_HEAD = 64 * 1024
HEAD_TIMEOUT_S = 10.0
KEEP_ALIVE_S = 5

_REASONS = {408: "Request Timeout", 414: "URI Too Long", 431: "Request Header Fields Too Large"}


class LimitedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with limits on the size and arrival time of a request head."""

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._head = bytearray()
        self._head_open = True
        self._head_timer = asyncio.get_running_loop().call_later(HEAD_TIMEOUT_S, self._refuse, 408)

    def data_received(self, data: bytes) -> None:
        if self._head_open:
            self._head += data
            end = self._head.find(b"\r\n\r\n")
            head = self._head if end < 0 else self._head[:end]
            line_end = head.find(b"\r\n")
            if (line_end if line_end >= 0 else len(head)) > MAX_REQUEST_LINE:
                return self._refuse(414)
            if len(head) > MAX_HEAD:
                return self._refuse(431)
            if end >= 0:
                self._head_open = False
                self._head = bytearray()
                self._head_timer.cancel()
        super().data_received(data)

    def _refuse(self, status: int) -> None:
        if not self._head_open or self.transport.is_closing():
            return
        self._head_open = False
        self._head_timer.cancel()
        body = f'{{"error": "{_REASONS[status].lower()}"}}'.encode()
        self.transport.write(f"HTTP/1.1 {status} {_REASONS[status]}\r\ncontent-type: application/json\r\n"
                             f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode() + body)
        self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_timer.cancel()
        super().connection_lost(exc)


def run_server(app: Any, host: str, port: int, *, on_stop: Callable[[], None] = lambda: None) -> None:
    """Serve app on host:port until interrupted, with the limits above; on_stop runs afterwards."""
    import uvicorn
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", http=LimitedH11Protocol,
                            timeout_keep_alive=KEEP_ALIVE_S, h11_max_incomplete_event_size=MAX_HEAD + 1024)
    try:
        uvicorn.Server(config).run()
    finally:
        on_stop()
