"""Where participation on a plan stands at a moment, from rounds already loaded (no queries)."""

from participation.models import RoundState


def summarise(rounds, now):
    """The rounds in order, the open ones (soonest deadline first), the next to open and the
    last to have closed: what the plan page, the cards and the closed page call attention to."""
    ordered = sorted(rounds, key=lambda r: (r.opens_at, r.pk))
    by_state = {state: [] for state in RoundState.values}
    for item in ordered:
        by_state[item.state_at(now)].append(item)
    return {
        "rounds": ordered,
        "open": sorted(by_state[RoundState.OPEN], key=lambda r: r.closes_at),
        "upcoming": next(iter(by_state[RoundState.UPCOMING]), None),
        "last_closed": max(by_state[RoundState.CLOSED], key=lambda r: r.closes_at, default=None),
    }
