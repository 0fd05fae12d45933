"""Routes as configuration: secrets from env or files (never shown), defaults, watch rules."""

from __future__ import annotations

import pytest
from pydantic import SecretStr, ValidationError

from newswatch.errors import ConfigError
from newswatch.settings import load_settings
from newswatch.sinks.config import AlertConfig, RouteConfig
from newswatch.sinks.watch_rules import matches
from tests.sinks.factories import tagged

SECRET = "https://hooks.slack.example/services/T1/B2/sup3rs3cret"


def test_no_routes_means_one_default_route_from_webhook_url():
    routes = AlertConfig(webhook_url=SecretStr(SECRET)).effective_routes()
    assert [r.name for r in routes] == ["default"]
    assert routes[0].webhook().get_secret_value() == SECRET
    assert AlertConfig().effective_routes()[0].webhook() is None  # console


def test_webhook_from_env_and_file_and_never_in_repr(monkeypatch, tmp_path):
    monkeypatch.setenv("KOREA_HOOK", SECRET)
    secret_file = tmp_path / "hook"
    secret_file.write_text(SECRET + "\n")
    cfg = AlertConfig(routes=[{"name": "korea", "webhook_url_env": "KOREA_HOOK"},
                              {"name": "japan", "webhook_url_file": str(secret_file)},
                              {"name": "inline", "webhook_url": SECRET}])
    assert [r.webhook().get_secret_value() for r in cfg.routes] == [SECRET] * 3
    assert "sup3rs3cret" not in repr(cfg) and "sup3rs3cret" not in str(cfg.model_dump())


def test_missing_secret_sources_fail_with_a_clear_message(tmp_path):
    with pytest.raises(ConfigError, match="environment variable NOPE_HOOK is not set"):
        RouteConfig(name="r", webhook_url_env="NOPE_HOOK").webhook()
    with pytest.raises(ConfigError, match="cannot read webhook file"):
        RouteConfig(name="r", webhook_url_file=tmp_path / "missing").webhook()


def test_bad_route_configs_are_rejected():
    with pytest.raises(ValidationError):
        RouteConfig(name="Has Spaces")
    with pytest.raises(ValidationError):
        RouteConfig(name="r", webhook_url=SECRET, webhook_url_env="X")
    with pytest.raises(ValidationError):
        AlertConfig(routes=[{"name": "a"}, {"name": "a"}])
    with pytest.raises(ValidationError):
        RouteConfig(name="r", unknown_key=1)


def test_routes_from_environment_json(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSWATCH_ALERT__ROUTES", '[{"name": "korea", "host_countries": ["kr"], "min_score": 0.8}]')
    settings = load_settings(None)
    assert settings.alert.routes[0].host_countries == ("KR",)
    assert settings.alert.topic_names(settings.topics.tagged) == ("newswatch.alerts", "newswatch.alert-keys")


@pytest.mark.parametrize(("rules", "expected"), [
    ({}, True),
    ({"host_countries": ["KR"]}, True),
    ({"host_countries": ["JP"]}, False),
    ({"counterpart_countries": ["JP", "CA"]}, True),
    ({"counterpart_countries": ["FR"]}, False),
    ({"min_score": 0.9}, True),
    ({"min_score": 0.95}, False),
    ({"keywords": ["DIALOGUE"]}, True),
    ({"keywords": ["Shangri-La"]}, False),
    ({"host_countries": ["KR"], "keywords": ["nothing"]}, False),
])
def test_watch_rules(rules, expected):
    assert matches(RouteConfig(name="r", **rules), tagged("a", counterparts=("CA",), score=0.9)) is expected


def test_articles_that_are_not_meetings_match_no_route():
    article = tagged("a")
    import msgspec

    assert not matches(RouteConfig(name="r"), msgspec.structs.replace(article, is_defense_ministerial_meeting=False))
