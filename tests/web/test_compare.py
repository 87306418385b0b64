"""Two periods side by side, with every other filter applied to both."""
from __future__ import annotations

import re


def test_compare_two_periods(client):
    html = client.get("/compare", params={"since": "2025-04-01", "until": "2025-06-30",
                                          "since_b": "2024-04-01", "until_b": "2024-06-30"}).text
    table = html.split('id="compare-type"')[1].split("</table>")[0]
    rows = {m[0]: (int(m[1]), int(m[2])) for m in re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td class="num">(\d+)</td><td class="num">(\d+)</td>', table)}
    for event_type, (a, b) in rows.items():
        assert a == client.get("/api/events", params={"type": event_type, "since": "2025-04-01",
                                                      "until": "2025-06-30"}).json()["total"]
        assert b == client.get("/api/events", params={"type": event_type, "since": "2024-04-01",
                                                      "until": "2024-06-30"}).json()["total"]
    assert sum(a for a, _ in rows.values()) > 0 and sum(b for _, b in rows.values()) > 0


def test_compare_defaults_to_the_period_before_and_keeps_filters(client):
    html = client.get("/compare", params={"country": "NG", "since": "2025-01-01", "until": "2025-06-30"}).text
    assert 'name="since_b" value="2024-07-04"' in html and 'name="until_b" value="2024-12-31"' in html
    assert '<input type="hidden" name="country" value="NG">' in html
    countries = re.findall(r'<th scope="row">(\w\w)</th>', html.split('id="compare-country"')[1].split("</table>")[0])
    assert countries == ["NG"]
    assert client.get("/compare", params={"since_b": "soon"}, headers={"Accept": "text/html"}).status_code == 422
