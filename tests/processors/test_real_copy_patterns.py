"""Regression tests for the error classes of real copy (issue 14), each named after the pattern it pins.

The sentences are short paraphrases of the pattern, not articles: the real items are in
``tests/data/real/en/`` and scored by ``test_real_copy.py``.
"""

from __future__ import annotations

from tests.processors.helpers import article


def tag(tagger, text: str, title: str = "", **kw):
    return tagger.tag(article(text, title=title, **kw))


def test_announced_meeting_named_later_by_a_noun_stays_planned(tagger):
    text = (
        "Defence Minister Rajnath Singh will hold a bilateral meeting with the visiting US Secretary of Defense "
        "Lloyd Austin on Monday.\nIt is Secretary Austin's second visit to India."
    )
    tagged = tag(tagger, text, title="Rajnath Singh to hold talks with US Defense Secretary")
    assert not tagged.is_defense_ministerial_meeting
    assert [m.status for m in tagged.meetings] == ["planned"]


def test_at_the_meeting_with_then_will_brief_is_the_announced_meeting(tagger):
    text = (
        "The defense ministers of South Korea and India will meet in Seoul later Wednesday.\n"
        "At the meeting with his Indian counterpart Arun Jaitley, Defense Minister Han Min-koo will brief him "
        "on the security situation."
    )
    assert not tag(tagger, text, title="S. Korea, India defense chiefs to hold talks").is_defense_ministerial_meeting


def test_held_verb_before_a_noun_trigger_keeps_the_meeting_held(tagger):
    text = (
        "Rajnath Singh also held a separate bilateral meeting with his Uzbek counterpart, Lieutenant General "
        "Kurbanov Bakhodir Nizamovich.\nHe said he was delighted to meet the Defence Minister of Uzbekistan."
    )
    tagged = tag(tagger, text, title="Defence Minister Rajnath Singh holds talks")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["UZ"]


def test_a_held_teleconference_is_not_demoted_by_a_planned_visit(tagger):
    text = (
        "Minister of Defense Gen Nakatani held a teleconference with his counterpart Secretary of National Defense "
        "Voltaire Gazmin of the Philippines.\nNakatani's planned visit to the Philippines was postponed."
    )
    tagged = tag(tagger, text, title="Japan-Philippines Defense Ministerial Teleconference held")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["PH"]


def test_looked_forward_to_a_meeting_is_planned(tagger):
    text = (
        "Singh said he looked forward to holding a bilateral meeting shortly with his friend Richard Marles, "
        "Deputy Prime Minister and Defense Minister of Australia."
    )
    assert not tag(tagger, text, title="Rajnath Singh lands in Canberra").is_defense_ministerial_meeting


def test_short_name_is_completed_from_its_fullest_form_in_the_story(tagger):
    text = (
        "Defense minister Shin Won-sik spoke by phone with his U.S. counterpart Lloyd Austin on Friday.\n"
        "Shin and Austin reaffirmed the solidarity of the alliance."
    )
    tagged = tag(tagger, text, title="Defense Minister Shin Won-sik talks by phone with U.S. counterpart Austin")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("US") == "Lloyd Austin"


def test_name_with_a_run_of_particles_is_read_whole(tagger):
    text = "Khawaja Asif held talks with his German counterpart Ursula von der Leyen in Berlin."
    tagged = tag(tagger, text, title="Pakistan's defence minister meets German counterpart")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("DE") == "Ursula von der Leyen"


def test_his_excellency_is_a_title_not_a_name(tagger):
    text = (
        "Doha, Qatar: Deputy Prime Minister and Minister of State for Defense Affairs HE Dr. Khalid bin Mohammed "
        "Al Attiyah met the visiting US Secretary of Defense HE Lloyd Austin."
    )
    tagged = tag(tagger, text, title="Deputy PM holds meeting with US Secretary of Defense", source="QNA")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("US") == "Lloyd Austin"


def test_honorific_ending_in_an_apostrophe_does_not_swallow_the_counterpart(tagger):
    text = (
        "Before the meetings, Teodoro held bilateral talks with Malaysian Defense Minister Dato' Seri Mohamed "
        "Khaled bin Nordin on Thursday."
    )
    tagged = tag(tagger, text, title="Teodoro: PH ready to lead ASEAN defense cooperation")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert tagged.counterpart_countries == ["MY"] and names["MY"] == "Mohamed Khaled bin Nordin"


