#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for newswatch's tests and demo:
#   Java 17 (runs the embedded Kafka broker), Maven (fetches the broker's jars once),
#   Prometheus (the observability tests scrape the services with a real server),
#   PostgreSQL (the meeting store's tests run against a real server, started by the test session),
#   npm (installs the pages' pinned JavaScript and map data), Chromium and its driver (the pages' tests
#   drive a real headless browser through Selenium; no browser is downloaded).
# Idempotent: does nothing when everything is already there.
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ] || need+=(prometheus)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing system packages: ${need[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps the prometheus package from pulling exporters we do not use.
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
