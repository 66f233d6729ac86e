"""Series, themes, regions, organisations, events, talks and speakers."""

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core import colour
from core.local_forms import zone_city
from core.urls import page_url

# What the site shows of an accent colour: links on the lightest surfaces and white text on
# buttons, so it needs AA contrast against the sunken surface of the light scheme (the darkest
# background links appear on; site.css --cm-surface-sunk). The dark scheme derives its own.
ACCENT_BACKGROUND = "#eef0ef"
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 2000  # per side
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}  # what every browser shows (no SVG: it can carry script)



def validate_accent_colour(value: str) -> None:
    """A colour as #rrggbb, dark enough for white text and for links on a light page."""
    if not colour.HEX_COLOUR.fullmatch(value):
        raise ValidationError(_("Enter a colour as # and six hexadecimal digits, e.g. #0b5563."))
    ratio = colour.contrast(value, ACCENT_BACKGROUND)
    if ratio < colour.AA_TEXT:
        raise ValidationError(
            _("This colour is too light to read: it has a contrast of %(ratio)s:1 with the "
              "page, and at least 4.5:1 is needed (WCAG AA). Please choose a darker shade."),
            params={"ratio": formats.number_format(ratio, 1)})


def validate_logo(image) -> None:
    """An uploaded logo: PNG, JPEG or WebP (Django's ImageField has checked that Pillow reads
    it as an image), of at most LOGO_MAX_BYTES and LOGO_MAX_PIXELS on each side."""
    opened = getattr(getattr(image, "file", None), "image", None)  # set by the form field
    if opened is not None and opened.format not in LOGO_FORMATS:
        raise ValidationError(_("This image is a %(format)s file; please upload PNG, JPEG or "
                                "WebP."), params={"format": opened.format})
    if image.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; a logo may be at most %(limit)s."),
            params={"size": filesizeformat(image.size), "limit": filesizeformat(LOGO_MAX_BYTES)})
    width, height = get_image_dimensions(image)
    if width and height and max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("This image is %(width)s × %(height)s pixels; a logo may be at most "
              "%(limit)s pixels wide and high."),
            params={"width": width, "height": height, "limit": LOGO_MAX_PIXELS})