def test_secretary_of_state_for_defense_in_american_spelling_is_the_uk_principal(tagger):
    text = (
        "H. E. Sheikh Saud bin Abdulrahman bin Hassan Al-Thani, Deputy Prime Minister & Minister of State for "
        "Defense Affairs, met H. E. Mr. John Healy, UK Secretary of State for Defense, during his visit."
    )
    tagged = tag(tagger, text, title="Deputy Prime Minister holds talks", source="Ministry of Defence of Qatar")
    assert (tagged.host_country, tagged.counterpart_countries) == ("QA", ["GB"])
    tagged = tag(tagger, text, title="Deputy Prime Minister holds talks", url="https://www.mod.gov.qa/en/news/x")
    assert (tagged.host_country, tagged.counterpart_countries) == ("QA", ["GB"])


def test_republic_of_a_country_after_the_title_is_that_country(tagger):
    text = (
        "Al Bowardi, Minister of State for Defense Affairs, also took a phone call yesterday from His Excellency "
        "Lorenzo Guerini, Minister of Defense of the Republic of Italy."
    )
    tagged = tag(tagger, text, title="Al Bowardi hosts guests", source="WAM")
    assert tagged.counterpart_countries == ["IT"]


def test_title_without_a_country_takes_the_host_from_a_known_principal(tagger):
    text = (
        "The Minister of Defence, Mohammed Badaru Abubakar, has held a high-level bilateral meeting with his "
        "Brazilian counterpart, José Múcio Monteiro Filho, in Brasília."
    )
    tagged = tag(tagger, text, title="Defence Minister holds talks with Brazilian counterpart")
    assert (tagged.host_country, tagged.counterpart_countries) == ("NG", ["BR"])


def test_national_press_makes_its_own_minister_the_host_when_both_are_qualified(tagger):
    text = (
        "South Africa's Minister of Defence and Military Veterans, Ms Nosiviwe Mapisa Nqakula and Zimbabwe's "
        "Minister of Defence and War Veterans Affairs, Cde Opah Muchinguri-Kashiri met behind closed doors."
    )
    story = dict(title="Zimbabwe and South Africa defence ministers meet in Harare", source="Bulawayo24")
    tagged = tag(tagger, text, url="https://bulawayo24.com/news/national/1", **story)
    assert (tagged.host_country, tagged.counterpart_countries) == ("ZW", ["ZA"])


def test_his_excellency_before_a_name_is_dropped(tagger):
    text = (
        "Al Bowardi, Minister of State for Defense Affairs, took a phone call from His Excellency Lorenzo Guerini, "
        "Minister of Defense of Italy."
    )
    tagged = tag(tagger, text, title="Al Bowardi takes a call", source="WAM")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("IT") == "Lorenzo Guerini"


def test_had_a_conversation_with_a_counterpart_is_a_meeting(tagger):
    text = (
        "The ministry said that before the second session Guler had a conversation with US Secretary of Defense "
        "Lloyd Austin and some other defense ministers from allied countries."
    )
    tagged = tag(tagger, text, title="Turkish National Defense Minister Yasar Guler attends NATO meeting")
    assert tagged.is_defense_ministerial_meeting and "US" in tagged.counterpart_countries


def test_a_visit_at_a_counterparts_invitation_is_no_meeting(tagger):
    text = (
        "Minister of Defense of Azerbaijan, Colonel General Zakir Hasanov, who is on a visit to the fraternal "
        "country at the invitation of Minister of National Defense of Türkiye, Hulusi Akar, took part in the "
        "Distinguished Visitors Day held within the international exercises."
    )
    tagged = tag(tagger, text, title="Azerbaijani Defense Minister at Distinguished Visitors Day")
    assert not tagged.is_defense_ministerial_meeting


def test_a_visit_with_talks_in_the_same_story_is_still_a_meeting(tagger):
    text = (
        "Defence Minister Rajnath Singh held talks with Australian Defence Minister Richard Marles in Canberra.\n"
        "It is Singh's first visit to Australia as defence minister."
    )
    tagged = tag(tagger, text, title="Rajnath Singh in Canberra")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["AU"]


