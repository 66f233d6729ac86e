"""The survey after an event, answered through the participant's personal link."""

app_name = "feedback"

urlpatterns = []
