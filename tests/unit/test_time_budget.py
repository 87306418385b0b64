"""The per-document time budget: a stuck regular expression is interrupted, the process is left as it was."""
from __future__ import annotations

import dataclasses
import re
import signal
import threading

import pytest

from harmattan.budget import DocumentTimeout, within_budget
from harmattan.pipeline import run_pipeline
from harmattan.records import Document, LoadError
from harmattan.settings import Settings

CATASTROPHIC = re.compile(r"(a+)+$")  # backtracks for hours on "aaaa...b"


def stuck() -> None:
    CATASTROPHIC.match("a" * 40 + "b")


def test_a_stuck_regular_expression_is_interrupted_and_nothing_is_left_armed():
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(DocumentTimeout, match="time budget of 0.2 s"):
        within_budget(0.2, stuck)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    assert within_budget(5, lambda: "next document") == "next document"


def test_code_that_swallows_exceptions_is_still_interrupted():
    def stubborn() -> None:
        while True:
            try:
                stuck()
            except Exception:  # noqa: BLE001 - what careless library code does
                pass

    with pytest.raises(DocumentTimeout):
        within_budget(0.2, stubborn)


def test_errors_of_the_call_pass_through_unchanged():
    with pytest.raises(ZeroDivisionError):
        within_budget(5, lambda: 1 / 0)


def test_outside_the_main_thread_the_call_runs_without_a_budget():
    out: list = []
    thread = threading.Thread(target=lambda: out.append(within_budget(0.001, sum, range(3_000_000))))
    thread.start()
    thread.join()
    assert out == [sum(range(3_000_000))]  # tens of ms: over 1 ms, yet not interrupted


def test_the_pipeline_reports_and_skips_documents_over_budget_and_goes_on():
    docs = [Document(f"d{i}", f"doc-{i}.txt", "Gunmen killed 12 villagers in Djibo, Burkina Faso, on Monday.")
            for i in range(3)]
    tiny = dataclasses.replace(Settings(), document_time_budget_s=1e-6)
    result = run_pipeline([docs[0], LoadError("bad.txt", "empty file"), docs[1], docs[2]], tiny)
    skipped = [e for e in result.errors if "skipped: extraction took longer than the time budget" in e.message]
    assert [e.origin for e in skipped] == ["doc-0.txt", "doc-1.txt", "doc-2.txt"] and result.failed
    assert result.events == []
    again = run_pipeline(docs, Settings())  # the same process, the default budget: nothing was left broken
    assert again.errors == [] and again.events
