"""The survey after an event, answered through the participant's personal link."""

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    # the survey of one event, through the token of the attendee's personal link
    path("feedback/<int:event>/<str:token>/", views.survey, name="survey"),
]
