from pydantic import SecretStr

from newswatch.sinks.run import run_alert_sink
from newswatch.stages import stage_arguments
from tests.sinks.factories import tagged
from tests.sinks.kafka_helpers import publish, titles, with_alert
from tests.support.stages import running


def test_one_tagged_article_becomes_one_message(settings, kafka, slack):
    settings = with_alert(settings, webhook_url=SecretStr(slack.url))
    publish(kafka, settings, [tagged("a1")])
    with running(run_alert_sink, **stage_arguments(settings, "alert"), kafka=kafka) as sink:
        assert slack.wait_for(1, timeout=30)
        assert sink.wait_until(lambda: sink.value("newswatch_alerts_sent_total", route="default") == 1)
    assert titles(slack.accepted) == ["a1"]
    assert len(slack.requests) == 1
