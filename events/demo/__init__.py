"""The demo series from the seed: SmartCT Clusters, organised by NEU e.V.

The data are plain structures; a text that visitors read is a dict of language code to text
({"de": ..., "en": ..., "es": ..., "it": ..., "bg": ...}) and lands in modeltranslation's
per-language columns (title_de, title_en, ...). `data` holds the series, themes and regions;
each event is one structure in its own module (`leipzig`, `sofia`, `basque_country`,
`emilia_romagna`, `pitch_session`) with the organisations and speakers it brings and its
agenda; `programme` puts them in order; `report` is the seed's article on Leipzig.

Only the Leipzig kick-off's speakers and organisations are real (the seed names them);
every other person and organisation is invented and marked "fictional": their bio or
description ends with a sentence saying so ("Fictional person: demo data."), their names
of organisations end in "(Demo)", and their websites are under example.org.

Dates are relative to `today`: the Leipzig kick-off lies 2 to 6 days back, on a Tuesday as
in the seed when the window holds one (else on the weekday nearest to it), the other events
follow a week apart, so Sofia is always the next event.

`demo_load` is idempotent: it updates or creates every row by its slug (talks by their order
in the event), so running it twice leaves one copy of everything. The Leipzig participants
are loaded by `registrations.demo.participants_demo_load`.
"""

from events.demo.load import demo_load

__all__ = ["demo_load"]
