"""core.db.insert_unless_taken: one statement, no savepoint, on SQLite and PostgreSQL."""

import pytest
from django.db import transaction
from django.db.models.signals import post_save

from core.db import insert_unless_taken
from mail.models import Mail

pytestmark = pytest.mark.django_db


def mail(cause: str, subject: str = "Hello") -> Mail:
    return Mail(cause=cause, to="erika@example.org", language="de", subject=subject,
                text="Text")


def test_inserts_sets_the_key_and_tells_post_save(django_assert_num_queries):
    saved = []

    def receiver(sender, instance, created, **kwargs):
        saved.append((instance.pk, created))

    post_save.connect(receiver, sender=Mail)
    try:
        new = mail("test:1")
        with django_assert_num_queries(1):
            inserted = insert_unless_taken(new)
    finally:
        post_save.disconnect(receiver, sender=Mail)

    assert inserted and new.pk is not None and not new._state.adding
    assert saved == [(new.pk, True)]
    assert Mail.objects.get(pk=new.pk).subject == "Hello"
    assert Mail.objects.get(pk=new.pk).created_at is not None


def test_a_taken_unique_value_inserts_nothing_and_the_transaction_goes_on():
    first = mail("test:same")
    insert_unless_taken(first)

    with transaction.atomic():
        second = mail("test:same", subject="Other")
        inserted = insert_unless_taken(second)
        after = Mail.objects.count()  # an aborted PostgreSQL transaction would refuse this

    assert not inserted and second.pk is None
    assert after == 1
    assert Mail.objects.get().subject == "Hello"

