"""The workspace leads to the pitch session's pages: its event page names them for the
organisers (not for a coordinator, who may open none of them), and the pitches' own pages
link to the line-up and the vote."""

import pytest
from django.urls import reverse

from orga.models import TeamMember
from tests.orga_world import client_as, orga_world
from tests.pitch_factories import pitch_call_create

pytestmark = pytest.mark.django_db


def test_the_pitch_sessions_event_page_links_its_pages_for_the_organisers_only(client):
    world = orga_world()
    call = pitch_call_create(series=world.series)
    call.event.region = world.leipzig_region
    call.event.save()
    page = reverse("orga:event_detail", kwargs={"series": "connect", "event": call.event_id})
    links = [reverse("orga:pitch_call", kwargs={"series": "connect"}),
             reverse("orga:pitch_applications", kwargs={"series": "connect"}),
             reverse("orga:pitch_lineup", kwargs={"series": "connect"}),
             reverse("orga:pitch_votes", kwargs={"series": "connect", "event": call.event_id})]

    organiser_page = client_as(client, world, "organiser").get(page).content.decode()
    client.logout()
    coordinator_page = client_as(client, world, "leipzig").get(page).content.decode()

    assert all(f'href="{link}"' in organiser_page for link in links)
    assert "<h2>Pitch session</h2>" in organiser_page
    assert not any(f'href="{link}"' in coordinator_page for link in links)
    assert TeamMember.objects.get(user=world.users["leipzig"]).role == "coordinator"


def test_the_applications_page_links_the_line_up_and_the_vote(client):
    world = orga_world()
    call = pitch_call_create(series=world.series)

    html = client_as(client, world, "organiser").get(
        reverse("orga:pitch_applications", kwargs={"series": "connect"})).content.decode()

    vote = reverse("orga:pitch_votes", kwargs={"series": "connect", "event": call.event_id})
    assert f'href="{reverse("orga:pitch_lineup", kwargs={"series": "connect"})}"' in html
    assert f'href="{vote}"' in html
