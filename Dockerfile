# The newswatch image: collector, processor, alert sink and metrics sink (docker-compose.yml picks
# the command). Two stages: the first builds the project's wheel and installs it, with the versions
# the test suite passed with (constraints.txt), into /opt/newswatch; the second copies only that
# environment. No compiler, no source tree, no test or lint tools in the image that runs the services.
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

FROM python:3.11-slim

COPY --from=build /opt/newswatch /opt/newswatch
COPY seeds /app/seeds
RUN useradd --system --uid 10001 --home-dir /app newswatch && chown -R newswatch /app
USER newswatch
WORKDIR /app
ENV PATH="/opt/newswatch/bin:${PATH}" PYTHONUNBUFFERED=1

ENTRYPOINT ["newswatch"]
CMD ["--help"]
