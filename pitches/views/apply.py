"""The pitch session's public pages: apply (pitches/views/__init__.py)."""

urlpatterns: list = []
