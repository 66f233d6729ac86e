"""Matchmaking in the workspace (TO BE WRITTEN): settings, networking blocks, "schedule
all", figures (orga.run_matchmaking: organisers only)."""

urlpatterns: list = []
