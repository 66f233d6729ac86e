from django import template

from attendance.certificates.services import certificate_refusal

register = template.Library()


@register.filter
def certificate_available(registration) -> bool:
    """Whether the personal page offers this registration's certificate (the download
    decides again: attendance.certificates.services.certificate_issue)."""
    return certificate_refusal(registration) is None
