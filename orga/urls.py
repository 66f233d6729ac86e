"""The organiser workspace: /<language>/orga/… . Each area of the workspace keeps its URL
patterns beside its views (orga/views/<area>.py) and they are mounted here under their
series (`series/<slug:series>/…`); every pattern is in the permission matrix of
tests/test_orga_permissions.py."""

from django.urls import include, path

from orga.views import (
    account,
    agenda,
    attendance,
    audit,
    events,
    feedback,
    figures,
    home,
    mails,
    matchmaking,
    pitch_lineup,
    pitch_votes,
    pitches,
    registrations,
    reports,
    setup,
)

app_name = "orga"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("login/verify/", account.login_verify, name="login_verify"),
    path("logout/", account.logout, name="logout"),
    path("account/two-factor/", account.two_factor_setup, name="two_factor"),
    path("account/two-factor/off/", account.two_factor_disable, name="two_factor_disable"),
    path("password/reset/", account.password_reset, name="password_reset"),
    path("password/reset/sent/", account.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", account.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/done/", account.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("", include(setup.urlpatterns)),  # before the overview: series/new/ is not a series
    path("series/<slug:series>/", home.series_overview, name="series_overview"),
    path("series/<slug:series>/", include(events.urlpatterns)),
    path("series/<slug:series>/", include(agenda.urlpatterns)),
    path("series/<slug:series>/", include(registrations.urlpatterns)),
    path("series/<slug:series>/", include(mails.urlpatterns)),
    path("series/<slug:series>/", include(audit.urlpatterns)),
    path("series/<slug:series>/", include(attendance.urlpatterns)),
    path("series/<slug:series>/", include(feedback.urlpatterns)),
    path("series/<slug:series>/", include(figures.urlpatterns)),
    path("series/<slug:series>/", include(reports.urlpatterns)),
    path("series/<slug:series>/", include(pitches.urlpatterns)),
    path("series/<slug:series>/", include(pitch_lineup.urlpatterns)),
    path("series/<slug:series>/", include(pitch_votes.urlpatterns)),
    path("series/<slug:series>/", include(matchmaking.urlpatterns)),
]
