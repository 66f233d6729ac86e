from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri


def _page_in(request: HttpRequest, code: str) -> str:
    """The current page in another interface language, from the URL already resolved
    (translate_url would resolve it again for every language)."""
    match = request.resolver_match
    if match is None:  # a missing page: the same path under the other language's prefix,
        # else that language's start page (never the bare path: //evil.example/ is off the site)
        current = f"/{translation.get_language()}/"
        path = request.get_full_path()
        return f"/{code}/{path[len(current):]}" if path.startswith(current) else f"/{code}/"
    try:
        with translation.override(code):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return translate_url(request.get_full_path(), code)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path


def site(request: HttpRequest) -> dict:
    """The language switch: the current page in each interface language."""
    return {
        "language_links": [
            {"code": code, "name": name,
             "url": _page_in(request, code)}
            for code, name in settings.LANGUAGES
        ],
    }
