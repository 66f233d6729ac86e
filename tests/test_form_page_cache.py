"""events.page_cache.form_page_cached: one rendering for everyone, each visitor's own values
filled in — and a visitor's link never shown to another."""

import re

import pytest
from django.test import RequestFactory
from django.urls import resolve

from events import page_cache

CONFIRM_PATH = "/en/registration/confirm/{}/"
TEMPLATES = {
    # shows the token in its slot (the language switch) and a name and the CSRF token
    "slots.html": "{% load i18n %}{% for link in language_links %}<a href=\"{{ link.url }}\">"
                  "{% endfor %}<p>Hello {{ name }}</p><form>{% csrf_token %}</form>",
    # the page's own address, through the request: slotted too
    "path.html": "<p>{{ request.path }} {{ request.get_full_path }}</p>",
    # a link from the context, made with the token: outside any slot
    "link.html": "<p>{{ link }}</p><p>Hello {{ name }}</p>",
}


@pytest.fixture(autouse=True)
def _templates(settings):
    settings.TEMPLATES = [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)],
                    "context_processors": settings.TEMPLATES[0]["OPTIONS"]["context_processors"]},
    }]


def page(token: str, *, name: str, template: str = "slots.html",
         renders: list | None = None) -> str:
    request = RequestFactory().get(CONFIRM_PATH.format(token))
    request.resolver_match = resolve(request.path)

    def context() -> dict:
        if renders is not None:
            renders.append(token)
        return {"link": f"/registration/confirm/{token}/"}

    response = page_cache.form_page_cached(request, key="k", template=template,
                                           context=context,
                                           personal={"name": name, "token": token})
    return response.content.decode()


def test_rendered_once_each_visitor_gets_their_own_values():
    renders = []

    alice = page("alice-token:1", name="Alice <i>", renders=renders)
    bob = page("bob-token:2", name="Bob & Co", renders=renders)

    assert renders == ["alice-token:1"]
    assert "/de/registration/confirm/bob-token:2/" in bob and "alice-token" not in bob
    assert "Hello Bob &amp; Co" in bob and "Hello Alice &lt;i&gt;" in alice
    assert re.search(r'name="csrfmiddlewaretoken" value="\w{64}"', bob)
    assert "slot" not in alice + bob


def test_a_value_that_looks_like_a_slot_stays_text():
    page("alice-token", name="Alice")

    bob = page("bob-token", name="slotcsrf_tokenslot slot0000000000000000nameslot0000000000000000")

    assert "Hello slotcsrf_tokenslot slot0000000000000000nameslot0000000000000000" in bob


def test_the_pages_own_address_is_slotted_too():
    page("alice-token", name="Alice", template="path.html")

    bob = page("bob-token", name="Bob", template="path.html")

    assert "<p>/en/registration/confirm/bob-token/ /en/registration/confirm/bob-token/</p>" in bob


def test_a_page_that_shows_the_token_outside_its_slot_is_not_kept(caplog):
    renders = []

    alice = page("alice-token", name="Alice", template="link.html", renders=renders)
    bob = page("bob-token", name="Bob", template="link.html", renders=renders)

    assert renders == ["alice-token", "alice-token", "bob-token", "bob-token"]
    assert "<p>/registration/confirm/bob-token/</p>" in bob and "alice" not in bob.lower()
    assert "<p>/registration/confirm/alice-token/</p>" in alice
    assert "outside its slot" in caplog.text


def test_a_token_that_a_url_would_write_differently_is_rendered_directly():
    renders = []

    first = page("tök%en", name="Alice", renders=renders)
    page("tök%en", name="Alice", renders=renders)

    assert renders == ["tök%en", "tök%en"]
    assert "/de/registration/confirm/t%C3%B6k%25en/" in first


def test_a_request_not_resolved_from_a_url_is_rendered_directly():
    request = RequestFactory().get("/somewhere/")

    response = page_cache.form_page_cached(request, key="k", template="link.html",
                                           context=lambda: {"link": "/here/"},
                                           personal={"name": "Ann & Bo"})

    assert "<p>/here/</p><p>Hello Ann &amp; Bo</p>" in response.content.decode()
