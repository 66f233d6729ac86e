"""The pitch session in the workspace: pitch_lineup."""

urlpatterns: list = []
