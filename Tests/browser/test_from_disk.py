"""The built site opened from disk (file://, no web server): every link, the stylesheet, the
images and the downloads are relative to the page, so it works there as it does served from any
folder (issue 16 item 5)."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import sitecheck


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def local_path(url: str) -> Path:
    parts = urlsplit(url)
    assert parts.scheme == "file", f"{url} is not a file:// URL"
    return Path(unquote(parts.path))


def a_chapter_with_a_chart(site: Path) -> Path:
    for page in sorted(site.glob("nl/*/index.html")):
        if page.parent.name not in ("data", "zoeken", "volledig-rapport") and 'class="chart-download"' in page.read_text():
            return page
    pytest.fail("no Dutch chapter with a chart")


def styled(driver) -> bool:
    """The stylesheet applied: `.wrap` gets its max-width from style.css only."""
    return driver.execute_script(
        "const w = document.querySelector('.wrap'); return !!w && getComputedStyle(w).maxWidth !== 'none';")


def broken_images(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);")


@pytest.mark.parametrize("which", ["home", "chapter"])
def test_page_opened_from_disk_is_styled_and_loads_everything(which, site, browser):
    page = site / "nl" / "index.html" if which == "home" else a_chapter_with_a_chart(site)
    browser.set_width(sitecheck.DESKTOP)
    browser.set_media()
    errors = browser.open(file_url(page))
    driver = browser.driver
    assert errors == [], f"{page}: console errors (a resource that failed to load?): {errors}"
    assert styled(driver), f"{page}: the stylesheet was not applied"
    assert broken_images(driver) == [], f"{page}: images that did not load"
    if which == "chapter":
        drawn = driver.execute_script(
            "return [...document.querySelectorAll('figure svg')].filter(s => s.getBoundingClientRect().width > 0).length;")
        assert drawn > 0, f"{page}: no chart drawn"
        downloads = driver.execute_script(
            "return [...document.querySelectorAll('a[download]')].map(a => a.href).filter(h => h.endsWith('.csv'));")
        assert downloads, f"{page}: no CSV download"
        for href in downloads:
            assert local_path(href).is_file(), f"{page}: the download {href} is no file of the site"
    # Every link leads to a file of the site, not to a folder (a file browser adds no index.html).
    hrefs = driver.execute_script(
        "return [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => h.startsWith('file:'));")
    missing = sorted({h for h in hrefs if not local_path(h.split('#')[0]).is_file()})
    assert missing == [], f"{page}: links to no file: {missing}"


def test_language_switch_from_disk_leads_to_the_french_page(site, browser):
    chapter = a_chapter_with_a_chart(site)
    browser.set_width(sitecheck.DESKTOP)
    browser.open(file_url(chapter))
    driver = browser.driver
    driver.find_element("css selector", "a.language-switch").click()
    arrived = local_path(driver.current_url)
    assert arrived.is_file() and arrived.name == "index.html", f"the switch led to {driver.current_url}"
    assert arrived.relative_to(site.resolve()).parts[0] == "fr", f"the switch led to {driver.current_url}"
    assert driver.execute_script("return document.documentElement.lang;") == "fr-BE"
    assert styled(driver), f"{arrived}: the stylesheet was not applied"
    assert broken_images(driver) == []
