# The newswatch image: collector, processor, alert sink and metrics sink (docker-compose.yml picks
# the command). It installs the project exactly as the README does: `make setup` (a venv in .venv
# and `pip install -e '.[dev]'`). No Java here: the stack's Kafka is the apache/kafka service.
FROM python:3.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml Makefile README.md ./
COPY newswatch ./newswatch
COPY collectors ./collectors
COPY processors ./processors
COPY sinks ./sinks
COPY seeds ./seeds
RUN make setup PYTHON=python3

RUN useradd --system --uid 10001 --home-dir /app newswatch && chown -R newswatch /app
USER newswatch
ENV PATH="/app/.venv/bin:${PATH}" PYTHONUNBUFFERED=1

ENTRYPOINT ["newswatch"]
CMD ["--help"]
