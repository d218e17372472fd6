"""A site in three languages (issue 16): `make site-test` builds `rapport new --languages nl,fr,de`
into .build/site-test-three and runs test_site.py and this file on it. What this adds to
test_site.py: German numbers, and every page pointing at all the other languages. Skipped on
a site without German."""

import re

import pytest

import sitecheck


@pytest.fixture(scope="module")
def german(site, pages):
    if "de" not in sitecheck.LANGUAGES:
        pytest.skip("the site has no German pages")
    return {rel: page for rel, page in pages.items() if page.language == "de"}


def test_german_numbers(site, german):
    """A percentage in German: `56 %` with U+00A0 (CLDR de), in the sentence, the chart and its table."""
    chapters = [rel for rel in german if (site / rel).read_text(encoding="utf-8").count("<figure") > 0]
    assert chapters, "no German page with a chart"
    for rel in chapters:
        html = (site / rel).read_text(encoding="utf-8")
        # A chart page's embed code is code (width="100%"), not text.
        html = re.sub(r"(?s)<textarea\b.*?</textarea>", " ", html)
        numbers = re.findall(r"(?<![\d\"])\d+(?:\u00a0|\u202f| )?%", html)  # not width="100%"
        assert numbers, f"{rel}: no percentage"
        wrong = sorted({n for n in numbers if not n.endswith("\u00a0%")})
        assert not wrong, f"{rel}: percentages not written as German does (42\u00a0%): {wrong}"


def test_every_page_points_at_every_language(pages, german):
    """hreflang alternates for each language and x-default; og:locale:alternate for the others."""
    problems = []
    for rel, page in sorted(pages.items()):
        if not page.language or page.is_embed:  # an embed is shown inside other sites, never linked
            continue
        alternates = page.alternates()
        for code, lang in sitecheck.LANGUAGES.items():
            if lang not in alternates:
                problems.append(f"{rel}: no hreflang={lang}")
        if "x-default" not in alternates:
            problems.append(f"{rel}: no x-default")
    assert not problems, "\n".join(problems)


def test_root_and_sitemap_cover_every_language(site, german):
    root = (site / "index.html").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for code, lang in sitecheck.LANGUAGES.items():
        assert f'href="{code}/index.html"' in root, f"the language chooser has no link to {code}/index.html"
        assert f'hreflang="{lang}"' in sitemap, f"the sitemap has no {lang} alternates"


def test_language_switch_links_sit_together_on_a_phone(site, german, browser, base_url):
    """At 375 px the switch links of a site in three languages or more sit next to each other after the
    search link (they were pushed to opposite edges of the header), and at 1280 px on one line."""
    for width in (375, 1280):
        browser.set_width(width)
        browser.open(f"{base_url}/de/index.html")
        boxes = browser.driver.execute_script(
            "return [...document.querySelectorAll('.header-row .search-link, .header-row .language-switch')]"
            ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.top]; });")
        assert len(boxes) == len(sitecheck.LANGUAGES), f"search and a link per other language expected: {boxes}"
        for (_, right, top), (left, _, next_top) in zip(boxes, boxes[1:]):
            if abs(top - next_top) < 12:  # on one line: next to each other, one gap apart
                assert left - right < 24, f"{width} px: links {left - right:.0f} px apart: {boxes}"
            else:  # wrapped: the next line starts at the left of the header
                assert left < boxes[0][0] + 1 or left < 40, f"{width} px: a wrapped link does not start the line: {boxes}"
    browser.set_width(1280)
