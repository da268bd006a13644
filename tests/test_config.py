from __future__ import annotations

from pathlib import Path

import pytest

from jogg_mcp.config import DEFAULT_BASE_URL, ConfigError, Settings, is_unset


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "${JOGG_API_KEY}", "$JOGG_API_KEY", "<your-api-key>", "YOUR_API_KEY", "${input:jogg_key}"],
)
def test_placeholders_count_as_missing(value: str | None) -> None:
    assert is_unset(value)
    env = {} if value is None else {"JOGG_API_KEY": value}
    assert Settings.load(env).api_key is None


def test_real_key_is_kept_secret() -> None:
    settings = Settings.load({"JOGG_API_KEY": "  jk_live_123456  "})
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "jk_live_123456"
    assert "jk_live_123456" not in repr(settings)
    assert "jk_live_123456" not in str(settings.model_dump())


def test_defaults() -> None:
    settings = Settings.load({})
    assert settings.base_url == DEFAULT_BASE_URL
    assert (settings.connect_timeout, settings.read_timeout, settings.max_retries) == (10.0, 30.0, 3)
    assert settings.allowed_dirs == ()


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    env = {
        "JOGG_BASE_URL": "ftp://api.jogg.ai",
        "JOGG_READ_TIMEOUT": "soon",
        "JOGG_CONNECT_TIMEOUT": "0",
        "JOGG_MAX_RETRIES": "-1",
        "JOGG_ALLOWED_DIRS": f"{tmp_path}:/definitely/not/here:relative/dir",
        "JOGG_LOG_LEVEL": "chatty",
    }
    with pytest.raises(ConfigError) as caught:
        Settings.load(env)
    text = str(caught.value)
    for fragment in (
        "JOGG_BASE_URL='ftp://api.jogg.ai'",
        "JOGG_READ_TIMEOUT='soon'",
        "JOGG_CONNECT_TIMEOUT='0'",
        "JOGG_MAX_RETRIES='-1'",
        "JOGG_LOG_LEVEL='CHATTY'",
    ):
        assert fragment in text
    assert len(caught.value.problems) == 5  # the allowed folders are explained by upload_asset instead


def test_bad_allowed_folders_do_not_stop_the_server(tmp_path: Path) -> None:
    settings = Settings.load({"JOGG_ALLOWED_DIRS": f"{tmp_path}:/definitely/not/here:relative/dir"})
    assert settings.allowed_dirs == (tmp_path.resolve(),)
    assert settings.allowed_dir_problems == (
        "JOGG_ALLOWED_DIRS entry '/definitely/not/here': is not an existing folder",
        "JOGG_ALLOWED_DIRS entry 'relative/dir': must be an absolute path",
    )


@pytest.mark.parametrize("url", ["https://api.jogg.ai/v2", "https://api.jogg.ai/v1/", "http://127.0.0.1:8787/api"])
def test_a_base_url_with_a_path_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="origin only"):
        Settings.load({"JOGG_BASE_URL": url})
    assert Settings.load({"JOGG_BASE_URL": "https://api.jogg.ai/"}).base_url == "https://api.jogg.ai"


def test_plain_http_only_on_loopback() -> None:
    with pytest.raises(ConfigError, match="unencrypted"):
        Settings.load({"JOGG_BASE_URL": "http://api.jogg.ai"})
    assert Settings.load({"JOGG_BASE_URL": "http://127.0.0.1:8787/"}).base_url == "http://127.0.0.1:8787"
    assert Settings.load({"JOGG_BASE_URL": "http://localhost:9"}).base_url == "http://localhost:9"


def test_flags_override_environment(tmp_path: Path) -> None:
    settings = Settings.load(
        {"JOGG_BASE_URL": "https://a.example", "JOGG_LOG_LEVEL": "INFO"},
        {"base_url": "https://b.example", "log_level": "debug", "allowed_dirs": [str(tmp_path)], "api_key": None},
    )
    assert settings.base_url == "https://b.example"
    assert settings.log_level == "DEBUG"
    assert settings.allowed_dirs == (tmp_path.resolve(),)
