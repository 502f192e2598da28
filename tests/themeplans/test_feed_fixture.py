"""The demo feeds read from the event log say what they said when they were worked out from
all history: the same items, guids, links, moments and words, in Norwegian and in English.

demo_feeds.json was captured from the code before the event log, at the same fixed clock, with
the same moments set (demo_feeds.fix_moments)."""

import json
from pathlib import Path

import pytest
import time_machine

from tests.themeplans.demo_feeds import NOW, feed_items, fix_moments, oslo
from themeplans.events import record_all

BEFORE = Path(__file__).with_name("demo_feeds.json")


@pytest.mark.django_db
def test_the_demo_feeds_are_the_same_as_before_the_event_log(client, demo_site):
    with time_machine.travel(oslo(*NOW.timetuple()[:5]), tick=False):
        fix_moments()
        record_all()  # what the data migration does on deploy
        items = feed_items(client)
    assert items == json.loads(BEFORE.read_text(encoding="utf-8"))
