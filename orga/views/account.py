"""Logging in and out of the workspace, the second factor, a forgotten password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from orga import two_factor
from orga.forms.account import OrgaPasswordResetForm, TokenForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("orga:home")


class LoginView(auth_views.LoginView):
    """The password; then, for an account with an authenticator app, its code."""

    template_name = "orga/login.html"
    redirect_authenticated_user = False

    def form_valid(self, form):
        response = super().form_valid(form)
        if two_factor.has_device(form.get_user()):
            return redirect(f"{reverse('orga:login_verify')}?next={self.get_success_url()}")
        return response


@sensitive_post_parameters("token")
@login_required(login_url="orga:login")
def login_verify(request: HttpRequest) -> HttpResponse:
    device = two_factor.device_confirmed(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next(request))
    return render(request, "orga/login_verify.html", {"form": form, "next": _next(request)})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth import logout as auth_logout

    auth_logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("orga:login")


@sensitive_post_parameters("token")
@login_required(login_url="orga:login")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code, confirm with a first code."""
    if two_factor.verification_due(request.user):
        return redirect(f"{reverse('orga:login_verify')}?next={request.path}")
    confirmed = two_factor.device_confirmed(request.user)
    if confirmed is not None:
        return render(request, "orga/two_factor.html", {"device": confirmed})
    device = two_factor.device_pending(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor authentication is on: from now on you log in "
                                    "with your password and a code from your app."))
        return redirect(_next(request))
    return render(request, "orga/two_factor_setup.html", {
        "form": form, "qr_svg": two_factor.qr_svg(device),
        "secret": two_factor.secret_base32(device), "next": _next(request)})


@require_POST
@login_required(login_url="orga:login")
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off (a verified session only; not while a series demands it)."""
    if not two_factor.verified(request.user):
        return redirect(f"{reverse('orga:login_verify')}?next={reverse('orga:two_factor')}")
    if two_factor.required_by_a_series(request.user):
        messages.error(request, _("A series you work on requires two-factor authentication: "
                                  "it stays on."))
        return redirect("orga:two_factor")
    two_factor.devices_delete(request.user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("orga:two_factor")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "orga/password_reset.html"
    form_class = OrgaPasswordResetForm
    success_url = reverse_lazy("orga:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "orga/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "orga/password_reset_confirm.html"
    success_url = reverse_lazy("orga:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "orga/password_reset_complete.html"
