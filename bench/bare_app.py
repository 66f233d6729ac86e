"""A bare Django page to measure clustermeet's public pages against.

One module is the whole project: minimal settings, one URL, one view that runs three small
queries on its own SQLite database and renders a 10-talk agenda with a registration form
(CSRF token included), padded to the byte size of clustermeet's event page. It has no
cache: it shows what plain Django costs per request on this machine.

    python bench/bare_app.py setup          # create the database (BARE_DB) with 10 talks
    gunicorn bare_app:application --chdir bench ...

Environment: BARE_DB (SQLite file), BARE_PAGE_BYTES (size to pad the page to; 0: no padding).
"""

import os
import secrets
import sqlite3
import sys

import django
from django import forms
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path

DB_PATH = os.environ.get("BARE_DB", "bare.sqlite3")
TARGET_BYTES = int(os.environ.get("BARE_PAGE_BYTES", "0"))
SERIES_SLUG = "bare-series"

TEMPLATE = """{% load i18n %}<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ series.title }}</title>
  <meta name="description" content="{{ series.tagline }}">
</head>
<body>
  <a class="skip-link" href="#main">{% translate "Skip to content" %}</a>
  <header class="site-header">
    <a class="brand" href="/">{{ series.title }}</a>
    <nav aria-label="Language">
      <ul><li><a href="/de/">Deutsch</a></li><li><a href="/">English</a></li></ul>
    </nav>
  </header>
  <main id="main">
    <h1>{{ series.title }}</h1>
    <p class="lead">{{ series.tagline }}</p>
    <p class="muted">{{ talk_count }} talks</p>
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{% translate "Agenda" %}</h2>
      <ol class="agenda">
      {% for talk in talks %}
        <li class="agenda-item kind-{{ talk.kind }}">
          <p class="agenda-time">
            <time datetime="{{ talk.start }}">{{ talk.start|slice:"11:16" }}</time>–
            <time datetime="{{ talk.end }}">{{ talk.end|slice:"11:16" }}</time>
          </p>
          <p class="agenda-kind"><span class="badge">{{ talk.kind|capfirst }}</span></p>
          <h3>{{ talk.title }}</h3>
          <ul class="speakers">
            <li><a href="/speakers/{{ forloop.counter }}/">{{ talk.speaker }}</a>,
              {{ talk.organisation }}</li>
          </ul>
          <div class="abstract">{{ talk.abstract|linebreaks }}</div>
        </li>
      {% endfor %}
      </ol>
    </section>
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">{% translate "Register" %}</h2>
      <form method="post" action="/">{% csrf_token %}{{ form }}
        <button type="submit">{% translate "Register" %}</button>
      </form>
    </section>
    <section class="about"><p>{{ filler }}</p></section>
  </main>
</body>
</html>
"""

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("BARE_SECRET_KEY") or secrets.token_hex(32),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    # The same SQLite options as clustermeet's embedded default, one connection per request.
    DATABASES={"default": {
        "ENGINE": "django.db.backends.sqlite3", "NAME": DB_PATH, "CONN_MAX_AGE": 0,
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20,
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
    }},
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.cached.Loader", [
            ("django.template.loaders.locmem.Loader", {"agenda.html": TEMPLATE}),
        ])]},
    }],
    USE_I18N=True,
    LANGUAGE_CODE="en",
    USE_TZ=True,
    TIME_ZONE="Europe/Berlin",
)
django.setup()


class RegistrationForm(forms.Form):
    name = forms.CharField(max_length=200)
    email = forms.EmailField()
    organisation = forms.CharField(max_length=200, required=False)
    country = forms.ChoiceField(choices=[("de", "Germany"), ("bg", "Bulgaria"),
                                         ("es", "Spain"), ("it", "Italy")])
    message = forms.CharField(widget=forms.Textarea, required=False)
    consent = forms.BooleanField(label="I agree that my registration is stored.")


def _page_context() -> dict:
    """Three queries: the series, its talks, and their count."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title, tagline FROM series WHERE slug = %s", [SERIES_SLUG])
        series_id, title, tagline = cursor.fetchone()
        cursor.execute(
            "SELECT start, end, kind, title, speaker, organisation, abstract FROM talk "
            "WHERE series_id = %s ORDER BY position", [series_id])
        columns = [column[0] for column in cursor.description]
        talks = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        cursor.execute("SELECT COUNT(*) FROM talk WHERE series_id = %s", [series_id])
        (talk_count,) = cursor.fetchone()
    return {"series": {"title": title, "tagline": tagline}, "talks": talks,
            "talk_count": talk_count, "form": RegistrationForm()}


_filler_bytes: int | None = None


def agenda(request: HttpRequest) -> HttpResponse:
    global _filler_bytes
    context = _page_context()
    if _filler_bytes is None:  # once per worker: how much text makes the page the target size
        unpadded = render_to_string("agenda.html", {**context, "filler": ""}, request)
        _filler_bytes = max(0, TARGET_BYTES - len(unpadded.encode()))
    filler = ("Regional actors present their smart-city projects. " * 400)[:_filler_bytes]
    return render(request, "agenda.html", {**context, "filler": filler})


urlpatterns = [path("", agenda)]

from django.core.wsgi import get_wsgi_application  # noqa: E402  (after settings.configure)

application = get_wsgi_application()


def setup_database(db_path: str) -> None:
    abstract = ("A regional company shows how its platform connects public administration, "
                "mobility and energy data, and what it learned from its first pilots.")
    with sqlite3.connect(db_path) as db:
        db.executescript("""
            DROP TABLE IF EXISTS talk; DROP TABLE IF EXISTS series;
            CREATE TABLE series (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, title TEXT,
                                 tagline TEXT);
            CREATE TABLE talk (id INTEGER PRIMARY KEY, series_id INTEGER REFERENCES series,
                               position INTEGER, start TEXT, end TEXT, kind TEXT, title TEXT,
                               speaker TEXT, organisation TEXT, abstract TEXT);
            CREATE INDEX talk_series ON talk (series_id, position);
        """)
        db.execute("INSERT INTO series VALUES (1, ?, 'Bare Series', 'A bare Django page')",
                   [SERIES_SLUG])
        db.executemany(
            "INSERT INTO talk (series_id, position, start, end, kind, title, speaker, "
            "organisation, abstract) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(n, f"2030-06-15T09:{n * 5:02d}:00+02:00", f"2030-06-15T09:{n * 5 + 4:02d}:00+02:00",
              "keynote" if n == 0 else "talk", f"Talk number {n + 1} on smart cities",
              f"Speaker {n + 1}", f"Organisation {n + 1}", abstract) for n in range(10)],
        )


if __name__ == "__main__":
    if sys.argv[1:] != ["setup"]:
        sys.exit(__doc__)
    setup_database(DB_PATH)
