"""The participants' side of attendance: the certificate downloaded through the personal
link, and the public verification of a certificate's code."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from attendance.certificates.codes import code_normalised
from attendance.certificates.document import certificate_document, certificate_pdf
from attendance.certificates.queries import certificate_verification
from attendance.certificates.services import CertificateRefused, certificate_issue
from attendance.forms import VerifyForm
from registrations import links
from registrations.models import Registration
from registrations.ratelimit import Limit, client_address, rate_limits_hit

VERIFY_PAGE = "attendance/verify.html"


@never_cache
@require_http_methods(["GET", "HEAD"])
def certificate_download(request: HttpRequest, token: str, registration: int) -> HttpResponse:
    """The PDF, issued on the first download; a page saying why for a registration that has
    no certificate. The personal link names the participant; the id only picks one of
    their registrations."""
    try:
        participant = links.participant_from_personal_token(token)
    except links.LinkError as error:
        return render(request, "registrations/link_error.html", {"message": str(error)},
                      status=400)
    if not Registration.objects.filter(pk=registration, participant=participant).exists():
        raise Http404
    try:
        certificate = certificate_issue(registration_id=registration)
    except CertificateRefused as refusal:
        return render(request, "attendance/certificate_refused.html",
                      {"message": str(refusal), "token": token}, status=403)
    pdf = certificate_pdf(certificate_document(certificate_id=certificate.pk))  # no transaction
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def verify(request: HttpRequest) -> HttpResponse:
    """The form to type a code (sent by GET: looking up changes nothing)."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("attendance:verify_code", code=form.cleaned_data["code"])
    return render(request, VERIFY_PAGE, {"form": form}, status=400 if form.errors else 200)


def _lookups_limited(request: HttpRequest) -> bool:
    return rate_limits_hit(
        Limit("certificate", client_address(request),
              settings.CERTIFICATE_LOOKUP_LIMIT_PER_IP),
        window_seconds=settings.CERTIFICATE_LOOKUP_WINDOW_SECONDS)


@never_cache
@require_http_methods(["GET", "HEAD"])
def verify_code(request: HttpRequest, code: str) -> HttpResponse:
    """What a code certifies: valid (with the holder's name while their data exists), or
    unknown (404). A code typed loosely into the address leads to its plain form."""
    normalised = code_normalised(code)
    if normalised is not None and normalised != code:
        return redirect("attendance:verify_code", code=normalised)
    if _lookups_limited(request):
        return render(request, VERIFY_PAGE, {"form": VerifyForm(), "refusal": _(
            "Too many look-ups from your network. Please wait an hour and try again.")},
            status=429)
    verification = normalised and certificate_verification(code=normalised)
    if not verification:
        return render(request, VERIFY_PAGE, {"form": VerifyForm(initial={"code": code}),
                                             "unknown": code}, status=404)
    return render(request, "attendance/verified.html", {"verification": verification})
