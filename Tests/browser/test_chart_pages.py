"""A chart's page, its embed and its pictures (issue 26), as a reader, another site and a social
network's crawler see them.

The embed is tried where it will live: its code, copied from the chart page's text box, pasted
into a page served from another origin (localhost on another port, while the site is on
127.0.0.1), in Chromium. With the code's few lines of script the iframe takes the height the
embed tells it, at any width; without them it keeps its fixed height and shows the chart."""

import contextlib
import html
import re
import struct
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import sitecheck


def chart_pages(site: Path) -> list[str]:
    return [f for f in sitecheck.html_files(site) if sitecheck.is_chart_page(f) and not f.endswith("/embed/index.html")]


@pytest.fixture(scope="module")
def chart_page(site):
    pages = chart_pages(site)
    assert pages, "the site has chart pages"
    # The tallest chart: the one whose height matters most.
    return max(pages, key=lambda f: (site / f).stat().st_size)


def embed_code(site: Path, rel: str) -> str:
    text = (site / rel).read_text(encoding="utf-8")
    found = re.search(r'<textarea class="embed-code"[^>]*>(.*?)</textarea>', text, re.S)
    assert found, f"{rel}: no embed code"
    return html.unescape(found.group(1))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@contextlib.contextmanager
def host_page(body: str, width: int = 360):
    """A page of another site (localhost, its own port) holding `body`; yields its URL."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "index.html").write_text(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Partner</title><link rel=\"icon\" href=\"data:,\"></head>"
            f"<body style=\"margin:0\"><p>Before.</p><div id=\"box\" style=\"width:{width}px\">{body}</div><p>After.</p></body></html>",
            encoding="utf-8")
        with sitecheck.serve(Path(folder)) as url:
            yield url.replace("127.0.0.1", "localhost") + "/index.html"


def iframe_height(browser) -> float:
    return browser.driver.execute_script("return document.querySelector('iframe').getBoundingClientRect().height")


def wait_for(condition, seconds=10.0):
    end = time.time() + seconds
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


def test_every_chart_page_has_its_files(site, pages):
    problems = []
    origin = sitecheck.site_origin(pages)
    for rel in chart_pages(site):
        page = pages[rel]
        folder = (site / rel).parent
        image = page.metas.get("og:image", "")
        local = site / image[len(origin) + 1:] if image.startswith(origin + "/") else None
        if not local or not local.is_file():
            problems.append(f"{rel}: og:image {image} is not a file of the site")
            continue
        if local.parent != folder:
            problems.append(f"{rel}: og:image {image} is not the chart's own PNG")
        width, height = png_size(local)
        if (str(width), str(height)) != (page.metas.get("og:image:width"), page.metas.get("og:image:height")):
            problems.append(f"{rel}: the PNG is {width} × {height}, og:image says "
                            f"{page.metas.get('og:image:width')} × {page.metas.get('og:image:height')}")
        svgs = list(folder.glob("*.svg"))
        if len(svgs) != 1:
            problems.append(f"{rel}: {len(svgs)} SVG files beside it")
            continue
        svg = svgs[0].read_text(encoding="utf-8")
        size = re.search(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]* width="(\d+)" height="(\d+)"', svg)
        if not size or (int(size.group(1)) * 2, int(size.group(2)) * 2) != (width, height):
            problems.append(f"{rel}: the PNG is not the SVG at twice its size")
        if not (folder / "embed" / "index.html").is_file():
            problems.append(f"{rel}: no embed")
    assert not problems, "\n".join(problems)


def test_a_crawler_finds_the_card(site, base_url, chart_page, pages):
    """What a social network's crawler reads: the tags in the page's head, and the picture behind them."""
    origin = sitecheck.site_origin(pages)
    with urllib.request.urlopen(f"{base_url}/{chart_page}", timeout=10) as response:
        page = response.read().decode("utf-8")
    tags = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', page))
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image:alt"].strip() and tags["og:title"].strip()
    image = tags["og:image"]
    assert image.startswith(origin + "/")
    with urllib.request.urlopen(base_url + image[len(origin):], timeout=10) as response:
        assert response.headers["Content-Type"] == "image/png"
        data = response.read()
    assert struct.unpack(">II", data[16:24]) == (int(tags["og:image:width"]), int(tags["og:image:height"]))


def test_the_embed_tells_another_site_its_height(site, base_url, browser, chart_page, pages):
    origin = sitecheck.site_origin(pages)
    code = embed_code(site, chart_page).replace(origin, base_url)
    fixed = int(re.search(r'height="(\d+)"', code).group(1))
    with host_page(code) as url:
        assert urlsplit(url).netloc != urlsplit(base_url).netloc, "the host page is on another origin"
        browser.set_width(1280)
        browser.set_media(dark=False)
        errors = browser.open(url)
        assert not errors, errors
        # The iframe takes the embed's height: the chart is whole, nothing scrolls inside it.
        told = wait_for(lambda: browser.driver.execute_script("return document.querySelector('iframe').style.height"))
        assert told.endswith("px"), "the embed never told its height"
        height = iframe_height(browser)
        frame = browser.driver.find_element("css selector", "iframe")
        browser.driver.switch_to.frame(frame)
        try:
            inside = browser.driver.execute_script(
                "return {scroll: document.documentElement.scrollHeight, view: window.innerHeight,"
                " wide: document.documentElement.scrollWidth, width: window.innerWidth,"
                " chart: document.querySelector('.chart-svg svg').getBoundingClientRect().width}")
        finally:
            browser.driver.switch_to.default_content()
        assert abs(inside["view"] - height) <= 1
        assert inside["scroll"] <= inside["view"] + 1, f"the embed scrolls inside its iframe: {inside}"
        assert inside["wide"] <= inside["width"], f"the embed scrolls sideways: {inside}"
        assert inside["chart"] >= 0.9 * 360 - 40, f"the chart does not fill the width: {inside}"

        # Wider, the chart grows with it, and the embed tells its new height.
        browser.driver.execute_script("document.getElementById('box').style.width = '720px'")
        wider = wait_for(lambda: (lambda h: h if abs(h - height) > 20 else None)(iframe_height(browser)))
        assert wider and wider > height, f"the height stayed {height} at 720 px"


def test_the_embed_without_script_keeps_a_sensible_height(site, base_url, browser, chart_page, pages):
    origin = sitecheck.site_origin(pages)
    code = embed_code(site, chart_page).replace(origin, base_url)
    iframe = code.split("<script>")[0]
    fixed = int(re.search(r'height="(\d+)"', iframe).group(1))
    # At the width the pictures are drawn at, the fixed height is about the embed's own.
    with host_page(iframe, width=600) as url:
        browser.set_width(1280)
        errors = browser.open(url)
        assert not errors, errors
        time.sleep(0.5)
        assert abs(iframe_height(browser) - fixed) <= 1
        frame = browser.driver.find_element("css selector", "iframe")
        browser.driver.switch_to.frame(frame)
        try:
            title = browser.driver.execute_script("return document.querySelector('h1').textContent")
            drawn = browser.driver.execute_script("return document.querySelector('.chart-svg svg').getBoundingClientRect().height")
            content = browser.driver.execute_script("return Math.ceil(document.body.getBoundingClientRect().height)")
        finally:
            browser.driver.switch_to.default_content()
        assert title.strip() and drawn > 100
        assert 0.8 * content <= fixed <= 1.25 * content, f"fixed height {fixed} for an embed {content} px high at 600 px"
