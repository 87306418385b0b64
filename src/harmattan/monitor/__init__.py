"""Live monitoring: sources polled on schedules, alert rules, the weekly brief.

Modules keep network, database and pure work apart:

* :mod:`.config` the monitor's settings (``[monitor]`` in the TOML file, ``HARMATTAN_MONITOR_*``);
* :mod:`.safety` which addresses may be fetched (pure, plus one DNS lookup);
* :mod:`.fetch` HTTP (``fetch_*``, ``post_*``): the only module that opens connections;
* :mod:`.feeds` feeds, sitemaps and pages into items and documents (pure);
* :mod:`.tables` and :mod:`.state` the monitor's tables (``save_*`` / ``load_*``);
* :mod:`.rules` alert rules matched against event records (pure);
* :mod:`.alerts` checking rules after an ingest, the alert log, delivery, the Atom feed;
* :mod:`.watch` the polling loop; :mod:`.brief` and :mod:`.svg` the weekly brief;
* :mod:`.cli` the ``sources``, ``watch``, ``alerts`` and ``brief`` commands.

Nothing is imported or connected at import time.
"""
