"""Figures for the organisers and the funder: what an event and a series counted
(registrations by state and by day, attendance, countries, kinds of organisation, themes,
languages, returning participants, the survey's results).

- queries.py: the reads, aggregated in the database with a bounded number of queries, and
  which registrations count (its docstring);
- present.py: the figures labelled in the reader's language, the charts' geometry and the
  definitions in words, for the pages and the files alike;
- export.py: the funder's XLSX (a sheet for the series and one per event) and CSV.
"""
