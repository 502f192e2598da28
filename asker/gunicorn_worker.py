"""Gunicorn's threaded worker, refusing new connections as soon as it is told to stop.

On SIGTERM gunicorn's gthread worker stops accepting but keeps its copy of the listening socket
open until its last request has finished (up to graceful_timeout). The kernel goes on
completing connections into the socket's backlog meanwhile, and nobody accepts them: a client
that connected after SIGTERM hung until the worker exited. This worker closes its copy at once,
so once the master and every worker have closed theirs, a new connection is refused and a proxy
can try another instance, while requests in flight finish. It also marks the process as
draining (asker/draining.py), so readiness answers 503 on connections that are already open.
"""

from gunicorn.workers.gthread import ThreadWorker

from asker import draining


class DrainingThreadWorker(ThreadWorker):
    def handle_exit(self, sig, frame):
        draining.start()
        super().handle_exit(sig, frame)
        if self.booted:
            # A signal handler must not touch the poller the main loop is using: the loop runs
            # this itself, before it leaves to finish the requests in flight.
            self.method_queue.defer(self._stop_listening)
        else:  # still loading the application, the poller unused: close at once
            self._close_listeners()

    def set_accept_enabled(self, enabled):
        # Once told to stop (even while booting), never start accepting again.
        super().set_accept_enabled(enabled and self.alive)

    def _stop_listening(self):
        self.set_accept_enabled(False)
        self._close_listeners()

    def _close_listeners(self):
        for listener in self.sockets:
            listener.close()
