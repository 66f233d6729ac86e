"""The ranking of suggestions (matchmaking.suggest), pure: which complementarity scores how
much, the reasons given in a fixed order, who is left out, the order of equals, and words
in any script (Bulgarian Cyrillic included)."""

from matchmaking import suggest
from matchmaking.suggest import Person, Reason


def test_words_are_case_folded_letters_of_four_or_more_without_stop_words():
    assert suggest.words("Smart SENSORS for the city, 5G and IoT; with our partners") == {
        "smart", "sensors", "city"}


def test_words_of_cyrillic_and_accented_texts_are_found():
    assert suggest.words("Търсим СЕНЗОРИ за умни градове") == {"сензори", "умни", "градове"}
    assert suggest.words("Straßenbeleuchtung, Wärmepumpen") == {
        "strassenbeleuchtung", "wärmepumpen"}


def test_a_theme_they_offer_that_the_viewer_looks_for_scores_and_is_named():
    viewer = Person(id=1, need_themes=("Mobility", "Energy"), country="DE")
    other = Person(id=2, offer_themes=("Energy", "Health"), country="DE")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert suggestion.score == suggest.THEME_MATCH
    assert suggestion.reasons == (Reason(suggest.OFFERS_NEEDED, themes=("Energy",)),)


def test_a_theme_they_look_for_that_the_viewer_offers_scores_too():
    viewer = Person(id=1, offer_themes=("Energy",), country="DE")
    other = Person(id=2, need_themes=("Energy",), country="DE")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert suggestion.score == suggest.THEME_MATCH
    assert suggestion.reasons == (Reason(suggest.NEEDS_OFFERED, themes=("Energy",)),)


def test_words_count_both_ways_and_are_shown_sorted_at_most_three():
    viewer = Person(id=1, need="pilot customers for sensors", offer="software platforms",
                    country="DE")
    other = Person(id=2, offer="Sensors and pilot projects with customers, drones",
                   need="a platform? no: SOFTWARE", country="DE")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert suggestion.reasons == (
        Reason(suggest.WORDS_OFFERED, words=("customers", "pilot", "sensors")),
        Reason(suggest.WORDS_NEEDED, words=("software",)))
    assert suggestion.score == 4 * suggest.WORD_MATCH


def test_words_count_at_most_five_each_way():
    text = "alpha bravo charlie delta echoes foxtrot golf hotel"
    viewer = Person(id=1, need=text, country="DE")
    other = Person(id=2, offer=text, country="DE")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert suggestion.score == suggest.WORDS_COUNTED * suggest.WORD_MATCH
    assert suggestion.reasons[0].words == ("alpha", "bravo", "charlie")


def test_cyrillic_words_match():
    viewer = Person(id=1, need="Търсим сензори за градове", country="DE")
    other = Person(id=2, offer="Произвеждаме сензори", country="DE")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert suggestion.reasons == (Reason(suggest.WORDS_OFFERED, words=("сензори",)),)


def test_shared_themes_count_those_not_named_already():
    viewer = Person(id=1, need_themes=("Energy",), interests=("Health", "Mobility"),
                    country="DE")
    other = Person(id=2, offer_themes=("Energy",), need_themes=("Health",), country="DE")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert suggestion.reasons == (Reason(suggest.OFFERS_NEEDED, themes=("Energy",)),
                                  Reason(suggest.SHARED_THEMES, themes=("Health",)))
    assert suggestion.score == suggest.THEME_MATCH + suggest.SHARED_THEME


def test_a_new_country_counts_unless_known_or_the_viewers_own():
    viewer = Person(id=1, country="DE")
    bulgarian, italian, german = (Person(id=2, country="BG"), Person(id=3, country="IT"),
                                  Person(id=4, country="DE"))
    ranked = suggest.suggestions(viewer, [bulgarian, italian, german],
                                 known_countries={"IT"})
    assert [(item.person.id, item.score, item.reasons) for item in ranked] == [
        (2, suggest.NEW_COUNTRY, (Reason(suggest.NEW_COUNTRY_KIND, country="BG"),))]


def test_the_viewer_the_excluded_and_those_scoring_nothing_are_left_out():
    viewer = Person(id=1, offer_themes=("Energy",), country="DE")
    ranked = suggest.suggestions(viewer, [
        Person(id=1, need_themes=("Energy",), country="DE"),
        Person(id=2, need_themes=("Energy",), country="DE"),
        Person(id=3, need_themes=("Energy",), country="DE"),
        Person(id=4, need_themes=("Water",), country="DE")], excluded=[3])
    assert [item.person.id for item in ranked] == [2]


def test_the_order_is_score_then_id_and_the_limit_holds():
    viewer = Person(id=1, need_themes=("Energy", "Mobility"), country="DE")
    ranked = suggest.suggestions(viewer, [
        Person(id=9, offer_themes=("Energy",), country="DE"),
        Person(id=5, offer_themes=("Energy", "Mobility"), country="DE"),
        Person(id=7, offer_themes=("Mobility",), country="DE"),
        Person(id=3, offer_themes=("Energy",), country="BG")])
    assert [(item.person.id, item.score) for item in ranked] == [(5, 6), (3, 5), (7, 3),
                                                                  (9, 3)]
    assert [item.person.id for item in suggest.suggestions(
        viewer, [Person(id=9, offer_themes=("Energy",)), Person(id=5, offer_themes=("Energy",))],
        limit=1)] == [5]


def test_reasons_come_in_a_fixed_order():
    viewer = Person(id=1, need_themes=("Mobility",), offer_themes=("Energy",),
                    need="batteries", offer="charging", interests=("Health",), country="DE")
    other = Person(id=2, offer_themes=("Mobility",), need_themes=("Energy",),
                   offer="batteries", need="charging", interests=("Health",), country="BG")
    [suggestion] = suggest.suggestions(viewer, [other])
    assert [reason.kind for reason in suggestion.reasons] == [
        suggest.OFFERS_NEEDED, suggest.NEEDS_OFFERED, suggest.WORDS_OFFERED,
        suggest.WORDS_NEEDED, suggest.SHARED_THEMES, suggest.NEW_COUNTRY_KIND]
    assert suggestion.score == 3 + 3 + 1 + 1 + 1 + 2
