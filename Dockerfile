# The newswatch image: collector, processor, alert sink and metrics sink (docker-compose.yml picks
# the command). Two stages: the first builds the project's wheel and installs it, with the versions
# the test suite passed with (constraints.txt), into /opt/newswatch; the second copies only that
# environment, and the pages' npm assets (serve.assets_dir points at them). No compiler, no source
# tree, no test or lint tools in the image that runs the services.
# No Java either: the stack's Kafka is the apache/kafka service.
FROM python:3.11-slim AS build

WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
COPY newswatch ./newswatch
COPY collectors ./collectors
COPY processors ./processors
COPY sinks ./sinks
RUN python -m pip wheel --no-deps -w /wheels . \
    && python -m venv /opt/newswatch \
    && /opt/newswatch/bin/pip install --no-cache-dir -c constraints.txt "$(ls /wheels/newswatch-*.whl)[cjk]"
# The pages' JavaScript and map data: the exact npm packages of web/package-lock.json (npm from Debian).
COPY web ./web
RUN apt-get update \
    && apt-get install -y --no-install-recommends npm \
    && cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

FROM python:3.11-slim

COPY --from=build /opt/newswatch /opt/newswatch
COPY --from=build /src/web/node_modules /opt/newswatch-web/node_modules
COPY seeds /app/seeds
RUN useradd --system --uid 10001 --home-dir /app newswatch && chown -R newswatch /app
USER newswatch
WORKDIR /app
ENV PATH="/opt/newswatch/bin:${PATH}" PYTHONUNBUFFERED=1 \
    NEWSWATCH_SERVE__ASSETS_DIR=/opt/newswatch-web/node_modules

ENTRYPOINT ["newswatch"]
CMD ["--help"]
