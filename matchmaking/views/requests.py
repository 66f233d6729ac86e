"""The participant's matchmaking pages: requests (TO BE WRITTEN)."""

urlpatterns: list = []
