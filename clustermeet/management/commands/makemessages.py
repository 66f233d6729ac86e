"""Django's makemessages without fuzzy matching: a new string gets an empty translation to
fill, never a guess from a similar string (a guess marked fuzzy is easily missed and is not
compiled)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
