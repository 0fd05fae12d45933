"""Meeting detection and counterparts on short wire-style stories (``tag`` end to end)."""

from __future__ import annotations

import pytest

from tests.processors.helpers import article


def tagged(tagger, text: str, title: str = "", source: str = ""):
    return tagger.tag(article(text, title=title, source=source))


@pytest.mark.parametrize(
    ("text", "host", "counterparts", "kind"),
    [
        (
            "Secretary of Defense Lloyd J. Austin III met with Philippine Secretary of National Defense "
            "Gilberto Teodoro Jr. at the Pentagon today.",
            "US",
            ["PH"],
            "in-person",
        ),
        (
            "Secretary of Defense Lloyd J. Austin III spoke by phone today with Ukrainian Minister of Defense "
            "Rustem Umerov.",
            "US",
            ["UA"],
            "call",
        ),
        (
            "Chinese Defense Minister Dong Jun held a video call with U.S. Secretary of War Pete Hegseth on Tuesday.",
            "CN",
            ["US"],
            "video",
        ),
        (
            "Defence Secretary John Healey met his Ukrainian counterpart Rustem Umerov in Odesa.",
            "GB",
            ["UA"],
            "in-person",
        ),
        (
            "Indonesian Defence Minister Sjafrie Sjamsoeddin paid a courtesy call on Defence Minister Datuk Seri "
            "Mohamed Khaled Nordin today.",
            "MY",
            ["ID"],
            "in-person",
        ),
    ],
)
def test_bilateral_meetings(tagger, text, host, counterparts, kind):
    result = tagged(tagger, text)
    assert result.is_defense_ministerial_meeting
    assert (result.host_country, result.counterpart_countries) == (host, counterparts)
    assert [m.kind for m in result.meetings] == [kind] * len(counterparts)
    assert result.score >= 0.6


def test_unqualified_minister_takes_the_dateline_country(tagger):
    result = tagged(
        tagger,
        "SEOUL, Jan. 10 (Yonhap) -- Defense Minister Park Ji-min held talks with his Mongolian "
        "counterpart on Wednesday, his office said.",
    )
    assert (result.host_country, result.counterpart_countries) == ("KR", ["MN"])


def test_trilateral_talks_are_one_multilateral_meeting(tagger):
    result = tagged(
        tagger,
        "South Korean Defense Minister Shin Won-sik held trilateral talks with U.S. Defense "
        "Secretary Lloyd Austin and Japanese Defense Minister Minoru Kihara in Tokyo on Sunday.",
    )
    assert result.counterpart_countries == ["JP", "US"]
    assert [m.kind for m in result.meetings] == ["multilateral"]
    assert {p.country for p in result.meetings[0].participants} == {"KR", "JP", "US"}
    assert result.meetings[0].location == "Tokyo"


def test_third_party_and_venue_are_not_counterparts(tagger):
    result = tagged(
        tagger,
        "Kim held talks with Japanese Defense Minister Gen Nakatani on the sidelines of the "
        "Seoul Defense Dialogue. During the South Korea-Japan talks, they agreed on trilateral "
        "security cooperation also involving the United States.",
        source="Yonhap",
    )
    assert result.counterpart_countries == ["JP"]
    assert result.meetings[0].event == "Seoul Defense Dialogue"


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Cho Tae-yul held talks with his Japanese counterpart Takeshi Iwaya in Seoul on Thursday.",
        "Japanese Prime Minister Shigeru Ishiba and South Korean President Yoon Suk Yeol held their first summit.",
        "Chairman of the Joint Chiefs of Staff Gen. Kim Myung-soo held talks with his U.S. counterpart "
        "Gen. Charles Q. Brown.",
        "Vice Defense Minister Kim Seon-ho held talks with his Japanese counterpart Kazuo Masuda in Tokyo.",
        "U.S. Defense Secretary Pete Hegseth warned that China was preparing to use force, "
        "telling the Shangri-La Dialogue.",
        "Defense Secretary Lloyd Austin told the Senate Armed Services Committee that aid to Ukraine must continue.",
        "Defense Minister Kim Yong-hyun met with commanders of a frontline army division on Friday.",
        "U.S. Defense Secretary Lloyd Austin will meet his Japanese counterpart Minoru Kihara in Tokyo next week.",
        "South Korea and the United States began their annual military exercise on Monday, the defense ministry said.",
        # fourth round: officials who are no principals, named before their office or titled as state secretaries
        "Li Wen, vice chairman of the Central Military Commission, met Cambodian Defence Minister Tea Banh on Monday.",
        "At the meeting, State Secretary at the Ministry of Defence of Serbia Ana Horvat and her Slovenian "
        "counterpart, Jure Novak, exchanged views.",
        "Chief of the Defence Staff Admiral Tony Radakin held talks with his French counterpart in Paris.",
    ],
)
def test_hard_negatives(tagger, text):
    result = tagged(tagger, text)
    assert not result.is_defense_ministerial_meeting
    assert result.counterpart_countries == []
    assert [m for m in result.meetings if m.status == "held"] == []
    assert result.score < 0.5


