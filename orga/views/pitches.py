"""The pitch session in the workspace: pitches."""

urlpatterns: list = []