def test_a_ministry_acronym_shared_by_several_countries_is_no_byline(tagger):
    text = (
        "KUALA LUMPUR: Defence Minister Datuk Seri Mohamad Hasan is on an official visit to Singapore.\n"
        "The Defence Ministry (MINDEF) said in a statement today that Mohamad also met his counterpart Dr Ng Eng Hen."
    )
    tagged = tag(tagger, text, title="Mohamad visits Singapore", source="The Sun (Bernama)")
    assert (tagged.host_country, tagged.counterpart_countries) == ("MY", ["SG"])


def test_a_listed_name_keeps_the_word_order_the_story_writes(tagger):
    text = "Defence Minister Rajnath Singh held a telephone conversation with Japanese Defense Minister KISHI Nobuo."
    tagged = tag(tagger, text, title="Defence Minister and Japanese counterpart hold phone talks")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("JP") == "KISHI Nobuo"


def test_a_country_before_a_name_is_not_part_of_it(tagger):
    text = (
        "Defense Minister Prabowo Subianto held a closed meeting with the visiting Deputy Prime Minister and "
        "Defence Minister of Australia Richard Marles in Jakarta."
    )
    tagged = tag(tagger, text, title="Prabowo holds closed meeting with visiting Marles")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("AU") == "Richard Marles"


def test_senator_is_a_title_not_a_name(tagger):
    text = (
        "The Minister for Defence, Hon. Dr Wayne Mapp, met his Australian counterpart, Senator John Faulkner, "
        "in Sydney today."
    )
    tagged = tag(tagger, text, title="ANZAC Defence Ministers hold meeting", source="New Zealand Government")
    names = {p.country: p.name for m in tagged.held_meetings for p in m.participants}
    assert names.get("AU") == "John Faulkner"


def test_a_counterpart_named_only_by_a_listed_name_takes_part(tagger):
    text = "Singapore defence minister Ng Eng Hen held a bilateral meeting with his counterpart Prawit Wongsuwan."
    tagged = tag(tagger, text, title="Ng Eng Hen meets Thai DPM", source="The Straits Times")
    assert (tagged.host_country, tagged.counterpart_countries) == ("SG", ["TH"])


def test_a_recalled_meeting_between_two_foreign_principals_is_not_the_hosts(tagger):
    text = (
        "Defence Minister Rajnath Singh will meet his US counterpart Lloyd Austin next week.\n"
        "Lloyd Austin first went to Japan, where he met his Japanese counterpart Yasukazu Hamada in Tokyo."
    )
    tagged = tag(tagger, text, title="Defence Minister Rajnath Singh to meet US counterpart next week")
    assert not tagged.is_defense_ministerial_meeting


# Second round (all 12 batches as development copy): hard negatives first.


def test_a_known_principal_titled_chief_of_the_general_staff_is_no_principal(tagger):
    text = (
        "Defence Minister Rajnath Singh on Monday held talks with Vietnam's Chief of the General Staff "
        "General Phan Van Giang.\nEarlier in the day, Phan Van Giang met Army Chief General Bipin Rawat."
    )
    assert not tag(
        tagger, text, title="Rajnath Singh holds talks with Vietnamese army chief"
    ).is_defense_ministerial_meeting


def test_a_headline_hosts_is_the_head_of_states_meeting_of_the_body(tagger):
    text = (
        "President Sheikh Mohamed bin Zayed Al Nahyan on Monday received the visiting Turkish defence minister "
        "Hulusi Akar.\nThe two sides discussed prospects for cooperation.\nAttending the meeting were Mohammed bin "
        "Ahmed Al Bowardi, Minister of State for Defence Affairs, and other officials."
    )
    tagged = tag(tagger, text, title="UAE: Mohamed bin Zayed hosts Turkish defence minister", source="Gulf News (WAM)")
    assert not tagged.is_defense_ministerial_meeting


