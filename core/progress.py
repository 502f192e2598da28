"""Progress lines for management commands that may run for minutes (export, anonymisation):
an operator watching a terminal or a cron log sees that work goes on and how far it is."""

import time


class Progress:
    """Call `step()` per item: a line each time another tenth is done, so the output stays ten
    lines for a million items and still moves for ten."""

    def __init__(self, stdout, label, total):
        self.stdout, self.label, self.total = stdout, label, max(total, 1)
        self.done = 0
        self.started = time.monotonic()

    def step(self, count=1):
        tenths_before = self.done * 10 // self.total
        self.done += count
        if self.done * 10 // self.total > tenths_before:
            seconds = time.monotonic() - self.started
            share = min(100, self.done * 100 // self.total)
            self.stdout.write(
                f"{self.label}: {self.done} av {self.total} ({share} %, {seconds:.1f} s)\n"
            )
