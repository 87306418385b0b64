"""Settings of the web app (one frozen value passed to the app factory).

>>> WebConfig(db_url="events.sqlite").session_hours
12.0
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WebConfig:
    db_url: str | None = None  # None: the store's default (``$HARMATTAN_DB`` or the user's data folder)
    tile_url: str = ""  # optional online tile layer (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png); empty: offline only
    tile_attribution: str = ""
    session_hours: float = 12.0  # a sign-in lasts this long
    secure_cookies: bool = False  # set when served behind HTTPS
    secret: str = field(default_factory=lambda: secrets.token_hex(32), repr=False)  # signs CSRF tokens
    max_page_size: int = 1000  # events per API page
    max_export_rows: int = 1_000_000
    sign_in_attempts: int = 5  # failed sign-ins of one account within the window before it must wait
    sign_in_address_attempts: int = 20  # failed sign-ins from one address within the window
    sign_in_window_s: float = 900.0

    @classmethod
    def from_env(cls, env=None, **overrides) -> "WebConfig":
        """Defaults < ``HARMATTAN_TILE_URL`` / ``HARMATTAN_SECRET`` / ``HARMATTAN_SESSION_HOURS`` < ``overrides``."""
        env = os.environ if env is None else env
        values: dict = {}
        if env.get("HARMATTAN_TILE_URL"):
            values["tile_url"] = env["HARMATTAN_TILE_URL"]
        if env.get("HARMATTAN_TILE_ATTRIBUTION"):
            values["tile_attribution"] = env["HARMATTAN_TILE_ATTRIBUTION"]
        if env.get("HARMATTAN_SECRET"):
            values["secret"] = env["HARMATTAN_SECRET"]
        if env.get("HARMATTAN_SESSION_HOURS"):
            values["session_hours"] = float(env["HARMATTAN_SESSION_HOURS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
