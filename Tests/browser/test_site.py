"""The built site, checked as a reader's browser and the validators see it.

Static checks read every HTML file with html.parser; the Nu HTML checker validates all files in
one java run; headless Chromium opens every page at 1280 and 375 CSS px and runs axe-core
(WCAG 2.1 A and AA, colour contrast also in dark mode), checks that the page does not scroll
sideways at 375 and 320 px, that the console stays free of errors, and how the page prints;
keyboard use is tried on the home pages and the longest chapters. The checks themselves are in
sitecheck.py; test_negative.py proves that each of them fails on a broken page."""

import os
from pathlib import Path

import pytest

import sitecheck


def report(problems, what):
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n  " + "\n  ".join(problems), pytrace=False)


# Static checks over the whole site -----------------------------------------------------------

def test_site_has_pages(pages):
    languages = {p.language for p in pages.values()}
    assert set(sitecheck.LANGUAGES) <= languages, "the site has pages in every language"
    assert "index.html" in pages and "404.html" in pages


def test_nu_html_checker(site, pages):
    errors, warnings = sitecheck.run_vnu(site, sorted(pages))
    for w in warnings:
        print("vnu warning:", w)
    report(errors, "Nu HTML checker errors")


def test_internal_links_and_anchors_resolve(site, pages):
    report(sitecheck.check_links(site, pages), "dead internal links or anchors")


def test_ids_are_unique(pages):
    report(sitecheck.check_duplicate_ids(pages), "duplicate ids")


def test_structure_one_h1_lang_no_script(pages):
    report(sitecheck.check_structure(pages), "structure problems")


def test_head_tags(pages):
    report(sitecheck.check_head(pages), "missing or wrong head tags")


def test_language_switch_goes_to_the_translation(pages):
    report(sitecheck.check_language_switch(pages), "language switch problems")


def test_sizes(site, pages):
    report(sitecheck.check_sizes(site, pages), "files over the size limit")


# Every page in Chromium ----------------------------------------------------------------------

def test_desktop(page, browser, base_url):
    report(sitecheck.check_desktop(browser, f"{base_url}/{page}", page), "problems at 1280 px")


def test_phone(page, browser, base_url):
    report(sitecheck.check_phone(browser, f"{base_url}/{page}", page), "problems at 375 px")


def test_print(page, browser, base_url):
    report(sitecheck.check_print(browser, f"{base_url}/{page}", page), "print problems")


def keyboard_pages():
    """The root, the 404 page, both home pages, the search pages and the longest chapter of each
    language at 1280 px; the home pages also at 375 px (where the chapters are behind a disclosure)."""
    value = os.environ.get("SITE_DIR")
    if not value or not Path(value).is_dir():
        return [("(no site)", sitecheck.DESKTOP)]
    site = Path(value)
    files = sitecheck.html_files(site)
    languages = list(sitecheck.site_languages(site))
    chosen = [f for f in ["index.html", "404.html"] + [f"{code}/index.html" for code in languages]
              + ["nl/zoeken/index.html", "fr/recherche/index.html", "de/suche/index.html", "en/search/index.html"]
              if f in files]
    readers = ("index.html", "volledig-rapport/index.html", "rapport-complet/index.html", "gesamtbericht/index.html",
               "full-report/index.html", "zoeken/index.html", "recherche/index.html", "suche/index.html",
               "search/index.html")
    for language in languages:
        chapters = [f for f in files if f.startswith(language + "/") and f[len(language) + 1:] not in readers
                    and not sitecheck.is_chart_page(f)]
        if chapters:
            chosen.append(max(chapters, key=lambda f: (site / f).stat().st_size))
    return [(f, sitecheck.DESKTOP) for f in chosen] + [
        (f, sitecheck.PHONE) for f in (f"{code}/index.html" for code in languages) if f in files]


@pytest.mark.parametrize("keyboard_page,width", keyboard_pages())
def test_keyboard(keyboard_page, width, browser, base_url):
    report(sitecheck.check_keyboard(browser, f"{base_url}/{keyboard_page}", keyboard_page, width),
           f"keyboard problems at {width} px")
