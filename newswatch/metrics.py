"""Every Prometheus metric newswatch exports, in one place.

Conventions (prometheus client's naming rules, Vector's component spec): a ``newswatch_``
namespace, base units, counters end in ``_total``, durations are histograms, and every
component emits the same trio: records received, records sent, errors{stage, error_type}.
Labels stay low-cardinality: a stage, a feed name, an ISO country code; never a URL or a title.

Components take a ``CollectorRegistry`` so tests can build a fresh one and read
``registry.get_sample_value(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server

NAMESPACE = "newswatch"

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600)


class PipelineMetrics:
    """The received/sent/errors trio plus dead letters and latencies, shared by all stages."""

    def __init__(self, registry: CollectorRegistry):
        self.registry = registry
        self.received = Counter("records_received", "Records a stage read from its input.", ["stage"],
                                namespace=NAMESPACE, registry=registry)
        self.sent = Counter("records_sent", "Records a stage wrote to its output.", ["stage"],
                            namespace=NAMESPACE, registry=registry)
        self.errors = Counter("errors", "Records a stage could not handle, by error type.",
                              ["stage", "error_type"], namespace=NAMESPACE, registry=registry)
        self.dead_letters = Counter("dlq_records", "Records sent to the dead-letter topic.", ["stage"],
                                    namespace=NAMESPACE, registry=registry)
        self.batch_seconds = Histogram("batch_duration_seconds", "Time to handle one polled batch.",
                                       ["stage"], namespace=NAMESPACE, registry=registry)
        self.latency = Histogram("end_to_end_latency_seconds",
                                 "Seconds from an article's publication to each hop (collected, tagged, alerted).",
                                 ["hop"], namespace=NAMESPACE, registry=registry, buckets=LATENCY_BUCKETS)


@dataclass
class MetricsServer:
    host: str
    port: int
    _server: object

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/metrics"

    def close(self) -> None:
        shutdown = getattr(self._server, "shutdown", None)
        if shutdown:
            shutdown()
            self._server.server_close()  # type: ignore[attr-defined]


def serve(registry: CollectorRegistry, host: str = "127.0.0.1", port: int = 0) -> MetricsServer:
    """Serve ``/metrics`` for ``registry`` in a daemon thread; port 0 picks a free port."""
    server, _thread = start_http_server(port, addr=host, registry=registry)
    return MetricsServer(host=host, port=server.server_port, _server=server)
