"""The per-address limit of the public forms against the spellings of one mailbox that
Django's address check accepts and its mail delivers to the same place: a Unicode domain
and its IDNA form, full-width letters, a zero-width space, a quoted local part."""

import pytest
from django.core.mail.message import sanitize_address
from django.test import Client

from registrations.ratelimit import address_normalised

VARIANTS = [
    "ada@exämple.org",
    "ada@xn--exmple-cua.org",
    "ada@EXÄMPLE.org",
    "ada@ｅｘäｍｐｌｅ.org",  # full-width letters
    "ada@exämple.org\u200b",  # a zero-width space at the end
    '"ada+x"@exämple.org',
]


def test_the_variants_reach_one_mailbox():
    """What the limit must count together: Django sends each of them to the same address."""
    assert {sanitize_address(address, "utf-8") for address in VARIANTS[:-1]} == {
        "ada@xn--exmple-cua.org"}


def test_the_variants_count_as_one_address():
    assert {address_normalised(address) for address in VARIANTS} == {"ada@xn--exmple-cua.org"}
    assert address_normalised("Sam@Straße.de") == address_normalised("sam@strasse.de")


@pytest.mark.django_db
def test_the_link_form_counts_the_variants_of_one_address_together(tasks_immediate):
    """Five requests an hour per address, whichever way it is written, from any IP."""
    answers = []
    for number, address in enumerate(VARIANTS):
        client = Client(REMOTE_ADDR=f"198.51.100.{number}")
        response = client.post("/en/registration/link/", {"email": address})
        answers.append(response.status_code)

    assert answers == [302] * 5 + [400]