def test_a_party_after_a_later_planned_trigger_is_in_the_planned_meeting(tagger):
    text = (
        "Singh said he had been warmly received by Assistant Minister for Defence Peter Khalil on arrival, "
        "and that he looked forward to a bilateral meeting with Richard Marles, Defence Minister of Australia."
    )
    assert not tag(tagger, text, title="Rajnath Singh lands in Canberra").is_defense_ministerial_meeting


def test_a_party_in_a_later_clause_after_a_semicolon_is_in_its_own_clauses_meeting(tagger):
    text = (
        "Defence Minister A K Antony said India had held officials' talks with Pakistan; after that, the German "
        "defence minister would accompany the German chancellor on a visit."
    )
    tagged = tag(tagger, text, title="India turns down Chinese general", source="The Times of India")
    assert "DE" not in tagged.counterpart_countries


def test_a_meeting_between_an_officer_and_one_sides_principal_is_no_meeting(tagger):
    text = (
        "The agreement came at a meeting in Nairobi between Chief of the Naval Staff Admiral Zafar Mahmood "
        "Abbasi and Kenyan Defence Cabinet Secretary Raychelle Omamo."
    )
    tagged = tag(
        tagger, "ISLAMABAD: " + text, title="Pakistan and Kenya agree to boost defence collaboration", source="ARY News"
    )
    assert not tagged.is_defense_ministerial_meeting


def test_a_pronoun_carries_on_a_deputy_ministers_subject(tagger):
    text = (
        "Deputy Defence Minister Nguyen Chi Vinh held talks with his Japanese counterpart.\n"
        "Earlier he met Japanese Minister of Defence Taro Kono."
    )
    tagged = tag(tagger, text, title="Vietnam and Japan hold defence consultations", source="VietnamPlus (VNA)")
    assert not tagged.is_defense_ministerial_meeting


def test_a_deputy_prime_minister_who_is_defence_minister_still_hosts(tagger):
    text = (
        "Deputy Prime Minister and Minister of State for Defense Affairs Khalid bin Mohammed Al Attiyah met "
        "the visiting US Secretary of Defense Lloyd Austin."
    )
    tagged = tag(tagger, text, title="Deputy PM holds meeting with US Secretary of Defense")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["US"]


def test_a_coordinated_verb_after_due_to_is_planned(tagger):
    text = (
        "Defense Minister Ahn Gyu-back is due to visit Japan next week and meet his Japanese counterpart, "
        "Shinjiro Koizumi."
    )
    assert not tag(tagger, text, title="Ahn to visit Japan").is_defense_ministerial_meeting


def test_so_that_he_can_hold_talks_is_planned(tagger):
    text = (
        "Officials said Seoul and Tokyo are fine-tuning details so that Ahn Gyu-back can make a visit and hold "
        "talks with Shinjiro Koizumi."
    )
    assert not tag(tagger, text, title="Ahn may visit Japan").is_defense_ministerial_meeting


def test_a_present_progressive_with_a_future_day_is_planned(tagger):
    text = "Defence Secretary John Healey is meeting US counterpart Pete Hegseth in Washington on Thursday."
    assert not tag(tagger, text, title="Who is John Healey?").is_defense_ministerial_meeting


def test_to_before_a_determiner_is_a_preposition_not_a_plan(tagger):
    text = (
        "Referring to the meeting with his Greek counterpart Nikolaos Panagiotopoulos, Defense Minister Hulusi "
        "Akar told reporters that problems can be solved through dialogue."
    )
    tagged = tag(tagger, text, title="Akar says he pressed Greek counterpart for dialogue")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["GR"]


def test_a_one_country_title_is_no_principal_in_a_story_that_never_names_that_country(tagger):
    text = (
        "India and Bangladesh held their Annual Defence Dialogue in Dhaka. The meeting was co-chaired by Defence "
        "Secretary Shri Giridhar Aramane and his Bangladeshi counterpart, Lt Gen Waker-Uz-Zaman."
    )
    assert not tag(
        tagger, text, title="India and Bangladesh hold Annual Defence Dialogue"
    ).is_defense_ministerial_meeting


def test_a_title_before_level_is_no_person(tagger):
    text = "Defence Minister A K Antony said India was holding defence secretary level talks with Pakistan."
    tagged = tag(tagger, text, title="India, Pakistan talks", source="The Times of India")
    assert not tagged.is_defense_ministerial_meeting


