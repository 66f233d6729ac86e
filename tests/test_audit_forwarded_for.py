"""X-Forwarded-For entries that are not a bare IP address: a proxy that adds the port
("192.0.2.66:4711", "[2001:db8::1]:443"), one that writes "unknown", or — with more
TRUSTED_PROXIES than there are proxies — whatever a visitor wrote. A failed login stores
the address in django-axes' IP address column: such an entry answered 500 on PostgreSQL,
and ports split one address's count."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from tests.test_login_lockout import LIMIT, LOCKED, WRONG_PASSWORD, carol, log_in  # noqa: F401

pytestmark = pytest.mark.django_db


def test_login_lockout_counts_an_address_the_proxy_wrote_with_its_port(client, carol,  # noqa: F811
                                                                       settings):
    settings.TRUSTED_PROXIES = 1
    for n in range(LIMIT):
        log_in(client, f"guess-{n}", "guess", ip="127.0.0.1",
               HTTP_X_FORWARDED_FOR=f"192.0.2.66:{40000 + n}")

    response = log_in(client, "carol", "pw-carol-1", ip="127.0.0.1",
                      HTTP_X_FORWARDED_FOR="192.0.2.66:40999")

    assert (response.status_code, LOCKED in response.content.decode()) == (429, True)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}


@pytest.mark.parametrize("forwarded", ["unknown", "[2001:db8::1]:443", "1.2.3.4:80:90",
                                       "<script>", "2001:db8::1%eth0"])
def test_a_failed_login_with_any_forwarded_entry_is_answered(carol, settings,  # noqa: F811
                                                             forwarded):
    settings.TRUSTED_PROXIES = 2  # one proxy too many: the visitor writes the entry read
    client = Client(raise_request_exception=False)

    response = log_in(client, "carol", "guess", ip="127.0.0.1",
                      HTTP_X_FORWARDED_FOR=f"{forwarded}, 192.0.2.1")

    assert (response.status_code, WRONG_PASSWORD in response.content.decode()) == (200, True)
    [address] = AccessAttempt.objects.values_list("ip_address", flat=True)
    assert address in {"127.0.0.1", "2001:db8::1"}
