"""Organiser views: audit (to be built; its URL patterns are mounted under a series)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
