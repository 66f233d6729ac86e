"""The pitch session's public pages, by subject: apply (from the personal page), lineup
(confirming a slot, the public line-up), vote (the audience's vote). Each module keeps its
URL patterns beside its views; pitches/urls.py mounts them."""