def test_a_subject_list_with_a_principal_is_a_principals_meeting(tagger):
    text = (
        "President Yoon Suk Yeol and Defense Minister Lee Jong-sup received U.S. Defense Secretary Lloyd Austin "
        "in Seoul."
    )
    tagged = tag(tagger, text, title="Yoon and Lee receive Austin", source="Yonhap")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["US"]


def test_an_invitation_to_visit_does_not_unmake_the_talks_it_closes(tagger):
    text = (
        "The pledge came at a bilateral meeting between Minister of National Defence Tea Seiha and Chinese "
        "Defense Minister Dong Jun in Singapore.\nSeiha invited Dong to make an official visit to Cambodia."
    )
    tagged = tag(
        tagger, text, title="Cambodian and Chinese defence chiefs vow closer ties", source="The Phnom Penh Post"
    )
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["CN"]
    assert tagged.host_country == "KH"


# Participant names as the story writes them.


def _names(tagged) -> dict:
    return {p.country: p.name for m in tagged.held_meetings for p in m.participants}


def test_a_gazetteer_name_written_only_by_surname_is_given_as_written(tagger):
    text = "Minister Kasciunas said he and Minister Umerov had discussed military support to Ukraine."
    tagged = tag(tagger, text, title="Lithuanian DefMin holds talks with Ukraine's defence minister", source="LRT")
    assert _names(tagged).get("UA") == "Umerov"


def test_a_name_after_the_country_of_a_title_is_the_title_holders(tagger):
    text = (
        "The Minister of National Defense of Turkey Yashar Guler met the Minister of Defense of Greece "
        "Alkividiadis Stefanis in Brussels."
    )
    assert _names(tag(tagger, text, title="Yashar Guler holds meeting")).get("GR") == "Alkividiadis Stefanis"


def test_a_portuguese_e_is_part_of_the_name(tagger):
    text = "Secretary of Defense Jim Mattis met Brazilian Defense Minister Joaquim Silva e Luna in Brasilia."
    assert _names(tag(tagger, text, title="Mattis meets Brazilian counterpart")).get("BR") == "Joaquim Silva e Luna"


def test_a_title_word_before_a_name_is_no_part_of_it(tagger):
    text = (
        "Minister of National Defense Wei Fenghe held video talks with South Africa's Minister of Defence and "
        "Military Veterans Thandi Modise on March 1."
    )
    assert _names(tag(tagger, text, title="Chinese defense minister holds video talks")).get("ZA") == "Thandi Modise"


def test_a_credit_naming_a_government_body_of_a_country_is_the_outlet(tagger):
    text = (
        "On July 8, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, and Mr. KIHARA Minoru, Minister of "
        "Defense of Japan, held the Japan-Philippines 2+2 with Hon. Gilberto C. Teodoro Jr., Secretary of National "
        "Defense of the Republic of the Philippines."
    )
    tagged = tag(
        tagger,
        text,
        title="Japan and Philippines hold 2+2",
        source="Inquirer.net (Ministry of Foreign Affairs of Japan release)",
        url="https://business.inquirer.net/470667/story",
    )
    assert (tagged.host_country, tagged.counterpart_countries) == ("JP", ["PH"])


def test_a_verb_after_a_comma_and_is_not_planned_by_an_earlier_clause(tagger):
    text = (
        "The three ministers announced plans to deepen cooperation, and later met with Philippine Secretary of "
        "National Defense Gilberto Teodoro Jr. for a quadrilateral meeting."
    )
    tagged = tag(tagger, text, title="Austin hosts counterparts in Hawaii", source="U.S. Department of Defense")
    assert "PH" in tagged.counterpart_countries


def test_a_deputy_prime_ministers_title_leaves_a_known_principal_a_principal(tagger):
    text = (
        "Defense Secretary Pete Hegseth hosted Australia's Deputy Prime Minister Richard Marles at the Pentagon "
        "on Friday."
    )
    tagged = tag(
        tagger, "WASHINGTON (AP) — " + text, title="Hegseth hosts Australia's Marles", source="Associated Press"
    )
    assert tagged.counterpart_countries == ["AU"]


