"""Varnish on loopback with the repository's VCL (deploy/varnish/default.vcl) in front of an
app on 127.0.0.1: for tests/ops/test_front_cache.py and bench/throughput.py.

Only the backends differ from production: a backends.vcl of our own, first on varnishd's
vcl_path, points at the given port instead of compose's app1 and app2.
"""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
BACKENDS = """\
backend app1 {{
    .host = "127.0.0.1";
    .port = "{port}";
    .first_byte_timeout = 60s;
}}

sub vcl_init {{
    new app = directors.round_robin();
    app.add_backend(app1);
}}
"""


def varnishd():
    """The varnishd program, or None (apt-get install -y varnish)."""
    places = ("/usr/sbin/varnishd", "/usr/local/sbin/varnishd")  # sbin: not on every PATH
    return shutil.which("varnishd") or next((p for p in places if Path(p).exists()), None)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        time.sleep(0.1)
    return False


def _answers_as_varnish(port):
    """Whether what listens on the port is our Varnish: it marks every answer with X-Cache."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz/live")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers.get("X-Cache") is not None
    except urllib.error.HTTPError as error:
        return error.headers.get("X-Cache") is not None
    except OSError:
        return False


def _start(program, folder, memory):
    """varnishd on a free port: (process, port, log), or None when the port was not its own.
    A free port can be taken by another process (a parallel test's server) between choosing
    it and varnishd binding it; the port then answered, and varnishd exited."""
    port = free_port()
    log = (folder / "varnishd.log").open("w")
    process = subprocess.Popen(
        [
            program,
            "-F",  # in the foreground, so stopping this process stops Varnish
            "-j",
            "none",  # as the user running this, whoever that is
            "-n",
            str(folder / "work"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            f"127.0.0.1:{free_port()}",
            "-f",
            str(VCL),
            "-p",
            f"vcl_path={folder}:{VCL.parent}",
            "-s",
            f"malloc,{memory}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    if wait_for_port(port, 60, process) and _answers_as_varnish(port) and process.poll() is None:
        return process, port, log
    _stop(process, log)
    return None


def _stop(process, log):
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


@contextlib.contextmanager
def running(backend_port, memory="64m", attempts=3):
    """varnishd in the foreground on a free loopback port, in front of 127.0.0.1:backend_port;
    yields its base URL ("http://127.0.0.1:N") and stops it afterwards."""
    program = varnishd()
    if program is None:
        raise FileNotFoundError("varnishd not found (apt-get install -y varnish)")
    folder = Path(tempfile.mkdtemp(prefix="asker-varnish-"))
    (folder / "backends.vcl").write_text(BACKENDS.format(port=backend_port))
    try:
        for _attempt in range(attempts):
            started = _start(program, folder, memory)
            if started is not None:
                break
        else:
            raise RuntimeError(
                "varnishd did not start:\n" + (folder / "varnishd.log").read_text()[-3000:]
            )
        process, port, log = started
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(process, log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
