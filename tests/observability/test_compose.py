"""docker-compose.yml, the Dockerfile and the deploy/ configs agree with each other and with what the
services read (there is no Docker engine here, so this checks everything short of running it)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from newswatch.settings import Settings, load_settings
from tests.support.dashboard import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
SCRAPE = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text(encoding="utf-8"))
#: newswatch command -> the [metrics] field holding the port it serves /metrics on
COMMAND_PORT = {"collect": "collector_port", "process": "processor_port", "alert": "alert_port",
                "metrics-sink": "metrics_sink_port", "resolve": "resolver_port", "meeting-store": "meeting_store_port"}
NEWSWATCH = [name for name, svc in SERVICES.items() if svc.get("build")]
#: Built services that serve something other than /metrics: the meetings API.
API = [name for name in NEWSWATCH if SERVICES[name]["command"][0] == "serve"]
STAGES = [name for name in NEWSWATCH if name not in API]


def host_path(mount: str) -> tuple[Path, str]:
    source, target = mount.split(":")[:2]
    return (ROOT / source).resolve(), target


def service_settings(name: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Load Settings as the container would: its NEWSWATCH_* environment and its mounted config file."""
    svc = SERVICES[name]
    mounts = dict(reversed(host_path(m)) for m in svc.get("volumes", []) if m.startswith("./"))
    env = dict(svc["environment"])
    for key in [k for k in os.environ if k.startswith("NEWSWATCH_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    config = mounts[env["NEWSWATCH_CONFIG"]]
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(config))
    return load_settings()


def test_the_stack_has_every_service_with_restart_policy_and_health_check():
    assert {"kafka", "prometheus", "grafana", "pushgateway", "collector", "processor", "alert",
            "metrics-sink"} <= set(SERVICES)
    assert SERVICES["kafka"]["image"].startswith("apache/kafka:")
    assert SERVICES["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft
    for name, svc in SERVICES.items():
        assert svc.get("restart") in ("unless-stopped", "always", "on-failure"), name
        assert svc.get("healthcheck", {}).get("test"), name
    assert sorted(svc["command"][0] for svc in map(SERVICES.get, STAGES)) == sorted(COMMAND_PORT)


def test_the_api_serves_the_pages_and_alerts_link_to_them(monkeypatch):
    for name in API:
        settings = service_settings(name, monkeypatch)
        public = settings.serve.public_url
        assert settings.serve.pages and public and public.endswith(f":{settings.meeting_store.api_port}")
        assert settings.alert.pages_url == public


def test_grafana_reads_the_meeting_store_as_a_read_only_role():
    datasource = yaml.safe_load((ROOT / "deploy/grafana/provisioning/datasources/meetings.yml").read_text())
    source = datasource["datasources"][0]
    pg = SERVICES["postgres"]
    assert source["url"] == "postgres:5432" and source["jsonData"]["database"] == pg["environment"]["POSTGRES_DB"]
    init = dict(host_path(m)[::-1] for m in pg["volumes"] if m.startswith("./"))
    script = init["/docker-entrypoint-initdb.d/10-grafana-reader.sh"].read_text()
    assert f"CREATE ROLE {source['user']} LOGIN" in script and "GRANT SELECT" in script
    assert "INSERT" not in script and "ALL PRIVILEGES" not in script
    password = source["secureJsonData"]["password"].lstrip("$")
    assert password in SERVICES["grafana"]["environment"] and password in pg["environment"]
    assert "postgres" in SERVICES["grafana"]["depends_on"]


def test_every_mounted_file_or_folder_exists():
    for name, svc in SERVICES.items():
        for mount in svc.get("volumes", []):
            if mount.startswith("./"):
                assert host_path(mount)[0].exists(), f"{name}: {mount}"
    assert (ROOT / SERVICES["collector"]["build"] / "Dockerfile").is_file()


@pytest.mark.parametrize("name", API)
def test_the_meetings_api_reads_the_stack_s_postgres_and_listens_where_its_health_check_looks(name, monkeypatch):
    settings = service_settings(name, monkeypatch)
    store = settings.meeting_store
    url = store.url.get_secret_value()
    assert url.startswith("postgresql://") and "@postgres:5432/" in url
    assert store.api_host == "0.0.0.0"
    assert f"127.0.0.1:{store.api_port}/health" in " ".join(SERVICES[name]["healthcheck"]["test"])
    assert f"127.0.0.1:{store.api_port}:{store.api_port}" in SERVICES[name]["ports"]
    postgres = SERVICES["postgres"]["environment"]
    assert f"{postgres['POSTGRES_USER']}:{postgres['POSTGRES_PASSWORD']}@postgres:5432/{postgres['POSTGRES_DB']}" \
        in SERVICES["meeting-store"]["environment"]["NEWSWATCH_MEETING_STORE__URL"]


@pytest.mark.parametrize("name", STAGES)
def test_environment_is_valid_settings_and_ports_match(name, monkeypatch):
    settings = service_settings(name, monkeypatch)
    svc = SERVICES[name]
    port = getattr(settings.metrics, COMMAND_PORT[svc["command"][0]])
    health = " ".join(svc["healthcheck"]["test"])
    assert f"127.0.0.1:{port}/metrics" in health
    assert f"127.0.0.1:{port}:{port}" in svc["ports"]  # `newswatch status` on the host finds it
    assert settings.metrics.host == "0.0.0.0"  # reachable by Prometheus from another container
    assert settings.kafka.bootstrap_servers in SERVICES["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    assert settings.kafka.bootstrap_servers.split(":")[0] == "kafka"
    jobs = {target for job in SCRAPE["scrape_configs"] for c in job["static_configs"] for target in c["targets"]}
    assert f"{name}:{port}" in jobs
    gateway = settings.metrics.pushgateway.removeprefix("http://")
    assert gateway.split(":")[0] in SERVICES and f"{gateway.split(':')[1]}:" in " ".join(
        SERVICES[gateway.split(":")[0]]["ports"])
    assert gateway in jobs
    for feed in settings.collector.feeds:  # local feeds must be inside the image
        assert feed.url.startswith("/app/seeds/")
        assert (ROOT / "seeds" / Path(feed.url).name).is_file()


def test_kafka_listeners_are_consistent():
    env = SERVICES["kafka"]["environment"]
    names = {item.split(":")[0] for item in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(",")}
    listeners = {item.split("://")[0] for item in env["KAFKA_LISTENERS"].split(",")}
    assert listeners == names
    assert env["KAFKA_CONTROLLER_LISTENER_NAMES"] in listeners
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{env['KAFKA_NODE_ID']}@kafka:9093"
    port = env["KAFKA_ADVERTISED_LISTENERS"].split("kafka:")[1].split(",")[0]
    assert f"localhost:{port}" in " ".join(SERVICES["kafka"]["healthcheck"]["test"])


def test_prometheus_and_grafana_are_wired_to_each_other():
    prom = SERVICES["prometheus"]
    mounts = dict(host_path(m)[::-1] for m in prom["volumes"] if m.startswith("./"))
    assert mounts["/etc/prometheus/prometheus.yml"] == (ROOT / "deploy/prometheus/prometheus.yml").resolve()
    assert "--config.file=/etc/prometheus/prometheus.yml" in prom["command"]
    datasource = yaml.safe_load((ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text())
    assert datasource["datasources"][0]["url"] == "http://prometheus:9090"
    assert "9090:9090" in prom["ports"]
    provider = yaml.safe_load((ROOT / "deploy/grafana/provisioning/dashboards/newswatch.yml").read_text())
    grafana = dict(host_path(m)[::-1] for m in SERVICES["grafana"]["volumes"] if m.startswith("./"))
    dashboards = grafana[provider["providers"][0]["options"]["path"]]
    assert (dashboards / "newswatch.json").is_file()
    assert grafana["/etc/grafana/provisioning"] == (ROOT / "deploy/grafana/provisioning").resolve()


def test_the_image_installs_the_built_wheel_with_runtime_dependencies_only():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    runs = " ".join(re.findall(r"^RUN (.+)$", dockerfile.replace("\\\n", " "), flags=re.M))
    assert "pip wheel" in runs and "-c constraints.txt" in runs and "/wheels/newswatch-" in runs
    assert "-e " not in runs and "[dev]" not in runs  # no editable checkout, no test or lint tools
    assert len(re.findall(r"^FROM ", dockerfile, flags=re.M)) == 2  # the running image copies the venv only
    copied = set()
    for line in re.findall(r"^COPY (?!--from)(.+)$", dockerfile, flags=re.M):
        *sources, _dest = line.split()
        for source in sources:
            assert (ROOT / source).exists(), source
            copied.add(source)
    import tomllib

    package_dirs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for folder in package_dirs["package-dir"].values():
        assert folder in copied, f"the image lacks package folder {folder}"
    assert "README.md" in copied  # pyproject's readme: pip needs it to build
    assert re.search(r'^ENTRYPOINT \["newswatch"\]', dockerfile, flags=re.M)


def test_kafka_data_survives_compose_down():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    kafka = compose["services"]["kafka"]
    log_dir = kafka["environment"]["KAFKA_LOG_DIRS"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in kafka["volumes"]}
    assert mounts.get(log_dir) in compose["volumes"], "Kafka's log must live on a named volume"
    assert kafka["environment"]["CLUSTER_ID"]  # reused storage needs the same cluster id
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docker compose down -v" in readme


def test_the_image_context_builds_the_package(tmp_path):
    """What the Dockerfile copies is enough to build and install the project (no network here:
    run the build offline with the test environment's setuptools)."""
    import shutil
    import subprocess
    import sys

    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    context = tmp_path / "context"
    context.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for line in re.findall(r"^COPY (?!--from)(.+)$", dockerfile, flags=re.M):
        *sources, _dest = line.split()
        for source in sources:
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, context / source, ignore=ignore)
            else:
                shutil.copy2(ROOT / source, context / source)
    # setuptools as pip would run it (this venv has no `wheel` package, so build_py + egg_info
    # stand in for bdist_wheel: the same package discovery, package data and entry points).
    build = subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q",
                            "egg_info", "--egg-base", str(tmp_path), "build_py", "--build-lib", str(tmp_path / "lib")],
                           cwd=context, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    built = tmp_path / "lib"
    for module in ("newswatch/cli/observability.py", "newswatch/sinks/metrics_run.py", "newswatch/collectors/poller.py",
                   "newswatch/processors/tag_meetings/tagger.py"):
        assert (built / module).is_file(), module
    assert any((built / "newswatch/processors/tag_meetings/data").iterdir())  # the tagger's gazetteers
    entry_points = (tmp_path / "newswatch.egg-info" / "entry_points.txt").read_text()
    assert "newswatch = newswatch.console:main" in entry_points
