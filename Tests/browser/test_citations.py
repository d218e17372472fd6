"""Citations and schema.org metadata of the built study (Sources/RapportCore/Render/Citations.swift,
CitationFormats.swift, Generators/SchemaOrg.swift): the study's and every chart's BibTeX, RIS and
CSL-JSON files parse back with the libraries reference managers' importers resemble
(`bibtexparser`, `rispy`), and the data pages' JSON-LD, expanded by a JSON-LD processor (`pyld`),
holds one Dataset per CSV file with what Google's Dataset guidelines require; the whole report
holds a Report.

Needs the PyPI packages `bibtexparser` (2.x), `pylatexenc`, `rispy` and `PyLD` (`make browser-deps`)."""

import json
import re

import pytest

LANGUAGES = {"nl": "citeer", "fr": "citer"}
REPORTS = {"nl": "volledig-rapport", "fr": "rapport-complet"}
S = "http://schema.org/"


def module(name):
    try:
        return __import__(name)
    except ImportError:
        pytest.fail(f"the Python package {name} is missing (make browser-deps)")


def parse_bib(path):
    bibtexparser = module("bibtexparser")
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    assert not library.failed_blocks, f"{path}: {[b.raw for b in library.failed_blocks]}"
    return library.entries


def check_files(stem):
    rispy = module("rispy")
    entries = parse_bib(stem.with_name(stem.name + ".bib"))
    with open(stem.with_name(stem.name + ".ris"), encoding="utf-8") as f:
        ris = rispy.load(f)
    csl = json.loads(stem.with_name(stem.name + ".csl.json").read_text(encoding="utf-8"))
    assert len(entries) == len(ris) == len(csl) == 1, stem
    fields = {f.key: f.value for f in entries[0].fields}
    assert fields["url"] == csl[0]["URL"] == ris[0]["urls"][0], stem
    assert fields["year"] == ris[0]["year"] == str(csl[0]["issued"]["date-parts"][0][0]), stem
    assert ris[0]["title"] == csl[0]["title"], stem
    return entries[0], ris[0], csl[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_study_and_chart_citation_files_parse(site, language):
    entry, ris, csl = check_files(site / language / LANGUAGES[language])
    assert entry.entry_type == "techreport" and ris["type_of_reference"] == "RPRT" and csl["type"] == "report"
    charts = sorted((site / language / "data").glob("*.csv"))
    assert charts
    for csv in charts:
        entry, ris, csl = check_files(csv.with_suffix(""))
        assert entry.entry_type == "misc" and ris["type_of_reference"] == "FIGURE" and csl["type"] == "figure"


def expanded(path):
    jsonld = module("pyld").jsonld

    def loader(url, options=None):
        # schema.org's context, offline: its vocabulary.
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": S}}}

    html = path.read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1, f"{path}: one JSON-LD script"
    nodes = jsonld.expand(json.loads(scripts[0]), {"documentLoader": loader})
    return [n for n in nodes for n in ([n] + n.get("@graph", []))]


def values(node, key):
    return [v.get("@value", v.get("@id")) for v in node.get(S + key, [])]


@pytest.mark.parametrize("language", LANGUAGES)
def test_data_page_has_a_dataset_per_csv(site, language):
    nodes = expanded(site / language / "data" / "index.html")
    datasets = [n for n in nodes if S + "Dataset" in n.get("@type", [])]
    package = json.loads((site / language / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert len(datasets) == len(package["resources"])
    for node in datasets:
        assert values(node, "name")[0], node
        assert 50 <= len(values(node, "description")[0]) <= 5000, node
        assert values(node, "license") and values(node, "inLanguage") and node.get(S + "creator"), node
        urls = [values(d, "contentUrl")[0] for d in node[S + "distribution"]]
        assert len(urls) == 1 and urls[0].startswith("https://") and urls[0].endswith(".csv"), urls


@pytest.mark.parametrize("language", LANGUAGES)
def test_whole_report_is_a_report(site, language):
    nodes = expanded(site / language / REPORTS[language] / "index.html")
    reports = [n for n in nodes if S + "Report" in n.get("@type", [])]
    assert len(reports) == 1
    assert values(reports[0], "name")[0] and values(reports[0], "description")[0]
