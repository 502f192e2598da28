"""The loopback services bench/drill.py runs the site on: child processes it owns (Redis, the
S3 server, gunicorn, the worker), each with its log under one temporary folder and stopped with
its whole process group, and an SMTP sink in this process that counts what it is sent.

Nothing here knows the site; bench/drill.py says what to start and what to check.
"""

import contextlib
import email.parser
import email.policy
import os
import signal
import socket
import socketserver
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path


class DrillError(Exception):
    """A step that could not be done: the message says which and why."""


def free_port():
    """A TCP port nothing listens on now (the kernel's choice), on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what, ready, timeout, interval=0.2):
    """Call `ready()` until it is true; DrillError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(interval)
    raise DrillError(f"{what}: not ready within {timeout} s")


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Processes:
    """Child processes started in their own process groups, so stopping one stops what it
    started too (gunicorn's workers); every one is stopped by stop_all(), however the run ends."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.running = {}  # name: (Popen, log path)

    def start(self, name, argv, env=None, cwd=None):
        if name in self.running and self.running[name][0].poll() is None:
            raise DrillError(f"{name} is already running")
        log = self.folder / f"{name}.log"
        with log.open("ab") as output:
            process = subprocess.Popen(
                argv,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running[name] = (process, log)
        return process

    def alive(self, name):
        return name in self.running and self.running[name][0].poll() is None

    def stop(self, name, timeout=15):
        """SIGTERM to the group, SIGKILL after `timeout` seconds; the exit code."""
        process, _log = self.running[name]
        if process.poll() is None:
            self._signal(process, signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._signal(process, signal.SIGKILL)
                process.wait(timeout=5)
        return process.returncode

    def stop_all(self):
        for name in reversed(list(self.running)):
            try:
                self.stop(name, timeout=10)
            except (OSError, subprocess.TimeoutExpired) as error:
                print(f"could not stop {name}: {error}")

    def tail(self, name, lines=25):
        _process, log = self.running[name]
        try:
            return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def log_of(self, name):
        return self.running[name][1]

    @staticmethod
    def _signal(process, number):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, number)


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    timeout = 30

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        sink = self.server.sink
        if sink.black_hole.is_set():
            # Accepts the connection and never answers, as the server in issue #17 did.
            sink.black_hole_connections += 1
            with contextlib.suppress(OSError):
                self.rfile.read(1)  # until the client gives up (or the socket timeout)
            return
        self.reply("220 drill SMTP sink")
        recipients = []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            command = line.decode("latin-1").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-drill")
                self.reply("250 8BITMIME")
            elif verb == "HELO" or verb == "NOOP":
                self.reply("250 OK")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.partition(":")[2].strip().strip("<>").split(">")[0]
                recipients.append(address.lower())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = bytearray()
                while True:
                    chunk = self.rfile.readline(1 << 20)
                    if not chunk or chunk == b".\r\n":
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                sink.received(recipients, bytes(data))
                recipients = []
                self.reply("250 OK queued")
            elif verb == "RSET":
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _ThreadingSmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    """Counts the mails it is sent per (recipient, subject). `black_hole` set: it accepts
    connections and never answers (to time a post against a mail server that hangs)."""

    def __init__(self):
        self.port = free_port()
        self.counts = Counter()
        self.black_hole = threading.Event()
        self.black_hole_connections = 0
        self._lock = threading.Lock()
        self._server = _ThreadingSmtpServer(("127.0.0.1", self.port), _SmtpSession)
        self._server.sink = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def received(self, recipients, data):
        message = email.parser.BytesParser(policy=email.policy.default).parsebytes(data)
        subject = " ".join(str(message.get("Subject", "")).split())
        with self._lock:
            for recipient in recipients:
                self.counts[recipient, subject] += 1

    def snapshot(self):
        with self._lock:
            return Counter(self.counts)

    def to(self, recipients):
        """{(recipient, subject): count} for these recipients."""
        wanted = {r.lower() for r in recipients}
        return {key: n for key, n in self.snapshot().items() if key[0] in wanted}

    def total(self):
        return sum(self.snapshot().values())
