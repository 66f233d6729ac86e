from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    # series
    path("series/<slug:series>/", views.series_detail, name="series"),
    path("series/<slug:series>/calendar.ics", views.series_calendar, name="series_calendar"),
    path("series/<slug:series>/style.css", views.series_style, name="series_style"),
    # events
    path("series/<slug:series>/events/", views.event_list, name="event_list"),
    path("series/<slug:series>/events/<slug:event>/", views.event_detail, name="event"),
    path("series/<slug:series>/events/<slug:event>/calendar.ics", views.event_calendar,
         name="event_calendar"),
    # people and organisations
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
