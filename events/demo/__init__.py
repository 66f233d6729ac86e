"""The demo series from the seed: SmartCT Clusters, organised by NEU e.V.

The data are plain structures; a text that visitors read is a dict of language code to text
({"de": ..., "en": ...}) and lands in modeltranslation's per-language columns (title_de,
title_en). Dates are relative to `today`: the Leipzig kick-off lies three days back, the
other events follow a week apart, so Sofia is always the next event.

`demo_load` is idempotent: it updates or creates every row by its slug (talks by their order
in the event), so running it twice leaves one copy of everything.
"""

from events.demo.load import demo_load

__all__ = ["demo_load"]
