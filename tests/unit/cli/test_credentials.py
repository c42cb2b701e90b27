"""Where `vern login` keeps the token: readable by the user only, and VERN_URL/VERN_TOKEN override it."""
import json
import os
import stat

import pytest

from vern_cli import credentials


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.delenv("VERN_URL", raising=False)
    monkeypatch.delenv("VERN_TOKEN", raising=False)
    return tmp_path


def test_the_file_is_created_readable_by_the_user_only_even_with_a_lax_umask(config_home):
    old = os.umask(0)
    try:
        path = credentials.save("http://vern.example/api/v1", "secret-token")
    finally:
        os.umask(old)
    assert path == config_home / "vern" / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert json.loads(path.read_text()) == {"url": "http://vern.example/api/v1", "token": "secret-token"}
    assert [p.name for p in path.parent.iterdir()] == ["credentials.json"]  # no temporary file left


def test_a_file_that_was_readable_by_others_becomes_0600_when_saved_again(config_home):
    path = config_home / "vern" / "credentials.json"
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    path.chmod(0o644)
    credentials.save("http://a/api/v1", "t")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_without_xdg_config_home_it_lives_in_dot_config(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert credentials.credentials_path() == tmp_path / ".config" / "vern" / "credentials.json"


def test_stored_credentials_are_used_and_the_environment_overrides_each_on_its_own(monkeypatch):
    credentials.save("http://stored/api/v1", "stored-token")
    assert credentials.current().url == "http://stored/api/v1"
    assert credentials.current().token == "stored-token"
    monkeypatch.setenv("VERN_TOKEN", "env-token")
    found = credentials.current()
    assert (found.url, found.token, found.source) == ("http://stored/api/v1", "env-token", "VERN_TOKEN")
    monkeypatch.setenv("VERN_URL", "http://env")
    assert credentials.current().url == "http://env"


def test_nothing_stored_means_no_token_and_the_local_gateway():
    found = credentials.current()
    assert found.token is None and found.url == credentials.DEFAULT_URL


def test_logout_removes_the_file():
    credentials.save("http://a/api/v1", "t")
    assert credentials.forget() is True
    assert not credentials.credentials_path().exists()
    assert credentials.forget() is False


def test_a_damaged_file_is_named_not_a_traceback(config_home):
    path = config_home / "vern" / "credentials.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(credentials.CredentialsError, match="vern logout"):
        credentials.current()
