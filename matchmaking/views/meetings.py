"""The participant's matchmaking pages: meetings (TO BE WRITTEN)."""

urlpatterns: list = []