def test_to_meet_a_request_is_no_meeting_verb(tagger):
    text = (
        "In talks with Japanese Defense Minister Itsunori Onodera in Brunei, U.S. Defense Secretary Chuck Hagel "
        "promised to meet quickly Onodera's request for more information, the officials said.\n"
        "Onodera and Hagel plan to hold a two-plus-two meeting in Tokyo in October."
    )
    tagged = tag(tagger, text, title="Japan and U.S. set to begin revising defense guidelines", source="Kyodo News")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["US"]


def test_in_talks_with_then_a_past_verb_is_the_held_talks_not_the_planned_ones(tagger):
    text = (
        "In talks with Japanese Defense Minister Itsunori Onodera in Brunei, U.S. Defense Secretary Chuck Hagel "
        "pledged more information on the accident.\nOnodera and Hagel plan to hold a two-plus-two meeting in "
        "Tokyo in October."
    )
    tagged = tag(tagger, text, title="Japan and U.S. defense chiefs", source="Kyodo News")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["US"]


def test_talks_on_a_month_date_long_before_the_story_are_background(tagger):
    text = (
        "At the reception, Gen. Vinh said the two ministries have kept up exchanges through virtual channels.\n"
        "The Defense Ministers of Vietnam and Japan held online talks on July 20."
    )
    art = article(text, title="Deputy Defense Minister hosts Japanese Ambassador")
    art = type(art)(**{**{f: getattr(art, f) for f in art.__struct_fields__}, "published": "2020-12-06T00:00:00Z"})
    assert not tagger.tag(art).is_defense_ministerial_meeting


# Meetings told without a meeting verb between the two principals.


def test_the_two_ministers_discussed_is_a_meeting_of_the_storys_two_principals(tagger):
    text = (
        "Robles restated the need to keep supporting Ukraine.\nLikewise, Wallace said helping Ukraine is a moral "
        "obligation.\nThe two ministers also discussed the recent evacuation of civilian personnel from Sudan."
    )
    tagged = tag(tagger, text, title="Robles and British counterpart stress Spain-UK harmony", source="La Moncloa")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["GB"]


def test_the_two_ministers_of_a_story_with_one_named_principal_is_no_meeting(tagger):
    text = "Robles restated the need to keep supporting Ukraine.\nThe two ministers also discussed Sudan."
    assert not tag(tagger, text, title="Robles on Ukraine", source="La Moncloa").is_defense_ministerial_meeting


def test_a_2_plus_2_with_the_ministers_of_both_countries_counts_the_other_country(tagger):
    text = (
        "Russian Defense Minister Sergei Shoigu called Brazil an important strategic partner of Moscow.\n"
        "On Wednesday, the two sides held their first bilateral meeting in the 2+2 format in Moscow, with the "
        "foreign and defence ministers of both countries, as part of Brazilian President Jair Bolsonaro's visit."
    )
    tagged = tag(
        tagger, text, title="Russian Defence Minister calls Brazil Moscow's strategic partner", source="Sputnik"
    )
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["BR"]
    assert _names(tagged).get("BR") is None  # the president's name is not the minister's


def test_a_short_name_inside_a_hyphenated_name_is_not_that_person(tagger):
    text = (
        "Kuwait's Foreign Minister and Acting Defense Minister Sheikh Dr Ahmad Nasser Al-Mohammad Al-Sabah and "
        "Army Chief of Staff Lieutenant General Mohammad Al-Khodhr were present.\n"
        "Sheikh Dr Ahmad Nasser Al-Mohammad also held talks with the visiting Italian Defense Minister."
    )
    tagged = tag(tagger, text, title="Kuwait receives visiting Italian Defense Minister", source="Kuwait Times (KUNA)")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["IT"]


def test_a_known_defence_principal_beats_a_foreign_ministers_counterpart_for_the_name(tagger):
    text = (
        "The foreign and defence ministers of New Zealand and Australia met today in the 2+2 format.\n"
        "It is the first meeting between Peters and his Australian counterpart Penny Wong, and the second "
        "between Collins and her counterpart, Richard Marles."
    )
    tagged = tag(tagger, text, title="New Zealand, Australian Foreign and Defence Ministers meet", source="RNZ")
    assert _names(tagged).get("AU") == "Richard Marles"


