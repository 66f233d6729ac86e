"""Page addresses kept per process (core.urls.page_url) follow the language, the script
prefix and the arguments exactly as Django's reverse does."""

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from core.urls import page_url


@pytest.mark.parametrize("language", ["de", "en", "es", "it", "bg"])
def test_page_url_is_reverse_in_each_language(language):
    with translation.override(language):
        first = page_url("events:speaker", slug="ana-lopez")
        again = page_url("events:speaker", slug="ana-lopez")
        expected = reverse("events:speaker", kwargs={"slug": "ana-lopez"})
    assert first == again == expected == f"/{language}/speakers/ana-lopez/"


def test_page_url_changes_with_the_arguments_and_the_language():
    with translation.override("bg"):
        bulgarian = page_url("events:event", series="smartct", event="sofia")
        other = page_url("events:event", series="smartct", event="leipzig")
    with translation.override("de"):
        german = page_url("events:event", series="smartct", event="sofia")
    assert (bulgarian, other, german) == ("/bg/series/smartct/events/sofia/",
                                          "/bg/series/smartct/events/leipzig/",
                                          "/de/series/smartct/events/sofia/")


def test_page_url_follows_the_script_prefix_of_a_site_below_a_path():
    with translation.override("it"):
        page_url("events:organisation", slug="neu")  # kept for the prefix "/"
        set_script_prefix("/events-site/")
        try:
            below = page_url("events:organisation", slug="neu")
        finally:
            set_script_prefix("/")
        at_root = page_url("events:organisation", slug="neu")
    assert (below, at_root) == ("/events-site/it/organisations/neu/", "/it/organisations/neu/")
