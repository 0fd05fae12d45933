#!/usr/bin/env bash
# Runs once, when the compose stack's PostgreSQL starts on an empty volume (docker-entrypoint-initdb.d):
# the login Grafana reads the meeting store with. It may SELECT and nothing else, on the tables the
# meeting store creates later too. Its password comes from NEWSWATCH_GRAFANA_DB_PASSWORD.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v password="$NEWSWATCH_GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE grafana_reader LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE newswatch TO grafana_reader;
GRANT USAGE ON SCHEMA public TO grafana_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO grafana_reader;
SQL