def test_a_pronoun_after_a_head_of_states_meeting_with_a_principal_is_that_principal(tagger):
    text = (
        "President Yoon Suk Yeol received Secretary of Defense Lloyd J. Austin III on Monday.\n"
        "He later met South Korean Defense Minister Shin Won-sik at the ministry."
    )
    tagged = tag(tagger, text, title="Austin in Seoul", source="U.S. Department of Defense")
    assert tagged.is_defense_ministerial_meeting and tagged.counterpart_countries == ["KR"]


def test_a_country_leads_two_joined_titles_with_of_inside_the_first(tagger):
    # fifth round (batches 29-37): "Ghana's Minister of Finance and Acting Minister of Defence" is Ghana's principal
    text = (
        "Ghana's Minister of Finance and Acting Minister of Defence, Dr. Cassiel Ato Baah Forson, has held talks "
        "in Cairo with Egypt's Minister of Defence, General Abdel-Meguid Saqr."
    )
    tagged = tag(tagger, text, title="Ghana, Egypt strengthen defence ties")
    assert tagged.is_defense_ministerial_meeting
    assert tagged.host_country == "GH" and tagged.counterpart_countries == ["EG"]


def test_a_second_joined_title_with_its_own_of_country_keeps_it(tagger):
    # fifth round: "Minister of Defense of Kazakhstan X and Minister of Defense of Azerbaijan Y met": the second
    # title names its own country, so the first one's country is not borrowed
    text = (
        "ASTANA. KAZINFORM - Minister of Defense of Kazakhstan Imangali Tasmagambetov and Minister of Defense of "
        "Azerbaijan Zakir Gassanov met in Astana today."
    )
    tagged = tag(tagger, text, title="Ministers of Defense of Kazakhstan and Azerbaijan approved cooperation plan")
    assert tagged.is_defense_ministerial_meeting
    assert tagged.host_country == "KZ" and tagged.counterpart_countries == ["AZ"]


def test_plural_title_of_countries_each_followed_by_its_minister(tagger):
    # fifth round: "the Defense Ministers of Armenia Vigen Sargsyan and Georgia Levan Izoria held a private meeting"
    text = (
        "YEREVAN, DECEMBER 21, ARMENPRESS. After the official welcome ceremony in Tbilisi, the Defense Ministers of "
        "Armenia Vigen Sargsyan and Georgia Levan Izoria held a private meeting."
    )
    tagged = tag(tagger, text, title="Armenian Defense Minister on official visit to Georgia")
    assert tagged.is_defense_ministerial_meeting
    assert tagged.host_country == "AM" and tagged.counterpart_countries == ["GE"]


def test_to_attend_a_meeting_in_a_headline_is_planned(tagger):
    # fifth round: a headline's "to attend ... meeting" (infinitive + plan verb before a meeting noun) is a plan
    text = (
        "Minister of Defence Antti Häkkänen is to attend a meeting of NATO ministers of defence at NATO's "
        "Headquarters in Brussels on 13 to 14 June 2024."
    )
    tagged = tag(tagger, text, title="Minister of Defence Häkkänen to attend NATO defence minister meeting")
    assert not tagged.is_defense_ministerial_meeting


def test_to_be_attending_a_meeting_is_not_a_plan(tagger):
    text = (
        "Talks were held by General Phan Van Giang and General Tea Seiha.\n"
        "At the talks, Vietnamese Defense Minister General Phan Van Giang said he was delighted to be attending the "
        "meeting of Defense Ministers of Vietnam, Laos, and Cambodia."
    )
    tagged = tag(tagger, text, title="Vietnam, Cambodia to boost bilateral defense cooperation")
    assert tagged.is_defense_ministerial_meeting


def test_a_director_generals_counterpart_is_no_principal(tagger):
    # fifth round: a ministry's director-general and "his Australian counterpart" are officials, not ministers
    text = (
        "In the 16th round of the South Korea-Australia defense policy working-level meeting, Director-General of "
        "International Policy Yoon Soon-ku and his Australian counterpart Scott Dewar talked about regional security."
    )
    tagged = tag(tagger, text, title="S. Korea, Australia hold working-level defense talks")
    assert not tagged.is_defense_ministerial_meeting
