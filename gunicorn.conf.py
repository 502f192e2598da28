"""Gunicorn settings for the container; every value can be tuned from the environment."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# 2×CPU+1 is gunicorn's rule of thumb; the cap keeps memory bounded on big hosts, since every
# worker holds its own copy of Django and Wagtail. sched_getaffinity respects CPU pinning.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * len(os.sched_getaffinity(0)) + 1, 8))
# Two threads per worker let a slow client or database call not block the whole process.
# Measured with bench/throughput.py (plan page from gunicorn, 2 workers, c16, a host at load 14):
# 1 thread 4 rps, 2 threads 5–8 rps, 4 threads 4 rps; 3 workers instead of 2: 4 rps. Rendering is
# CPU-bound, so more threads or workers than the rule below buy nothing; the differences are
# within this host's noise, so the rule and 2 threads stay.
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

# Each worker loads Django and Wagtail itself (preload_app off). A boot costs 8.9–10.5 s on this
# 2-core host under load (`python -c "import asker.wsgi"`), then ~1 s for the first request.
# preload_app would pay that once in the master, but the master then listens only after it (the
# port refuses connections for those seconds, and tests/ops/test_graceful_shutdown.py's drain
# while booting no longer applies), and SIGHUP stops reloading code. With the rare restarts
# below, a worker boots about once per container start, so preloading would save little.
preload_app = False

# Recycle a worker only after many requests, as a guard against slow memory growth. At 1000
# (before #18) each worker restarted about every ten seconds under load: 36 boots in 35,800
# requests in the outside comparison, each stalling requests for 1–2 s, even a static file.
# bench/throughput.py with GUNICORN_CMD_ARGS="--max-requests 100" showed the same stalls as p99
# (one noisy run on a loaded host: 2,031 ms at c1 for the plan page against 781 ms with
# restarts off). At 50,000 (± the jitter, so the workers do not restart together) the outside
# comparison's 35,800 requests recycle no worker at all; a site of this size serves that many
# requests to the app in days, the cache in front (deploy/varnish/) answering most of them.
max_requests = 50000
max_requests_jitter = 5000

# The worker heartbeat file on tmpfs, so a slow or overlay-backed /tmp cannot stall workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Gunicorn ≥ 25 opens a control socket under $HOME, which the read-only non-root user cannot
# create; the container runtime, not gunicornc, manages this process.
control_socket_disable = True
