"""The pitch session's public pages: lineup (pitches/views/__init__.py)."""

urlpatterns: list = []
