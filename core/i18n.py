"""Languages: the site's interface (settings.LANGUAGES) and its content and mails
(settings.CONTENT_LANGUAGES) speak the same five languages today; a content language the
interface does not speak gets its links in the default language."""

from django.conf import settings


def url_language(language: str) -> str:
    """The interface language for a link given to a reader of `language`: theirs if the
    site speaks it, else the default."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
