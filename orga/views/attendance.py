"""Attendance of an event: importing the video tool's report (upload, preview, matching,
saving) and the check-in page for on-site and hybrid events."""

urlpatterns = []
