"""The pipeline's long-running stages as the composition layer sees them: which function runs each,
which config section it takes, where it serves ``/metrics``.

Stages never see the whole application's settings: each runner is called as
``runner(cfg=<its section>, topics=<TopicsConfig>, kafka=<Kafka>, stop=..., registry=..., ...)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newswatch.settings import Settings


@dataclass(frozen=True)
class Stage:
    name: str
    #: ``"module:function"``, imported only when the stage runs (commands stay quick to start).
    runner: str
    #: The attribute of :class:`Settings` holding this stage's config section.
    section: str
    #: The attribute of ``settings.metrics`` holding this stage's ``/metrics`` port.
    port_field: str

    def function(self) -> Callable[..., Any]:
        module, _, name = self.runner.partition(":")
        return getattr(importlib.import_module(module), name)


STAGES: dict[str, Stage] = {stage.name: stage for stage in (
    Stage("collector", "newswatch.collectors.run:run_collector", "collector", "collector_port"),
    Stage("processor", "newswatch.processors.run:run_processor", "processor", "processor_port"),
    Stage("alert", "newswatch.sinks.run:run_alert_sink", "alert", "alert_port"),
    Stage("metrics_sink", "newswatch.sinks.metrics_run:run_metrics_sink", "metrics_sink", "metrics_sink_port"),
    Stage("resolver", "newswatch.processors.resolve_meetings.run:run_meeting_resolver", "meetings", "resolver_port"),
    Stage("meeting_store", "newswatch.sinks.meeting_store.run:run_meeting_store", "meeting_store",
          "meeting_store_port"),
)}


def pipeline_groups(settings: Settings) -> dict[str, tuple[str, ...]]:
    """The pipeline's own consumer groups and the topics each reads."""
    alerts_topic, _keys = settings.alert.topic_names(settings.topics.tagged)
    return {
        settings.processor.group: (settings.topics.articles,),
        f"{settings.alert.group}-router": (settings.topics.tagged,),  # the alert sink's router step
        settings.alert.group: (alerts_topic,),  # its delivery step
        settings.metrics_sink.group: (settings.topics.tagged,),
        f"{settings.meetings.group}-reports": (settings.topics.tagged,),  # the resolver's reports step
        settings.meetings.group: (settings.topics.meeting_reports_topic,),
        settings.meeting_store.group: (settings.topics.meetings_topic,),
    }


def stage_arguments(settings: Settings, name: str) -> dict[str, Any]:
    """What the composition hands stage ``name``: its own config section and the topics."""
    arguments: dict[str, Any] = {"cfg": getattr(settings, STAGES[name].section), "topics": settings.topics}
    if name == "metrics_sink":
        arguments["groups"] = pipeline_groups(settings)
    return arguments
