"""Loopback server helpers shared by the cross-engine tests and the benchmark harness: ports, readiness, stopping."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process, seconds: float = 60) -> None:
    """Poll a SPARQL endpoint until it answers ASK {}; fail early if the server process exits."""
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
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass
class VirtuosoServer:
    """A throw-away Virtuoso on loopback: its process, SPARQL endpoint and isql port."""

    process: subprocess.Popen
    url: str
    sql_port: int
    directory: Path

    def isql(self, statements: str, timeout: float = 3600) -> None:
        """Run SQL/SPARQL statements as dba through isql."""
        subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={statements}"], check=True,
                       capture_output=True, timeout=timeout)

    def bulk_load_nquads(self, path: Path) -> None:
        """Virtuoso's own bulk loader on an N-Quads file (copied into the server's allowed directory)."""
        target = self.directory / "load"
        target.mkdir(exist_ok=True)
        shutil.copy(path, target / path.name)
        self.isql(f"ld_dir('{target}', '{path.name}', 'urn:sekg:unused'); rdf_loader_run(); checkpoint;")


def virtuoso_installed() -> bool:
    """Whether the Debian package virtuoso-opensource (virtuoso-t and isql-vt) is on PATH."""
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


def start_virtuoso(directory: Path, buffers: int = 20000) -> VirtuosoServer:
    """Start Virtuoso on free loopback ports with its database in directory; the anonymous SPARQL user may
    write through the graph store protocol (a throw-away instance only)."""
    sql_port, http_port = free_port(), free_port()
    (directory / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=directory, sql_port=sql_port, http_port=http_port,
                                                                buffers=buffers, dirty_buffers=buffers * 3 // 5))
    process = subprocess.Popen(["virtuoso-t", "+configfile", str(directory / "virtuoso.ini"), "+foreground"],
                               cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = VirtuosoServer(process, f"http://127.0.0.1:{http_port}/sparql", sql_port, directory)
    try:
        wait_for_http(server.url, process)
        server.isql('GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);', timeout=60)
    except BaseException:
        stop(process)
        raise
    return server
