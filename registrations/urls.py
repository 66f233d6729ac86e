from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    # registering for a series or its events
    path("series/<slug:series>/register/", views.register, name="register"),
    path("series/<slug:series>/register/sent/", views.register_sent, name="sent"),
    path("series/<slug:series>/participants/", views.participant_list, name="participants"),
    # the confirmation link
    path("registration/confirm/<str:token>/", views.confirm, name="confirm"),
    # the personal page, through the signed personal link
    path("registration/me/<str:token>/", views.personal, name="personal"),
    path("registration/me/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registration/me/<str:token>/add/", views.add, name="add"),
    path("registration/me/<str:token>/settings/", views.change_settings, name="settings"),
    path("registration/me/<str:token>/calendar.ics", views.personal_calendar, name="calendar"),
    path("registration/me/<str:token>/data.json", views.export, name="export"),
    path("registration/me/<str:token>/delete/", views.delete, name="delete"),
    # asking for the personal link again
    path("registration/link/", views.link_request, name="link_request"),
    path("registration/link/sent/", views.link_sent, name="link_sent"),
]
