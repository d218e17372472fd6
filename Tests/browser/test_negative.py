"""Each check must fail on a broken page, so that none of them can pass silently.

A copy of the built site goes into a temporary folder; one Dutch chapter and its French
translation are broken there on purpose (an image without alt, a duplicate id, a dead link and
anchor, a missing file, a too-wide block, pale text, a second h1, a broken language switch,
missing head tags, no lang, a script, an oversized page and stylesheet, no focus outline, a
block taller than a printed page, tiny chart text), and every checker of sitecheck.py is run on
it and must report what was broken."""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import sitecheck

INJECTED = """
<img src="/assets/favicon.svg">
<p id="{dup}">Dubbel id</p>
<p><a href="/nl/bestaat-niet/">Dode link</a> en <a href="#geen-anker">dood anker</a>.</p>
<img src="/assets/ontbreekt.png" alt="">
<div style="width:900px">Een blok dat breder is dan een telefoon.</div>
<p style="color:#c8c8c8">Te lichte tekst.</p>
<h1>Een tweede h1</h1>
<style>*:focus, *:focus-visible {{ outline: none !important; box-shadow: none !important; }}</style>
<figure class="chart" id="te-hoog"><div style="height:1400px">Te hoog voor een pagina.</div></figure>
<table style="break-inside:auto" id="splitsbaar"><tr><td>Een tabel die mag splitsen</td></tr></table>
<svg viewBox="0 0 2000 100" width="100%" role="img" aria-label="Kleine tekst"><text x="0" y="50" font-size="12">piepklein</text></svg>
"""


@dataclass
class Broken:
    dir: Path
    nl: str  # the broken Dutch chapter, relative to dir
    fr: str  # its French translation, also broken
    pages: dict
    base_url: str


def pick_chapter(pages: dict) -> tuple[str, str]:
    """A Dutch chapter with a table of contents and its translation (from its language switch)."""
    for rel, page in sorted(pages.items()):
        if page.language == "nl" and rel != "nl/index.html" and page.switch and "toc-title" in page.ids:
            target = sitecheck.switch_target(page).lstrip("/") + "index.html"
            if target in pages:
                return rel, target
    pytest.fail("no Dutch chapter with a table of contents and a translation in the site")


@pytest.fixture(scope="module")
def broken(site, pages, tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken-site") / "site"
    shutil.copytree(site, folder)
    nl, fr = pick_chapter(pages)

    page = folder / nl
    html = page.read_text(encoding="utf-8")
    dup = next(i for i in pages[nl].ids if i != "main")
    marker = '<main id="main" tabindex="-1">'
    assert marker in html, "the layout's <main> changed; update test_negative.py"
    html = html.replace(marker, marker + INJECTED.format(dup=dup), 1)
    switch = pages[nl].switch["href"]
    html = html.replace(f'class="language-switch" href="{switch}"', 'class="language-switch" href="/fr/"', 1)
    html = "\n".join(line for line in html.split("\n")
                     if 'hreflang="x-default"' not in line and 'property="og:title"' not in line)
    page.write_text(html, encoding="utf-8")

    page = folder / fr
    html = page.read_text(encoding="utf-8")
    html = html.replace('<html lang="fr-BE">', "<html>", 1)
    html = html.replace("</body>", "<script></script>\n<!-- " + "x" * sitecheck.MAX_PAGE_BYTES + " -->\n</body>", 1)
    page.write_text(html, encoding="utf-8")

    css = folder / "assets" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "/* " + "x" * sitecheck.MAX_CSS_BYTES + " */\n",
                   encoding="utf-8")

    with sitecheck.serve(folder) as url:
        yield Broken(folder, nl, fr, sitecheck.load_pages(folder), url)


def has(problems, *needles):
    text = "\n".join(problems)
    missing = [n for n in needles if n not in text]
    assert not missing, f"the check did not report {missing}; it reported:\n" + text


def test_nu_checker_reports_missing_alt_and_duplicate_id(broken):
    errors, _ = sitecheck.run_vnu(broken.dir, [broken.nl, broken.fr])
    has(errors, "alt", "Duplicate ID")


def test_link_check_reports_dead_link_and_anchor(broken):
    problems = sitecheck.check_links(broken.dir, broken.pages)
    has(problems, "/nl/bestaat-niet/", "#geen-anker", "ontbreekt.png")


def test_duplicate_id_is_reported(broken):
    has(sitecheck.check_duplicate_ids(broken.pages), broken.nl)


def test_structure_check_reports_alt_h1_lang_script(broken):
    has(sitecheck.check_structure(broken.pages), "<img> without alt", f"{broken.nl}: 2 <h1>",
        f"{broken.fr}: <html> has no lang", "<script>")


def test_head_check_reports_missing_tags(broken):
    has(sitecheck.check_head(broken.pages), "hreflang=\"x-default\"", "no og:title")


def test_language_switch_check_reports_wrong_target(broken):
    has(sitecheck.check_language_switch(broken.pages), "not to the translation")


def test_size_check_reports_big_page_and_stylesheet(broken):
    has(sitecheck.check_sizes(broken.dir, broken.pages), broken.fr, "style.css")


def test_desktop_check_reports_axe_and_console(broken, browser):
    problems = sitecheck.check_desktop(browser, f"{broken.base_url}/{broken.nl}", broken.nl)
    has(problems, "image-alt", "color-contrast", "console:", "ontbreekt.png")
    problems = sitecheck.check_desktop(browser, f"{broken.base_url}/{broken.fr}", broken.fr)
    has(problems, "html-has-lang")


def test_phone_check_reports_overflow_axe_and_tiny_chart_text(broken, browser):
    problems = sitecheck.check_phone(browser, f"{broken.base_url}/{broken.nl}", broken.nl)
    has(problems, "scrolls sideways", "image-alt", "console:", "chart text rendered at")


def test_print_check_reports_tall_and_breakable_blocks(broken, browser):
    problems = sitecheck.check_print(browser, f"{broken.base_url}/{broken.nl}", broken.nl)
    has(problems, "figure#te-hoog is taller than a page", "table#splitsbaar may be split")


def test_keyboard_check_reports_invisible_focus(broken, browser):
    problems = sitecheck.check_keyboard(browser, f"{broken.base_url}/{broken.nl}", broken.nl)
    has(problems, "no visible focus indicator")
