"""The registration list's column headers: {% sort_header "name" label %} in
orga/registrations/list.html (one per column, joined in Python: a template per header
cost more than the rows)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context: template.Context, key: str, label: str) -> str:
    """A <th> whose link sorts the list by `key` (ascending, or descending when it is
    sorted ascending by it already), with aria-sort on the column the list is sorted by."""
    sort, query = context["sort"], context["sort_query"]
    ascending, descending = sort == key, sort == f"-{key}"
    target = f"-{key}" if ascending else key
    href = f"?{query}&sort={target}" if query else f"?sort={target}"
    state = "ascending" if ascending else "descending" if descending else ""
    return format_html(
        '<th scope="col"{}><a href="{}" hx-get="{}" hx-target="#results" hx-select="#results" '
        'hx-swap="outerHTML" hx-push-url="true">{}{}</a></th>',
        format_html(' aria-sort="{}"', state) if state else "", href, href, label,
        format_html(' <span aria-hidden="true">{}</span>', "↑" if ascending else "↓")
        if state else "")
