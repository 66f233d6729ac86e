"""A link's token in a log line as a client sent it: percent-encoded (a mail client or a
scanner that escapes the signed value's ":"), on a path that resolves to nothing."""

import pytest

from core.log_redaction import redact
from registrations import links
from tests.test_registrations_factories import participant_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/registration/me/{}/", "/xx/registration/me/{}/",
                                  "/en/registration/m/{}/"])
def test_a_percent_encoded_token_is_redacted_in_a_request_line(path):
    token = links.personal_token(participant=participant_create()).replace(":", "%3A")

    line = redact(f'"GET {path.format(token)} HTTP/1.1" 404 179')

    assert line == f'"GET {path.format("[token]")} HTTP/1.1" 404 179'


def test_a_percent_encoded_ordinary_segment_stays_readable():
    assert redact('"GET /en/search/caf%C3%A9-and-more-words/ HTTP/1.1" 404 1') == (
        '"GET /en/search/caf%C3%A9-and-more-words/ HTTP/1.1" 404 1')
