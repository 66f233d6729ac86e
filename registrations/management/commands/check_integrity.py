"""Check the invariants of seats, waiting lists, series registrations and mails on the
live database (registrations.integrity): exit 0 when every check passes, 1 with a report
when one is broken. Read-only."""

from django.core.management.base import BaseCommand, CommandError

from registrations.integrity import CHECKS, ERROR, WARNING, integrity_check


class Command(BaseCommand):
    help = ("Check the registrations' invariants (seats and capacity, waiting-list order, "
            "promotions, series registrations, deleted data, mail causes); read-only. "
            "Exits 1 when a check fails; warnings are reported and exit 0.")

    def handle(self, *args, **options) -> None:
        findings = integrity_check()
        failed = {finding.check for finding in findings if finding.severity == ERROR}
        warned = {finding.check for finding in findings if finding.severity == WARNING}
        for finding in findings:
            self.stdout.write(f"{finding.severity.upper():7} {finding.check}: {finding.message}")
        passed = len(CHECKS) - len(failed)
        if failed:
            raise CommandError(f"{len(failed)} of {len(CHECKS)} checks failed: "
                               f"{', '.join(sorted(failed))}", returncode=1)
        note = f" ({len(warned)} with warnings: {', '.join(sorted(warned))})" if warned else ""
        self.stdout.write(f"All {passed} checks passed{note}.")
