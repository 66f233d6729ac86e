"""The pitch session's public pages: vote (pitches/views/__init__.py)."""

urlpatterns: list = []
