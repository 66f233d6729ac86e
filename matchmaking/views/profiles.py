"""The participant's matchmaking pages: profiles (TO BE WRITTEN)."""

urlpatterns: list = []
