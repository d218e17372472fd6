"""The PDF of the whole report, as a reader and a screen reader get it (issue 25). `make
site-test` prints it with `rapport pdf` (WeasyPrint), for the study and for a study made by
`rapport new`; these checks read each language's PDF beside its report page:

- published and linked, and exactly the PDF printed from the page the build rendered;
- tagged (a structure tree with headings, figures, tables, lists, links), PDF/UA-1, the page's
  language, title and author, every font embedded;
- a bookmark per chapter and section, each on the page its chapter starts;
- a cover, then the contents and the list of figures, whose page numbers are those where each
  chapter and figure really is (pdftotext page by page);
- running heads: the study's title, the chapter's title and "page / pages" on every page after
  the cover;
- figures numbered 1, 2, 3 … in the page as in the PDF, each with its source line on its page;
- no page less than a third full, but a chapter's last;
- every page as a picture (pdftoppm -r 50) in .build/pdf-pages/, none blank, to be looked at."""

import html
import os
import re
import shutil
from pathlib import Path

import pytest

import pdffacts

SOURCE = re.compile(r'data-print-source="([0-9a-f]{16})"')


def printed_reports(site: Path) -> list[tuple[str, Path]]:
    """(language, report page) of every page carrying a print fingerprint."""
    found = []
    for page in sorted(site.glob("*/*/index.html")):
        head = page.read_text(encoding="utf-8", errors="replace")
        if SOURCE.search(head):
            found.append((page.parent.parent.name, page))
    return found


def pytest_generate_tests(metafunc):
    if "report" in metafunc.fixturenames:
        value = os.environ.get("SITE_DIR")
        found = printed_reports(Path(value)) if value and Path(value).is_dir() else []
        metafunc.parametrize("report", [page for _, page in found] or ["(no report)"], ids=[l for l, _ in found] or ["none"])


class Report:
    """A report page, its PDF and what they hold."""

    def __init__(self, page: Path):
        self.page = page
        self.pdf = page.parent.with_suffix(".pdf")
        if not self.pdf.is_file():
            pytest.fail(f"no {self.pdf.name} beside {page.parent}: `make site-test` prints it with rapport pdf first")
        self.html = page.read_text(encoding="utf-8")
        self.texts = pdffacts.page_texts(self.pdf)
        self.facts = pdffacts.facts(self.pdf)
        self.lang = re.search(r'<html lang="([^"]+)"', self.html).group(1)
        self.running = text(re.search(r'@top-left \{ content: "((?:[^"\\]|\\.)*)"', self.html).group(1), css=True)
        # The chapters as the page has them (the summary first, the annex last), with their ids.
        self.chapters = [(i, text(t)) for i, t in re.findall(
            r'<section class="wrap chapter report-chapter[^"]*" aria-labelledby="[^"]+">\s*<h2 id="([^"]+)">(.*?)</h2>', self.html)]
        self.figures = [(i, text(label), text(title)) for i, label, title in re.findall(
            r'<li><a href="#([^"]+)"><span class="figure-label">(.*?)</span> (.*?)</a></li>', self.html)]

    def page_of(self, title: str) -> int:
        """The page (from 0) where the chapter `title` starts: after the study's title, the
        chapter's title twice, in the page head and as the page's first heading."""
        for number, page in enumerate(self.texts):
            if number and page.startswith(self.running) and page[len(self.running):].lstrip().startswith(f"{title} {title}"):
                return number
        pytest.fail(f"no page starts with the chapter {title!r}")


