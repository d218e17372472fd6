"""Fixtures of the browser checks. They build nothing: the site comes from $SITE_DIR
(`make site-test` builds it into .build/site-test and runs this suite on it)."""

import os
from pathlib import Path

import pytest

import sitecheck


def pytest_report_header(config):
    site = os.environ.get("SITE_DIR", "(SITE_DIR not set)")
    try:
        path, tags = sitecheck.axe_script()
        axe = f"{path} ({', '.join(tags)})"
    except RuntimeError as error:
        axe = str(error)
    return [f"site: {site}", f"axe-core: {axe}"]


@pytest.fixture(scope="session")
def site() -> Path:
    value = os.environ.get("SITE_DIR")
    if not value:
        pytest.fail("SITE_DIR is not set: run `make site-test`, or SITE_DIR=<built site> python3 -m pytest Tests/browser")
    path = Path(value).resolve()
    if not (path / "index.html").is_file():
        pytest.fail(f"SITE_DIR={value} holds no built site (no index.html)")
    return path


@pytest.fixture(scope="session")
def pages(site):
    return sitecheck.load_pages(site)


@pytest.fixture(scope="session")
def base_url(site):
    """The site served over http://127.0.0.1:<free port>, so that root-absolute links work."""
    with sitecheck.serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    b = sitecheck.Browser()
    yield b
    b.quit()


def pytest_generate_tests(metafunc):
    """`page` runs a test once for every HTML file of the built site; of the chart pages (one
    template for all) and their embeds, each language's largest and smallest (the static checks
    of test_site.py read every one)."""
    if "page" in metafunc.fixturenames:
        value = os.environ.get("SITE_DIR")
        files = sitecheck.html_files(Path(value)) if value and Path(value).is_dir() else []
        if files:
            files = sitecheck.sample_chart_pages(Path(value), files)
        metafunc.parametrize("page", files or ["(no site)"])
