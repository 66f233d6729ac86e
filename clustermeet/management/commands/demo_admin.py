"""Create the demo's organiser login once (an organiser of the demo series) and print it."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from events.models import Series
from orga.models import TeamMember


class Command(BaseCommand):
    help = "Create the demo admin user (once) and print its login."

    def handle(self, *args, **options) -> None:
        password_file = settings.DATA_DIR / "admin-password.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username="admin").first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
            if user is None:
                user = user_model(username="admin", email="admin@example.org")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
        for series in Series.objects.filter(team__isnull=True):  # the demo's: admin runs it
            TeamMember.objects.create(series=series, user=user, role=TeamMember.Role.ORGANISER)
        password = password_file.read_text().strip()
        self.stdout.write(
            f"Organiser workspace: {settings.SITE_URL}/orga/  (system admin: /admin/)  "
            f"user admin  password {password}"
        )