def text(markup: str, css: bool = False) -> str:
    if css:
        markup = re.sub(r"\\([0-9a-f]+) ?", lambda m: chr(int(m.group(1), 16)), markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


@pytest.fixture(scope="module")
def reports():
    return {}


@pytest.fixture
def printed(report, reports, site):
    if report == "(no report)":
        pytest.fail("no whole report in the site (report.mustache)")
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext missing: apt-get install poppler-utils (make pdf-deps)")
    if report not in reports:
        reports[report] = Report(report)
    return reports[report]


def test_published_as_printed(printed, site):
    fingerprint = SOURCE.search(printed.html).group(1)
    kept = site.parent / f".{site.name}.pdf" / f"{fingerprint}.pdf"
    assert kept.is_file(), f"rapport pdf printed no {kept.name} for this page"
    assert kept.read_bytes() == printed.pdf.read_bytes(), "the published PDF is the one printed from this page"
    language = printed.page.parent.parent.name
    assert re.search(rf'href="(\.\./)*{language}/{re.escape(printed.pdf.name)}"', printed.html), "the report page links to its PDF"


def test_tagged_accessible_pdf(printed):
    facts = printed.facts
    assert facts["marked"] and facts["ua"], "tagged, and PDF/UA-1"
    assert facts["lang"] == printed.lang
    title = text(re.search(r"<title>(.*?)</title>", printed.html).group(1))
    assert facts["title"] == title
    author = re.search(r'<meta name="author" content="([^"]*)">', printed.html)
    assert facts["author"] == (text(author.group(1)) if author else ""), "the publisher is the author"
    tags = facts["tags"]
    for kind in ("Document", "H1", "H2", "P", "L", "LI", "Link"):
        assert tags.get(kind), f"no {kind} in the structure tree: {tags}"
    if printed.figures:
        assert tags.get("Figure", 0) >= len(printed.figures) and tags.get("Table"), tags
    assert facts["fonts"] and all(embedded for _, embedded in facts["fonts"]), facts["fonts"]
    # Live links: every entry of the contents and of the list of figures at least.
    assert facts["internal_links"] >= len(printed.chapters) + len(printed.figures)


def test_cover_contents_and_outline(printed):
    texts, outline = printed.texts, printed.facts["outline"]
    cover = texts[0]
    assert cover.startswith(printed.running), "the cover opens with the study's title"
    assert not re.search(r"\b1 / \d+", cover), "no page number on the cover"
    outline = [(level, " ".join(title.split()), page) for level, title, page in outline]
    chapters = [title for level, title, _ in outline if level == 1]
    for _, title in printed.chapters:
        assert title in chapters, f"no bookmark for the chapter {title!r}: {chapters}"
    contents = " ".join(texts[1:6])
    for level, title, page in outline:
        assert page is not None, f"the bookmark {title!r} points nowhere"
        if level == 1 and title in dict((t, i) for i, t in printed.chapters):
            start = printed.page_of(title)
            assert page == start, f"bookmark {title!r} on page {page + 1}, the chapter starts on page {start + 1}"
            listed = re.search(re.escape(title) + r"[\s.]*?(\d+)\b", contents)
            assert listed, f"{title!r} not in the contents"
            assert int(listed.group(1)) == start + 1, f"the contents say {title!r} starts on page {listed.group(1)}, it is {start + 1}"
    assert any(level == 2 for level, _, _ in outline) or len(printed.chapters) < 3, "bookmarks for sections"


def test_running_heads(printed):
    texts = printed.texts
    starts = sorted((printed.page_of(title), title) for _, title in printed.chapters)
    for number, page in enumerate(texts[1:], start=2):
        assert page.startswith(printed.running), f"page {number} has no running head: {page[:80]}"
        assert re.search(rf"\b{number} ?/ ?{len(texts)}\b", page), f"page {number} has no page number"
        chapter = [title for start, title in starts if start <= number - 1]
        if chapter:
            head = page[len(printed.running):].lstrip()
            assert head.startswith(chapter[-1]), f"page {number}: the head names {chapter[-1]!r}: {head[:80]}"


def test_figures_numbered_and_whole(printed):
    if not printed.figures:
        pytest.skip("a study without numbered figures")
    labels = [label for _, label, _ in printed.figures]
    word = labels[0].rsplit(" ", 1)[0].rsplit("\u00a0", 1)[0]
    assert [int(re.sub(r"\D", "", l)) for l in labels] == list(range(1, len(labels) + 1)), labels
    source = re.search(r'<p class="chart-meta">.*?<span>([^<]*?:)', printed.html).group(1)
    source = " ".join(html.unescape(source).split())
    listing = " ".join(printed.texts[1:8])
    upper = word.upper()
    for number, (_, _, title) in enumerate(printed.figures, start=1):
        pages = [n for n, t in enumerate(printed.texts) if re.search(rf"\b{upper}\s{number}\b", t)]
        assert pages, f"{upper} {number} is not printed"
        page = pages[0]
        rest = printed.texts[page][re.search(rf"\b{upper}\s{number}\b", printed.texts[page]).end():]
        assert title[:30] in " ".join(rest.split()), f"{upper} {number}: its title follows its number"
        assert source in rest, f"{upper} {number}: its source is on its page ({page + 1})"
        listed = re.search(rf"\b{re.escape(word)}\s{number}\s{re.escape(title)}[\s.]*?(\d+)\b", listing)
        assert listed, f"{word} {number} not in the list of figures"
        assert int(listed.group(1)) == page + 1, f"the list of figures says {word} {number} is on page {listed.group(1)}, it is {page + 1}"


def test_no_nearly_empty_pages(printed, site):
    work = site.parent / "pdf-fill"
    work.mkdir(exist_ok=True)
    sparse = pdffacts.sparse_pages(printed.pdf, work)
    assert sparse == [], f"pages less than a third full (not a chapter's last): {sparse}"


def test_pages_as_pictures(printed, site):
    """Every page as a picture, kept in .build/pdf-pages/<language>-N.png, to be looked at."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm missing: apt-get install poppler-utils (make pdf-deps)")
    import subprocess

    keep = site.parent / "pdf-pages"
    keep.mkdir(exist_ok=True)
    stem = f"{site.name}-{printed.page.parent.parent.name}"
    for old in keep.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(printed.pdf), str(keep / stem)], check=True)
    pictures = sorted(keep.glob(f"{stem}-*.png"))
    assert len(pictures) == len(printed.texts)
    blank = [p.name for p in pictures if p.stat().st_size < 3000]
    assert blank == [], f"blank pages: {blank}"
