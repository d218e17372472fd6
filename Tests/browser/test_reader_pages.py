"""The pages for readers beyond the chapters (issue 17), end to end on the built site: search in
Chromium (the index, the script, the result links), the search page without JavaScript, and the
PDF of the whole report (`make site-test` prints it with `rapport pdf`, as `make pdf` does): its
link, size and chapters (its layout page by page: test_pdf.py)."""

import html
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import sitecheck

SEARCHES = [("nl/zoeken/", "mantelzorgers", "mantelzorgers"), ("fr/recherche/", "defis", "défis")]
REPORTS = {"nl": "volledig-rapport", "fr": "rapport-complet"}
READERS = set(REPORTS.values()) | {"zoeken", "recherche", "data"}  # reader pages that are not chapters (data: the open-data page)

# The text of what a link's fragment points at: a heading and what follows it up to the next
# heading, or a figure, or the chapter's text when there is no fragment.
SECTION_TEXT_JS = r"""
const id = decodeURIComponent(location.hash.slice(1));
const el = id ? document.getElementById(id) : document.querySelector('main .prose');
if (!el) return null;
if (!/^H[1-6]$/.test(el.tagName)) return el.textContent;
let text = el.textContent;
for (let n = el.nextElementSibling; n && !/^H[1-6]$/.test(n.tagName); n = n.nextElementSibling) text += ' ' + n.textContent;
return text;
"""


def chapters(pages, language):
    """The chapter pages of a language (not its home page, nor the reader pages)."""
    return {rel: p for rel, p in pages.items() if rel.startswith(language + "/") and rel.count("/") == 2
            and rel.split("/")[1] not in READERS}


@pytest.mark.parametrize("path,query,word", SEARCHES)
def test_search_result_leads_to_a_section_mentioning_the_word(path, query, word, browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_width(sitecheck.DESKTOP)
    browser.set_media()
    errors = browser.open(f"{base_url}/{path}?q={query}")
    driver = browser.driver
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-list > li > a"))
    assert errors == [], errors
    assert driver.find_element(By.ID, "search-query").get_attribute("value") == query
    assert re.search(r"\d+$", driver.find_element(By.ID, "search-status").text), "the status gives the count"
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-list > li > a")]
    assert all(link.startswith(base_url + "/" + path[:2] + "/") for link in links), links
    marked = [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, "#search-list mark")]
    assert word in marked, f"{word} is marked in the snippets: {marked[:5]}"
    browser.open(links[0])
    text = driver.execute_script(SECTION_TEXT_JS)
    assert text and word in text.lower(), f"{links[0]} does not mention {word}"


def test_search_form_updates_results_and_address(browser, base_url):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.open(f"{base_url}/nl/zoeken/")
    driver = browser.driver
    box = driver.find_element(By.ID, "search-query")
    assert box.is_displayed(), "with JavaScript the form is shown"
    box.send_keys("VRIJWILLIGERS", Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-list > li > a"))
    assert driver.current_url.endswith("/nl/zoeken/?q=VRIJWILLIGERS")
    box.clear()
    box.send_keys("qqqzzzxxx", Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#search-list > li"))
    assert "Geen resultaten" in driver.find_element(By.ID, "search-status").text


@pytest.mark.parametrize("language,path", [("nl", "nl/zoeken/index.html"), ("fr", "fr/recherche/index.html")])
def test_search_page_lists_every_chapter_section_and_chart(language, path, site, pages):
    """What a reader without JavaScript gets: a link to every chapter, section and chart."""
    page = pages[path]
    # The links are relative to the search page and name index.html: compared as site paths.
    hrefs = set()
    for tag, attribute, value, _ in page.links:
        if tag == "a":
            target = urlsplit(urljoin("http://site" + page.url_path, value))
            address = target.path[: -len("index.html")] if target.path.endswith("/index.html") else target.path
            hrefs.add(address + ("#" + target.fragment if target.fragment else ""))
    missing = []
    for rel, chapter in sorted(chapters(pages, language).items()):
        if chapter.url_path not in hrefs:
            missing.append(chapter.url_path)
        text = (site / rel).read_text(encoding="utf-8")
        prose = text[text.find('<div class="prose">'):text.rfind("</article>")]
        targets = re.findall(r'<h[2-6] id="([^"]+)"', prose)
        targets += re.findall(r'<(?:figure class="chart[^"]*"|div class="key-figures") id="([^"]+)"', prose)
        missing += [f"{chapter.url_path}#{t}" for t in targets if f"{chapter.url_path}#{t}" not in hrefs]
    assert missing == [], f"{len(missing)} not listed on {path}: {missing[:10]}"
    size = (site / path).with_name("search-index.json").stat().st_size
    assert size < 150 * 1024, f"search index of {language}: {size} bytes"


def report_titles(site: Path, language: str) -> list[str]:
    text = (site / language / REPORTS[language] / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<section class="wrap chapter report-chapter" aria-labelledby="[^"]+">\s*<h2 id="[^"]+">(.*?)</h2>', text)
    return [" ".join(html.unescape(t).split()) for t in titles]


def pdf_of(site: Path, language: str) -> Path:
    pdf = site / language / f"{REPORTS[language]}.pdf"
    if not pdf.is_file():
        pytest.fail(f"no {pdf.relative_to(site)}: `make site-test` prints it (rapport pdf) before the checks")
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f")][:-1]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_pdf_of_the_whole_report(language, site, pages):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: apt-get install poppler-utils (make browser-deps)")
    pdf = pdf_of(site, language)
    report = pages[f"{language}/{REPORTS[language]}/index.html"]
    linked = {urlsplit(urljoin("http://site" + report.url_path, v)).path for _, _, v, _ in report.links}
    assert f"/{language}/{REPORTS[language]}.pdf" in linked, "the page links to its PDF"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info), info
    texts = pdf_pages(pdf)
    titles = report_titles(site, language)
    # The home page opens the report as its summary, then every chapter.
    summary = {"nl": "Samenvatting", "fr": "Résumé"}[language]
    assert titles[0] == summary and len(titles) == len(chapters(pages, language)) + 1 >= 10
    # A cover, the contents, the list of figures, the chapters, the annex: 40 to 200 pages for
    # the study (its layout page by page: test_pdf.py).
    assert 2 + len(titles) <= len(texts) and 40 <= len(texts) <= 200, f"{len(texts)} pages"
