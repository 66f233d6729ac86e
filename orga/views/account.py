"""Logging in and out of the workspace, the second factor, a forgotten password."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from orga import tasks, two_factor
from orga.forms.account import LoginForm, PasswordResetRequestForm, TokenForm
from orga.services.account import account_event_log, user_ids_with_email
from registrations.ratelimit import Limit, address_normalised, client_address, rate_limits_hit


def _next(request: HttpRequest) -> str:
    """Where to go once this step is done: a `next` on this site, else the start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("orga:home")


def with_next(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}"


class LoginView(auth_views.LoginView):
    """The password (django-axes counts each failure); then, for an account with an
    authenticator app, its code (login_verify)."""

    template_name = "orga/login.html"
    form_class = LoginForm
    redirect_authenticated_user = False

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if two_factor.has_device(user):
            account_event_log(event="password accepted, code due", user_id=user.pk)
            return redirect(with_next("orga:login_verify", self.get_success_url()))
        account_event_log(event="login", user_id=user.pk)
        return response

    def form_invalid(self, form):
        account_event_log(event="login failed", user_id=None)
        return super().form_invalid(form)


@never_cache
@sensitive_post_parameters("token")
@login_required(login_url="orga:login")
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login: the code of the user's authenticator app."""
    device = two_factor.device_confirmed(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, device)
            account_event_log(event="login with code", user_id=request.user.pk)
            return redirect(_next(request))
        account_event_log(event="code refused", user_id=request.user.pk)
    return render(request, "orga/login_verify.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        account_event_log(event="logout", user_id=request.user.pk)
    auth_logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("orga:login")


@never_cache
@sensitive_post_parameters("token")
@login_required(login_url="orga:login")
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code, confirm with a first code."""
    if two_factor.verification_due(request.user):
        return redirect(with_next("orga:login_verify", request.path))
    confirmed = two_factor.device_confirmed(request.user)
    if confirmed is not None:
        return render(request, "orga/two_factor.html", {
            "device": confirmed, "required": two_factor.required_by_a_series(request.user)})
    device = two_factor.device_pending(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        two_factor.device_confirm(device)
        otp_login(request, device)
        account_event_log(event="two-factor on", user_id=request.user.pk)
        messages.success(request, _("Two-factor authentication is on: from now on you log in "
                                    "with your password and a code from your app."))
        return redirect(_next(request))
    return render(request, "orga/two_factor_setup.html", {
        "form": form, "qr_svg": two_factor.qr_svg(
            device, title=_("QR code for your authenticator app")),
        "secret": two_factor.secret_base32(device), "next": _next(request),
        "required": two_factor.required_by_a_series(request.user)},
        status=400 if form.errors else 200)


@require_POST
@login_required(login_url="orga:login")
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off (a verified session only; not while a series demands it)."""
    if not two_factor.verified(request.user):
        return redirect(with_next("orga:login_verify", reverse("orga:two_factor")))
    if two_factor.required_by_a_series(request.user):
        messages.error(request, _("A series you work on requires two-factor authentication: "
                                  "it stays on."))
        return redirect("orga:two_factor")
    two_factor.devices_delete(request.user)
    account_event_log(event="two-factor off", user_id=request.user.pk)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("orga:two_factor")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link to set a new password. The answer never tells whether the address is
    an account's, and the work is the same either way (the worker queues the mail)."""
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        email = form.cleaned_data["email"]
        if not rate_limits_hit(
                Limit("orga-reset-ip", client_address(request),
                      settings.PASSWORD_RESET_LIMIT_PER_IP),
                Limit("orga-reset-address", address_normalised(email),
                      settings.PASSWORD_RESET_LIMIT_PER_ADDRESS),
                window_seconds=settings.PASSWORD_RESET_LIMIT_WINDOW_SECONDS):
            tasks.password_reset_mails_send.enqueue(
                user_ids=user_ids_with_email(email=email), language=get_language())
            return redirect("orga:password_reset_done")
        form.add_error(None, _("Too many requests. Please wait an hour and try again."))
        return render(request, "orga/password_reset.html", {"form": form}, status=429)
    return render(request, "orga/password_reset.html", {"form": form},
                  status=400 if form.errors else 200)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "orga/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "orga/password_reset_confirm.html"
    success_url = reverse_lazy("orga:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        account_event_log(event="password set through a reset link", user_id=self.user.pk)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "orga/password_reset_complete.html"
