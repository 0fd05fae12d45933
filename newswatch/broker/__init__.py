"""The embedded local Kafka broker (see ``local.py``)."""

from newswatch.broker.local import BrokerStatus, LocalBroker, default_home, ensure_jars

__all__ = ["BrokerStatus", "LocalBroker", "default_home", "ensure_jars"]
