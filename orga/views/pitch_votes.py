"""The pitch session in the workspace: pitch_votes."""

urlpatterns: list = []