def test_result_carries_the_article_fields(tagger):
    story = article("Nothing about defense here.", title="Weather")
    result = tagger.tag(story)
    assert (result.article_id, result.url, result.title) == (story.id, story.url, story.title)
    assert (result.source, result.published, result.fetched_at) == (
        story.source,
        story.published,
        story.fetched_at,
    )
    assert result.tagger_version == tagger.versions["en"]  # each record carries its own language's version


def test_hosting_several_counterparts_is_one_multilateral_meeting(tagger):
    result = tagged(
        tagger,
        "German Defence Minister Boris Pistorius hosted his counterparts from France, Britain, Italy and Poland "
        "in Berlin on Monday to discuss support for Ukraine.",
    )
    assert result.counterpart_countries == ["FR", "GB", "IT", "PL"]
    assert [(m.kind, m.location) for m in result.meetings] == [("multilateral", "Berlin")]


def test_place_after_in_is_the_location(tagger):
    result = tagged(
        tagger, "Defence Secretary John Healey met his Ukrainian counterpart Rustem Umerov in Odesa."
    )
    assert result.meetings[0].location == "Odesa"


@pytest.mark.parametrize(
    ("title", "text", "host", "counterparts"),
    [
        ("Hegseth, Marles meet in Washington", "", "US", ["AU"]),
        (
            "Japan, US defense chiefs agree to bolster deterrence",
            "Japanese Defense Minister Gen Nakatani and U.S. Defense Secretary Pete Hegseth agreed Sunday "
            "to bolster deterrence.",
            "JP",
            ["US"],
        ),
        (
            "S. Korea, Japan defense ministers hold talks",
            "SEOUL, March 3 (Yonhap) -- The defense ministers of South Korea and Japan held talks in Seoul.",
            "KR",
            ["JP"],
        ),
        (
            "Japan's defense chief meets NATO's Rutte",
            "Japanese Defense Minister Gen Nakatani met NATO Secretary General Mark Rutte in Brussels.",
            "JP",
            ["NATO"],
        ),
    ],
)
def test_short_feed_items(tagger, title, text, host, counterparts):
    result = tagger.tag(article(text, title=title))
    assert (result.host_country, result.counterpart_countries) == (host, counterparts)


def test_national_outlet_minister_in_the_meeting_is_the_host(tagger):
    text = (
        "KUALA LUMPUR, Jan 16 (Bernama) -- Indonesian Defence Minister Sjafrie Sjamsoeddin paid a courtesy "
        "call on Malaysian Defence Minister Mohamed Khaled Nordin today."
    )
    result = tagged(tagger, text)
    assert (result.host_country, result.counterpart_countries) == ("MY", ["ID"])


