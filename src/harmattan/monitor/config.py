"""The monitor's settings: default < ``[monitor]`` in the TOML file < ``HARMATTAN_MONITOR_*`` < flags.

They live apart from :class:`harmattan.settings.Settings` but are read from the
same file (``$HARMATTAN_CONFIG`` or ``./harmattan.toml``, table ``[monitor]``).

>>> s = load_monitor_settings(env={"HARMATTAN_MONITOR_TIMEOUT_S": "1.5",
...                                "HARMATTAN_MONITOR_ALLOW_NETWORKS": "127.0.0.0/8, ::1"}, config_path=None)
>>> s.timeout_s, s.allow_networks
(1.5, ('127.0.0.0/8', '::1'))
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping

from .. import __version__
from ..settings import load_section


@dataclass(frozen=True)
class MonitorSettings:
    # HTTP
    user_agent: str = f"Harmattan/{__version__} (security-news monitor; +https://github.com/harmattan)"
    timeout_s: float = 20.0  # connect and read timeout of one request
    fetch_deadline_s: float = 60.0  # a whole response (a server trickling bytes) must arrive within this
    max_bytes: int = 10 * 1024 * 1024  # a response is read up to here, then dropped
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a connection error, a timeout, a 429 or a 5xx
    backoff_s: float = 2.0  # wait before retry n is backoff_s * 2**n (or the server's Retry-After, capped)
    host_interval_s: float = 2.0  # politeness: at least this long between two requests to one host
    allow_networks: tuple[str, ...] = ()  # private/loopback networks that may be fetched anyway (CIDR)
    # Sources
    default_every_s: float = 300.0
    fetch_articles: bool = True  # a feed item whose text is a teaser: fetch the page it links to
    teaser_chars: int = 600  # ... "a teaser" is shorter than this
    max_items_per_poll: int = 100  # feed items or sitemap pages handled per poll (the rest next time)
    silence_factor: float = 3.0  # silent: no new item for this many times the usual gap ...
    silence_min_s: float = 6 * 3600.0  # ... and at least this long
    # Alerts
    alert_min_change: int = 5  # an alert fires again when the toll changes by this many ...
    alert_min_change_pct: float = 20.0  # ... or by this share
    webhook_timeout_s: float = 10.0
    smtp_host: str = ""  # email alerts are off without it
    smtp_port: int = 25
    smtp_from: str = "harmattan@localhost"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False


def load_monitor_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_path: str | os.PathLike | None = "auto",
) -> MonitorSettings:
    """Build the monitor settings from defaults, the TOML file's ``[monitor]`` table, the environment and overrides."""
    return load_section(MonitorSettings, "monitor", "HARMATTAN_MONITOR_", overrides, env, config_path)
