"""The open data of the built site (Sources/RapportCore/Render/Generators/DataPage.swift): in each language's data
folder, datapackage.json is a valid Frictionless Data Package whose resources are exactly the
CSV files and read as described (header names, `;`, decimal comma, the byte order mark), the
ZIP holds every CSV file and the description, and the data page links to every CSV file.

Needs the PyPI package `frictionless` (`make browser-deps` installs it)."""

import json
import zipfile
from html.parser import HTMLParser

import pytest

LANGUAGES = ["nl", "fr"]


def frictionless():
    try:
        import frictionless as module
    except ImportError:
        pytest.fail("the Python package frictionless is missing: python3 -m pip install frictionless (make browser-deps)")
    return module


def data_folder(site, language):
    folder = site / language / "data"
    assert (folder / "datapackage.json").is_file(), f"{language}/data/datapackage.json is missing"
    return folder


def csv_names(folder):
    return sorted(p.name for p in folder.glob("*.csv"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_datapackage_is_valid(site, language):
    report = frictionless().validate(str(data_folder(site, language) / "datapackage.json"))
    problems = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, f"{len(problems)} problems:\n  " + "\n  ".join(map(str, problems[:40]))
    # Every resource was read (not skipped): one validation task per CSV file.
    assert report.stats["tasks"] == len(csv_names(data_folder(site, language)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_datapackage_describes_every_csv_in_the_language(site, language):
    folder = data_folder(site, language)
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    paths = sorted(r["path"] for r in package["resources"])
    assert paths == csv_names(folder), "one resource per CSV file, no more"
    for resource in package["resources"]:
        assert resource["title"] and resource["description"], resource["name"]
        assert resource["dialect"]["delimiter"] == ";"
        raw = (folder / resource["path"]).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{resource['path']}: UTF-8 with a byte order mark"
        assert resource["bytes"] == len(raw)
        header = raw[3:].split(b"\r\n", 1)[0].decode("utf-8")
        names = [f["name"] for f in resource["schema"]["fields"]]
        if '"' not in header:
            assert header.split(";") == names, resource["path"]
        for field in resource["schema"]["fields"]:
            assert field["title"], f"{resource['path']}: {field['name']} has a title"
            if field["type"] == "number":
                assert field.get("decimalChar") == ","


@pytest.mark.parametrize("language", LANGUAGES)
def test_zip_holds_every_csv_and_the_description(site, language, tmp_path):
    folder = data_folder(site, language)
    path = folder / f"data-{language}.zip"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, "every CRC is right"
        names = archive.namelist()
        assert names == sorted(names), "entries sorted by name"
        assert sorted(names) == sorted(csv_names(folder) + ["datapackage.json"])
        for name in names:
            assert archive.read(name) == (folder / name).read_bytes(), f"{name} as published"
        archive.extractall(tmp_path)
    assert frictionless().validate(str(tmp_path / "datapackage.json")).valid, "the unzipped package is valid too"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))


@pytest.mark.parametrize("language", LANGUAGES)
def test_data_page_links_every_csv_the_zip_and_the_description(site, language):
    folder = data_folder(site, language)
    parser = Links()
    parser.feed((folder / "index.html").read_text(encoding="utf-8"))
    linked = {href.rsplit("/", 1)[-1] for href in parser.hrefs if f"/{language}/data/" in href}
    missing = set(csv_names(folder) + [f"data-{language}.zip", "datapackage.json"]) - linked
    assert not missing, f"not linked from {language}/data/: {sorted(missing)}"
    charts = [href for href in parser.hrefs if "#chart-" in href]
    assert len(charts) >= len(csv_names(folder)), "every dataset links to its chart"