def test_story_slug_is_not_the_outlet(tagger):
    """Regression: a Reuters URL containing 'pentagon' made the story American."""
    result = tagger.tag(
        article(
            "WASHINGTON (Reuters) - Israeli Defense Minister Yoav Gallant met U.S. Defense Secretary "
            "Lloyd Austin at the Pentagon on Tuesday.",
            source="Reuters",
            url="https://www.reuters.com/world/gallant-austin-pentagon-2024-06-25/",
        )
    )
    assert (result.host_country, result.counterpart_countries) == ("IL", ["US"])


@pytest.mark.parametrize(
    ("source", "url", "host"),
    [
        ("Ministry of Defence (Denmark)", "https://www.fmn.dk/en/news/2024/x/", "DK"),
        ("", "https://www.mod.gov.lv/en/news/x", "LV"),
        ("", "https://www.beehive.govt.nz/release/x", "NZ"),
        ("Ministry of Defence", "https://www.gov.uk/government/news/x", "GB"),
    ],
)
def test_ministry_release_takes_the_ministry_country(tagger, source, url, host):
    """A ministry's unqualified "Minister of Defence" is its own country's, wherever the ministry is."""
    result = tagger.tag(
        article(
            "Minister of Defence Alex Smith today received Ukraine's Minister of Defence, Rustem Umerov.",
            source=source,
            url=url,
        )
    )
    assert (result.host_country, result.counterpart_countries) == (host, ["UA"])


def test_principal_owning_something_else_is_not_a_party(tagger):
    result = tagged(
        tagger,
        "British Defence Secretary John Healey met his Polish counterpart on Thursday, as European capitals "
        "scrambled to respond to U.S. Defense Secretary Pete Hegseth's remarks on Ukraine.",
    )
    assert (result.host_country, result.counterpart_countries) == ("GB", ["PL"])


def test_principal_owning_the_meeting_still_takes_part(tagger):
    result = tagged(
        tagger,
        "Secretary of War Pete Hegseth's meeting with Japanese Minister of Defense Shinjiro Koizumi took place "
        "in Tokyo on Wednesday.",
    )
    assert (result.host_country, result.counterpart_countries) == ("US", ["JP"])


def test_unresolved_possessive_role_does_not_make_the_dateline_the_host(tagger):
    """'the South American country's defence minister' is nobody's home minister; the dateline is the venue."""
    result = tagger.tag(
        article(
            "COPENHAGEN, April 16 (Reuters) - Argentina signed a deal to buy 24 F-16 jets, the South American "
            "country's defence minister said.\nArgentine Defence Minister Luis Petri met his Danish counterpart "
            "Troels Lund Poulsen in Copenhagen, where the two signed the agreement.",
            source="Reuters",
            url="https://www.reuters.com/world/americas/x",
        )
    )
    assert (result.host_country, result.counterpart_countries) == ("AR", ["DK"])


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (  # a Gulf-style "City:" dateline names the home country
            "Doha: HE Minister of State for Defence Affairs Sheikh Saoud bin Abdulrahman Al Thani met today with "
            "HE Minister of National Defence of the Republic of Turkiye Yasar Guler.",
            "",
        ),
        (  # a national agency in the source names it as well
            "HE Minister of State for Defence Affairs Sheikh Saoud bin Abdulrahman Al Thani met today with "
            "HE Minister of National Defence of the Republic of Turkiye Yasar Guler.",
            "QNA",
        ),
    ],
)
def test_unqualified_gulf_minister_takes_the_story_country(tagger, text, source):
    result = tagged(tagger, text, source=source)
    assert (result.host_country, result.counterpart_countries) == ("QA", ["TR"])


def test_telephone_conference_is_a_call(tagger):
    result = tagged(
        tagger,
        "Minister of Defense KOIZUMI Shinjiro held a telephone conference with the Hon. Richard Marles MP, "
        "Deputy Prime Minister and Minister for Defence of Australia.",
        source="Ministry of Defense (Japan)",
    )
    assert (result.host_country, result.counterpart_countries) == ("JP", ["AU"])
    assert [m.kind for m in result.meetings] == ["call"]
