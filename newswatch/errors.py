"""Exceptions every stage shares. Expected failures derive from NewswatchError and reach the
user as one clear line (see ``newswatch.cli.main``)."""


class NewswatchError(Exception):
    exit_code = 1


class ConfigError(NewswatchError):
    exit_code = 2


class BrokerError(NewswatchError):
    """The Kafka broker cannot be reached, started or assembled."""

    exit_code = 3


class MissingToolError(BrokerError):
    """Java or Maven, needed for the embedded broker, is not installed."""


class PoisonRecordError(NewswatchError):
    """A record that cannot be decoded or processed; it goes to the dead-letter topic."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type
