"""HTML to PDF with WeasyPrint, nothing loaded from outside.

WeasyPrint (HTML and CSS to PDF, text shaped by Pango and HarfBuzz) draws the certificate
from a Django template, so it speaks the pages' catalogues and date formats and lays out
any script; Noto Sans (events/share_fonts/, with Cyrillic) is embedded as a subset. Its URL
fetcher here hands out those font files and data: URLs (the logo, read from the media
storage before rendering) and refuses every other address: a certificate never makes a
request. Imported only where a PDF is made (WeasyPrint takes most of a second to load).
"""

from pathlib import Path

from django.conf import settings
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONTS = Path(settings.BASE_DIR) / "events" / "share_fonts"
STYLESHEET = Path(__file__).with_name("certificate.css")


class LocalOnlyFetcher(URLFetcher):
    """Hands out the font files of FONTS and data: URLs; refuses everything else (http,
    https, ftp, any other file)."""

    allowed = frozenset(path.resolve() for path in FONTS.glob("*.ttf"))

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(URLFetcherResponse(url).path or "/").resolve()
            if path in self.allowed:
                return URLFetcherResponse(url, body=path.read_bytes(),
                                          headers={"Content-Type": "font/ttf"})
        raise ValueError(f"certificate: refused to load {url[:80]}")


def pdf_render(html: str) -> bytes:
    fetcher, fonts = LocalOnlyFetcher(), FontConfiguration()
    base_url = FONTS.as_uri() + "/"
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"), base_url=base_url,
                     url_fetcher=fetcher, font_config=fonts)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], font_config=fonts)
