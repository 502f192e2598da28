"""Gunicorn settings for the container; every value can be tuned from the environment."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# 2×CPU+1 is gunicorn's rule of thumb; the cap keeps memory bounded on big hosts, since every
# worker holds its own copy of Django and Wagtail. sched_getaffinity respects CPU pinning.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * len(os.sched_getaffinity(0)) + 1, 8))
# Two threads per worker let a slow client or database call not block the whole process.
# Gunicorn's gthread worker, which on SIGTERM also closes its listening socket at once (so a new
# connection is refused, not left hanging in the backlog) and turns /healthz/ready to 503.
worker_class = "asker.gunicorn_worker.DrainingThreadWorker"
threads = 2

# What limits a request, precisely:
# - Not `timeout`. With gthread it is the worker's heartbeat: the worker's main loop reports every
#   second whatever its threads are doing, so the master kills a worker only when that loop is
#   stuck for `timeout` seconds. A request thread runs as long as its code does.
# - DATABASE_STATEMENT_TIMEOUT, which this file sets for the web processes (PostgreSQL only;
#   0 turns it off): PostgreSQL cancels any one statement of a request after that many seconds,
#   and the request answers with an error page (the form with its 503 page that keeps the text).
# - The front proxy's read timeout (nginx's proxy_read_timeout, 60 s unless set): the client is
#   answered 504 and stops waiting, though the worker's thread runs on to its end.
# - graceful_timeout: after SIGTERM, requests in flight get this long, then the worker exits.
# Python that runs long between queries (building a big export) is bounded only by the proxy's
# timeout for the client; such work belongs in the task worker, not in a request.
timeout = 30
graceful_timeout = 30
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "30")

# Logs go to stdout/stderr so the container runtime collects them.
accesslog = "-"
logger_class = "participation.log_privacy.GunicornLogger"  # masks senders' private links
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Only trust X-Forwarded-* from the TLS proxy; set to its address (or "*" on a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Recycle workers now and then so slow memory growth never takes the site down; the jitter
# stops all workers from restarting at the same moment.
max_requests = 1000
max_requests_jitter = 100

# The worker heartbeat file on tmpfs, so a slow or overlay-backed /tmp cannot stall workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Gunicorn ≥ 25 opens a control socket under $HOME, which the read-only non-root user cannot
# create; the container runtime, not gunicornc, manages this process.
control_socket_disable = True
