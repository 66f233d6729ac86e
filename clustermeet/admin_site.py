"""The Django admin behind the workspace's second factor.

django-otp offers OTPAdminSite, which admits only verified users, with a code field on the
admin's login form. That would lock out every administrator without an authenticator
app; this site asks the code only of users who have one (the same rule as the workspace,
orga.access), and asks it on the workspace's own code page (orga:login_verify). Without
it, the first step of a login (the password; orga:login or the admin's form) would open
the admin — more powerful than the workspace — to a staff user whose account has a second
factor, without that factor.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from orga import two_factor
from orga.forms.account import UserNameLengthChecked


class AdminLoginForm(UserNameLengthChecked, AdminAuthenticationForm):
    pass


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not two_factor.verification_due(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        """A user whose password was accepted but whose code is due: to the code page,
        then back to the admin."""
        if request.method == "GET" and two_factor.verification_due(request.user):
            target = (request.GET.get(REDIRECT_FIELD_NAME)
                      or reverse("admin:index", current_app=self.name))
            return redirect(f"{reverse('orga:login_verify')}?{urlencode({'next': target})}")
        return super().login(request, extra_context)
