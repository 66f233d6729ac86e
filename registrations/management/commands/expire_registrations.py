from django.core.management.base import BaseCommand

from registrations import services


class Command(BaseCommand):
    help = ("Cancel registrations never confirmed within REGISTRATION_PENDING_HOURS "
            "(run it hourly from cron, or enqueue the registrations_expire_pending task).")

    def handle(self, *args, **options) -> None:
        expired = services.registrations_expire_pending()
        self.stdout.write(f"{expired} pending registrations expired.")
