"""The language switch of a page: {% site_language_links as language_links %} in base.html."""

from django import template

from clustermeet.context_processors import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def site_language_links(context: template.Context) -> list[dict]:
    """The current page in each language the switch offers: on a page of a series the
    languages it publishes (and the current one), elsewhere every interface language."""
    request = context.get("request")
    if request is None:  # rendered without a request (the 500 page): what the context has
        return context.get("language_links", [])
    match = request.resolver_match
    in_workspace = match is not None and "orga" in match.namespaces  # all five languages
    return language_links(request, series=None if in_workspace else context.get("series"))
