"""The one place where errors become exit statuses: each kind of error, raised by a real command of a real group."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from harmattan.cli import INTERNAL_ERROR, LazyGroup
from harmattan.errors import (
    ConfigError, DocumentTimeout, HarmattanError, InputsRejected, OutputError, StoreCorrupt, StoreTooNew,
    StoreUnavailable, UsageError,
)


def _group_raising(error: BaseException) -> click.Group:
    @click.group(cls=LazyGroup)
    def group():
        pass

    @group.command()
    def fail():
        raise error

    return group


@pytest.mark.parametrize(("error", "status"), [
    (InputsRejected("2 inputs rejected"), 1),
    (DocumentTimeout("took longer"), 1),
    (UsageError("bad"), 2),
    (ConfigError("unknown settings: x"), 2),
    (OutputError("cannot write out.csv: No space left on device"), 2),
    (StoreUnavailable("cannot create the folder"), 3),
    (StoreCorrupt("damaged"), 3),
    (StoreTooNew("schema version 99"), 3),
])
def test_each_error_of_the_tree_has_its_status_and_a_message_not_a_traceback(error, status):
    result = CliRunner().invoke(_group_raising(error), ["fail"])
    assert result.exit_code == status
    assert f"harmattan: error: {error}" in result.output and "Traceback" not in result.output


def test_every_error_of_the_tree_is_a_harmattan_error():
    for cls in (InputsRejected, DocumentTimeout, UsageError, ConfigError, OutputError, StoreUnavailable, StoreCorrupt,
                StoreTooNew):
        assert issubclass(cls, HarmattanError)
    assert issubclass(ConfigError, ValueError)  # callers that caught the settings' ValueError still do


def test_an_os_error_is_a_usage_error_and_a_bug_is_not_bad_input():
    result = CliRunner().invoke(_group_raising(PermissionError(13, "Permission denied", "/out.csv")), ["fail"])
    assert result.exit_code == 2 and "/out.csv: Permission denied" in result.output
    bug = CliRunner().invoke(_group_raising(KeyError("oops")), ["fail"])
    assert bug.exit_code == INTERNAL_ERROR and "internal error" in bug.output and bug.exit_code != 1


def test_click_usage_errors_keep_their_status():
    result = CliRunner().invoke(_group_raising(click.BadParameter("no")), ["fail"])
    assert result.exit_code == 2


def test_the_store_failing_under_a_command_is_status_3(tmp_path):
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{tmp_path / 'not-a-store.sqlite'}")
    (tmp_path / "not-a-store.sqlite").write_bytes(b"this is no database, just text" * 200)

    @click.group(cls=LazyGroup)
    def group():
        pass

    @group.command()
    def query():
        with engine.connect() as conn:
            conn.execute(text("SELECT * FROM events"))

    result = CliRunner().invoke(group, ["query"])
    assert result.exit_code == 3 and "not a database" in result.output and "Traceback" not in result.output
