"""The project's own app configurations."""

# The module, not its AdminConfig class: the `clustermeet` app would take an AppConfig class
# found in this module's names for its own configuration.
from django.contrib.admin import apps as admin_apps


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the site of clustermeet.admin_site (the second factor)."""

    default = False  # not the configuration of the `clustermeet` app itself
    default_site = "clustermeet.admin_site.AdminSite"
