"""Whether this process is shutting down. The gunicorn worker sets it when SIGTERM arrives
(asker/gunicorn_worker.py); from then on readiness answers 503, so a load balancer that still
reaches the instance (on a kept-alive connection) takes it out while its last requests finish.

Nothing here imports Django: the gunicorn master loads this module before Django is set up."""

import threading

_draining = threading.Event()


def start():
    _draining.set()


def is_draining():
    return _draining.is_set()
