"""End to end, as a desk runs it: a feed on loopback, `harmattan watch`, the event, one alert per material change."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from .servers import Item, Site, rss, wait_for

FOOTBALL = Item("desk-1", "Stadium reopens in Jos",
                "The renovated stadium in Jos reopened on Saturday with a friendly match watched by thousands of fans.")
BOKKOS = Item("desk-2", "Gunmen kill 12 villagers in Bokkos",
              "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday, residents and a local official said. "
              "The attackers arrived at night and set several houses on fire.")
BOKKOS_19 = Item("desk-2", "Gunmen kill 19 villagers in Bokkos",
                 "Gunmen killed 19 villagers in Bokkos, Plateau State, on Monday, residents and a local official said "
                 "on Wednesday, raising the toll as more bodies were recovered.",
                 published="Wed, 11 Jun 2025 09:00:00 GMT")


def run(cli, env, *args, check=True):
    proc = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120, env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "HARMATTAN_DB": str(tmp_path / "events.sqlite"), "HARMATTAN_CONFIG": "",
            "HARMATTAN_MONITOR_ALLOW_NETWORKS": "127.0.0.0/8", "HARMATTAN_MONITOR_HOST_INTERVAL_S": "0",
            "HARMATTAN_MONITOR_TIMEOUT_S": "2", "HARMATTAN_MONITOR_RETRIES": "0"}


@pytest.mark.slow
def test_new_item_event_and_one_alert_per_material_change(cli, env, tmp_path):
    feed = [FOOTBALL]
    with Site() as site:
        site.serve("/feed.xml", lambda: rss(feed))
        site.receive("/hook")
        run(cli, env, "sources", "add", site.url("/feed.xml"), "--name", "desk", "--every", "1s")
        added = run(cli, env, "alerts", "add", "--name", "plateau", "--admin1", "Plateau", "--min-fatalities", "5",
                    "--webhook", site.url("/hook")).stdout
        assert "Plateau" in added and "5+ deaths" in added
        watcher = subprocess.Popen([cli, "watch"], env=env, stderr=subprocess.PIPE, text=True)
        try:
            # the first poll (and the extraction models warming up on the football item)
            assert wait_for(lambda: site.hits("/feed.xml"), 60)
            assert wait_for(lambda: len(site.hits("/feed.xml")) >= 3, 30)  # it polls every second and gets 304s
            assert site.hits("/feed.xml")[-1].headers.get("if-none-match")  # conditional requests

            feed.append(BOKKOS)
            published = time.monotonic()
            assert wait_for(lambda: site.hits("/hook", "POST"), 30), "no alert"
            latency = site.hits("/hook", "POST")[0].at - published
            assert latency < 1.0 + 5.0, f"item to alert took {latency:.1f} s at a 1 s interval"
            alert = json.loads(site.hits("/hook", "POST")[0].body)
            assert alert["rule"] == "plateau" and alert["reason"] == "new event"
            assert alert["event"]["location"] == "Bokkos" and alert["event"]["fatalities"] == 12

            events = [json.loads(line) for line in run(cli, env, "events", "--country", "NG", "--format", "jsonl").stdout.splitlines()]
            assert [(e["location"], e["fatalities"]) for e in events] == [("Bokkos", 12)]

            feed[1] = BOKKOS_19  # the toll rises: the same item, edited
            assert wait_for(lambda: len(site.hits("/hook", "POST")) >= 2, 30), "no second alert"
            time.sleep(3.5)  # three more polling intervals: nothing new must fire
            posts = site.hits("/hook", "POST")
            assert len(posts) == 2
            again = json.loads(posts[1].body)
            assert again["reason"] == "fatalities 12 -> 19" and again["event"]["event_id"] == alert["event"]["event_id"]
            events = [json.loads(line) for line in run(cli, env, "events", "--country", "NG", "--format", "jsonl").stdout.splitlines()]
            assert [(e["location"], e["fatalities"]) for e in events] == [("Bokkos", 19)]
        finally:
            watcher.send_signal(signal.SIGTERM)
            try:
                _, err = watcher.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                watcher.kill()
                raise
        assert watcher.returncode == 0, err
        assert "SIGTERM" in err and "stopped after" in err

        listed = run(cli, env, "sources", "list").stdout
        assert "desk" in listed and " ok" in listed
        log = run(cli, env, "alerts", "log").stdout
        assert log.count("[plateau]") == 2 and "sent" in log
        feed_xml = run(cli, env, "alerts", "feed").stdout
        assert feed_xml.count("<entry>") == 2 and "Bokkos" in feed_xml

        # started again, it resumes: a 304 for the feed, nothing fetched or fired twice
        before = len(site.hits("/feed.xml"))
        out = run(cli, env, "watch", "--once")
        assert len(site.hits("/feed.xml")) == before + 1 and len(site.hits("/hook", "POST")) == 2
        assert "stopped after 1 polls" in out.stderr


def test_refusals_at_the_command_line(cli, env):
    bad = run(cli, env, "sources", "add", "http://10.1.2.3/feed", check=False)
    assert bad.returncode == 2 and "private" in bad.stderr
    bad = run(cli, env, "sources", "add", "file:///etc/passwd", check=False)
    assert bad.returncode == 2 and "only http and https" in bad.stderr
    bad = run(cli, env, "sources", "add", "http://127.0.0.1:9/feed", "--every", "soon", check=False)
    assert bad.returncode == 2 and "30s, 5m" in bad.stderr
    bad = run(cli, env, "alerts", "add", "--name", "x", "--webhook", "http://169.254.169.254/hook", check=False)
    assert bad.returncode == 2 and "link-local" in bad.stderr
    run(cli, env, "sources", "add", "http://127.0.0.1:9/feed", "--name", "a")
    dup = run(cli, env, "sources", "add", "http://127.0.0.1:9/feed", "--name", "b", check=False)
    assert dup.returncode == 1 and "exists" in dup.stderr
    assert "removed" in run(cli, env, "sources", "remove", "a").stdout
    assert run(cli, env, "sources", "remove", "a", check=False).returncode == 1
