"""The participant's matchmaking pages: people (TO BE WRITTEN)."""

urlpatterns: list = []
