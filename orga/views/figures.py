"""Figures: the dashboards of an event and of the series, and the funder's export (XLSX and CSV)."""

urlpatterns = []
