"""The survey after an event: sending it to the event's attendees (its results are part of
the figures, orga/views/figures.py)."""

urlpatterns = []