def validate_time_zone(value: str) -> None:
    """An IANA time zone name such as Europe/Berlin."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SME = "sme", _("SME")
        LARGE_COMPANY = "large_company", _("Large company")
        PUBLIC_ADMINISTRATION = "public_administration", _("Public administration")
        RESEARCH = "research", _("Research")
        NETWORK = "network", _("Network / cluster")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_network_member = models.BooleanField(_("member of the organiser network"), default=False)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="logos/", blank=True, validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 1 MB and 2000 pixels on each side."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("events:organisation", slug=self.slug)


class SeriesQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Series(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="organised_series",
        verbose_name=_("organiser"),
    )
    default_language = models.CharField(
        _("default content language"), max_length=5, choices=settings.CONTENT_LANGUAGES,
        default="en",
        help_text=_("Shown where a text has no translation in the visitor's language."),
    )
    content_languages = models.JSONField(
        _("content languages"), default=list, blank=True,
        help_text=_("Language codes the series publishes in, e.g. [\"de\", \"en\"]."),
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    is_published = models.BooleanField(_("published"), default=False)
    retention_months = models.PositiveSmallIntegerField(
        _("keep personal data (months)"), default=24,
        validators=[MinValueValidator(1)],
        help_text=_("Participants' personal data is deleted this many months after the last "
                    "event of the series (counts are kept for the statistics)."),
    )
    logo = models.ImageField(
        _("logo"), upload_to="logos/", blank=True, validators=[validate_logo],
        help_text=_("Shown in the header of the series' pages. PNG, JPEG or WebP, at most 1 MB "
                    "and 2000 pixels on each side."),
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, blank=True, validators=[validate_accent_colour],
        help_text=_("The colour of the header, buttons and links, e.g. #0b5563; empty for the "
                    "default. It must be dark enough for white text."),
    )
    attendance_threshold_minutes = models.PositiveSmallIntegerField(
        _("minutes that count as attended"), default=15, validators=[MinValueValidator(1)],
        help_text=_("A participant who was in an online event for at least this many minutes "
                    "counts as having attended it (in the figures and for a certificate)."),
    )
    team_requires_two_factor = models.BooleanField(
        _("team must use two-factor authentication"), default=False,
        help_text=_("Organisers and coordinators open the series in the workspace only after "
                    "logging in with a second factor (an authenticator app)."),
    )

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_url("events:series", series=self.slug)


class Theme(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"], name="theme_slug_unique_per_series"),
        ]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="regions")
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=100)
    country = CountryField(_("country"))
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="coordinated_regions",
        verbose_name=_("coordinating organisation"), null=True, blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"],
                                    name="region_slug_unique_per_series"),
        ]

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="speakers", null=True, blank=True,
        verbose_name=_("organisation"),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("events:speaker", slug=self.slug)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED, series__is_published=True)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


class Event(models.Model):
    class Kind(models.TextChoices):
        SHOWCASE = "showcase", _("Regional showcase")
        PITCH_SESSION = "pitch_session", _("Pitch session")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")
        ON_SITE = "on_site", _("On site")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="events", verbose_name=_("series")
    )
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SHOWCASE)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="events", null=True, blank=True,
        verbose_name=_("region"),
    )
    themes = models.ManyToManyField(Theme, related_name="events", blank=True,
                                    verbose_name=_("themes"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Europe/Berlin or Europe/Sofia."),
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices,
                              default=Format.ONLINE)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    join_url = models.URLField(
        _("join URL"), blank=True, help_text=_("Only shown to registered participants.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["series", "slug"], name="event_slug_unique_per_series"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                   name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_closes__isnull=True)
                | Q(registration_opens__isnull=True)
                | Q(registration_closes__gt=models.F("registration_opens")),
                name="event_registration_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_url("events:event", series=self.series.slug, event=self.slug)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.tzinfo)

    @property
    def local_end(self):
        return self.end.astimezone(self.tzinfo)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)


class Talk(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        KEYNOTE = "keynote", _("Keynote")
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        PITCH = "pitch", _("Pitch")
        BREAK = "break", _("Break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="talks",
                              verbose_name=_("event"))
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TALK)
    start = models.DateTimeField(_("start"))
    duration = models.DurationField(_("duration"), default=timedelta(minutes=20))
    title = models.CharField(_("title"), max_length=300)
    abstract = models.TextField(_("abstract"), blank=True)
    themes = models.ManyToManyField(Theme, related_name="talks", blank=True,
                                    verbose_name=_("themes"))
    speakers = models.ManyToManyField(Speaker, through="TalkSpeaker", related_name="talks",
                                      blank=True, verbose_name=_("speakers"))

    class Meta:
        ordering = ["event", "order"]
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        constraints = [
            models.UniqueConstraint(fields=["event", "order"], name="talk_order_unique_per_event"),
            models.CheckConstraint(condition=Q(duration__gt=timedelta(0)),
                                   name="talk_duration_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """A talk lies within its event (forms check it; the event may not be saved yet)."""
        try:
            event = self.event
        except Event.DoesNotExist:
            return
        if None in (self.start, self.duration, event.start, event.end):
            return  # the fields report their own errors
        if event.start <= self.start and self.end <= event.end:
            return
        try:
            start, end = event.local_start, event.local_end
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # the event's form says why
            start, end = event.start, event.end
        raise ValidationError({"start": _(
            "A talk must lie within its event: %(start)s–%(end)s (%(zone)s).") % {
            "start": formats.date_format(start, "DATETIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"), "zone": zone_city(event.time_zone)}})

    @property
    def end(self):
        return self.start + self.duration

    @property
    def ordered_speakers(self) -> list["Speaker"]:
        """Speakers in their agenda order; uses the prefetched talk_speakers when present."""
        return [link.speaker for link in self.talk_speakers.all()]


class TalkSpeaker(models.Model):
    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="talk_speakers")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="talk_links",
                                verbose_name=_("speaker"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("speaker of a talk")
        verbose_name_plural = _("speakers of the talk")
        constraints = [
            models.UniqueConstraint(fields=["talk", "speaker"], name="speaker_once_per_talk"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} – {self.talk}"
