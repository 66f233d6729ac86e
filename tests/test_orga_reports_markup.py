"""The sanitiser of reports' Markdown (reports/markup.py): what passes and what is removed.
Images pass only from this site's media; nothing of another host (no tracking pixel), no
script, no javascript: or data: address, no attribute but src, alt, width and height."""

import pytest

from reports.markup import is_site_media_url, render_markdown

SITE = "https://events.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.MEDIA_URL = "/media/"


@pytest.mark.parametrize(("markdown", "html"), [
    ("![Stage](/media/reports/1/a.png)", '<p><img alt="Stage" src="/media/reports/1/a.png"></p>'),
    (f"![Stage]({SITE}/media/reports/1/a.png)",
     f'<p><img alt="Stage" src="{SITE}/media/reports/1/a.png"></p>'),
    ('<img src="/media/a.png" alt="A" width="640" height="480">',
     '<p><img src="/media/a.png" alt="A" width="640" height="480"></p>'),
    ('<img src="/media/a.png" alt="A" width="100%" height="-3">',
     '<p><img src="/media/a.png" alt="A"></p>'),
    ('<img src="/media/a.png" alt="A" onerror="alert(1)" class="x" style="a" title="t" '
     'loading="lazy">', '<p><img src="/media/a.png" alt="A"></p>'),
    ('![Stage](/media/a.png "a title")', '<p><img alt="Stage" src="/media/a.png"></p>'),
    ("**bold** and [a link](https://example.org)",
     '<p><strong>bold</strong> and <a href="https://example.org" '
     'rel="noopener noreferrer nofollow">a link</a></p>'),
    ("## Heading", "<h2>Heading</h2>"),
])
def test_allowed_markup_passes(markdown, html):
    assert str(render_markdown(markdown)) == html


@pytest.mark.parametrize("markdown", [
    "![pixel](https://tracker.example.com/p.gif)",
    "![pixel](http://events.example.org/media/a.png)",        # another scheme of the site
    "![pixel](https://events.example.org.evil.com/media/a.png)",
    "![pixel](https://user@evil.com/media/a.png)",
    "![pixel](//evil.com/media/a.png)",
    "![pixel](/\\evil.com/media/a.png)",
    "![x](javascript:alert(1))",
    "![x](JaVaScRiPt:alert(1))",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](/media/../orga/)",
    "![x](/media/%2e%2e/orga/)",
    "![x](/static/clustermeet/logo.png)",
    "![x](media/a.png)",
    '<img src="https://tracker.example.com/p.gif" alt="">',
    '<img srcset="https://tracker.example.com/p.gif 1x" alt="">',
    "<img alt=\"no source\">",
    '<picture><source srcset="https://tracker.example.com/a.webp"></picture>',
])
def test_images_of_other_hosts_and_bad_addresses_are_dropped_whole(markdown):
    html = str(render_markdown(markdown))
    assert "<img" not in html and "tracker" not in html and "evil" not in html
    assert "javascript" not in html.lower() and "data:" not in html


@pytest.mark.parametrize(("markdown", "removed"), [
    ("<script>alert(1)</script>", "<script"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ("<iframe src='https://evil.com'></iframe>", "<iframe"),
    ('<p style="color:red" onclick="x()">x</p>', "onclick"),
    ("<svg><script>alert(1)</script></svg>", "<svg"),
    ('<object data="/media/a.swf"></object>', "<object"),
    ("<style>body{}</style>", "<style"),
    ('<a href="data:text/html,x">x</a>', "data:"),
])
def test_scripts_and_active_content_are_removed(markdown, removed):
    assert removed not in str(render_markdown(markdown)).lower()


def test_media_on_a_storage_of_its_own_host_passes(settings):
    settings.MEDIA_URL = "https://bucket.s3.example.net/clustermeet/"
    assert is_site_media_url("https://bucket.s3.example.net/clustermeet/reports/a.png")
    assert not is_site_media_url("https://bucket.s3.example.net/other/a.png")
    assert not is_site_media_url("https://bucket.s3.example.net.evil.com/clustermeet/a.png")
    assert not is_site_media_url("/media/reports/a.png")


def test_a_feed_gets_the_images_absolute_addresses():
    html = str(render_markdown("![Stage](/media/a.png) ![x](https://evil.com/a.png)",
                               absolute=True))
    assert html == f'<p><img alt="Stage" src="{SITE}/media/a.png"> </p>'
