#!/usr/bin/env python3
"""Synthetic bilingual corpus for `make bench` (issue 8).

Writes, for N pages per language, two sites with the same Markdown:

    OUT/rapport/Content/site.yml, i18n/{nl,fr}.yml     (copied structure / files from the repo)
    OUT/rapport/Content/{nl,fr}/index.md, pNNNN.md      front matter title/order/slug
    OUT/rapport/Content/data/bench/dNNNN-{freq,bars}.{yml,csv}   two datasets per page
    OUT/hugo/hugo.toml, content/{nl,fr}/...             the same Markdown without chart blocks

Every page has a lead paragraph, ## sections (so a table of contents), bulleted and numbered
lists, a GFM table, a footnote, a link to the next page, one number quoted from its data
({{id:row}}; Hugo gets the formatted number instead) and two ```chart id``` blocks in Rapport.

Deterministic: page k is generated from (seed, k) alone, so the N=100 corpus is a prefix of the
N=5000 one and two runs write identical bytes.

    python3 bench/gen_corpus.py --pages 1000 --out bench/work/corpus-1000 [--seed 8]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = "4"

WORDS = {
    "nl": (
        "vereniging patiënten vrijwilligers bestuur werking leden inkomsten subsidies zorg "
        "ondersteuning lotgenoten contact informatie netwerk samenwerking ziekte aandoening "
        "familie naasten ervaring kennis beleid overheid ziekenhuis artsen zorgverleners "
        "activiteiten bijeenkomsten nieuwsbrief website opleiding vorming project middelen "
        "uitdaging toekomst groei bereik ambitie doelstelling erkenning stem belangen rechten "
        "regio provincie gemeente België Vlaanderen Brussel jaarlijks vaak soms zelden meestal "
        "sterk beperkt duidelijk belangrijk nieuw klein groot vast tijdelijk gezamenlijk "
        "werken helpen bieden organiseren verzamelen delen bereiken vinden houden versterken "
        "de het een van en in op voor met door naar bij uit over als dan ook nog meer minder"
    ).split(),
    "fr": (
        "association patients volontaires conseil fonctionnement membres revenus subsides soins "
        "soutien pairs contact information réseau collaboration maladie affection famille "
        "proches expérience connaissances politique autorités hôpital médecins prestataires "
        "activités rencontres lettre site formation projet moyens difficulté avenir croissance "
        "portée ambition objectif reconnaissance voix intérêts droits région province commune "
        "Belgique Wallonie Bruxelles annuellement souvent parfois rarement généralement fort "
        "limité clair important nouveau petit grand fixe temporaire commun travailler aider "
        "offrir organiser rassembler partager atteindre trouver garder renforcer "
        "le la les un une des de du et en sur pour avec par vers chez hors comme aussi plus moins"
    ).split(),
}
SERIES_FREQ = [
    ("never", "(Bijna) nooit", "(Presque) jamais"),
    ("occasionally", "Af en toe", "De temps en temps"),
    ("regularly", "Regelmatig", "Régulièrement"),
    ("continuously", "(Bijna) doorlopend", "(Presque) en permanence"),
    ("dont-know", "Weet ik niet", "Je ne sais pas"),
]
SERIES_BARS = [
    ("total", "Totaal", "Total"),
    ("nl-speaking", "Nederlandstalig", "Néerlandophone"),
    ("fr-speaking", "Franstalig", "Francophone"),
]


def words(rng: random.Random, lang: str, count: int) -> list[str]:
    return [rng.choice(WORDS[lang]) for _ in range(count)]


def sentence(rng: random.Random, lang: str, low: int = 8, high: int = 18) -> str:
    w = words(rng, lang, rng.randint(low, high))
    if rng.random() < 0.3:
        i = rng.randrange(len(w))
        w[i] = f"**{w[i]}**"
    if rng.random() < 0.2:
        i = rng.randrange(len(w))
        w[i] = f"*{w[i]}*"
    text = " ".join(w)
    return text[0].upper() + text[1:] + ("." if rng.random() < 0.85 else ", " + " ".join(words(rng, lang, 4)) + ".")


def paragraph(rng: random.Random, lang: str, low: int = 3, high: int = 6) -> str:
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(low, high)))


def title(rng: random.Random, lang: str, low: int = 2, high: int = 5) -> str:
    text = " ".join(words(rng, lang, rng.randint(low, high)))
    return text[0].upper() + text[1:]


def label_pair(rng: random.Random) -> tuple[str, str]:
    return title(rng, "nl", 1, 4), title(rng, "fr", 1, 4)


def split100(rng: random.Random, parts: int) -> list[int]:
    """`parts` non-negative integers summing to exactly 100."""
    cuts = sorted(rng.randint(0, 100) for _ in range(parts - 1))
    edges = [0, *cuts, 100]
    return [edges[i + 1] - edges[i] for i in range(parts)]


def yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


class PageSpec:
    """Everything about page k that both languages share: datasets, structure, numbers."""

    def __init__(self, seed: int, k: int, seen: set | None = None):
        """`seen`: the value rows of the pages before, so that no row repeats another one
        (Rapport's copy check would warn about it, rightly: the corpus builds without a warning)."""
        seen = set() if seen is None else seen
        self.k = k
        self.rng = random.Random(seed * 1_000_003 + k)
        rng = self.rng
        self.freq_id = f"d{k:04d}-freq"
        self.bars_id = f"d{k:04d}-bars"
        # Stacked bars: 6..14 items x 5 answer categories (the last one "don't know").
        self.freq_rows = []
        for r in range(rng.randint(6, 14)):
            nl, fr = label_pair(rng)
            values = split100(rng, 5)
            while tuple(values) in seen:
                values = split100(rng, 5)
            seen.add(tuple(values))
            self.freq_rows.append((f"item-{r + 1}", nl, fr, rng.randint(60, 160), values))
        # Bars: 5..10 categories x 1..3 groups.
        self.bars_series = SERIES_BARS[: rng.randint(1, 3)]
        self.bars_rows = []
        for r in range(rng.randint(5, 10)):
            nl, fr = label_pair(rng)
            values = [rng.randint(0, 100) for _ in self.bars_series]
            while len(values) >= 3 and tuple(values) in seen:
                values = [rng.randint(0, 100) for _ in self.bars_series]
            seen.add(tuple(values))
            self.bars_rows.append((f"option-{r + 1}", nl, fr, values))
        self.bars_rows.sort(key=lambda row: -row[3][0])
        self.freq_titles = label_pair(rng)
        self.bars_titles = label_pair(rng)
        self.freq_finding = (sentence(rng, "nl"), sentence(rng, "fr"))
        self.bars_finding = (sentence(rng, "nl"), sentence(rng, "fr"))
        self.freq_base = rng.randint(60, 160)
        self.bars_base = rng.randint(60, 160)
        self.table = [[rng.randint(1, 999) for _ in range(3)] for _ in range(5)]
        self.sections = rng.randint(3, 5)
        self.text_seed = rng.random()

    # Datasets --------------------------------------------------------------------------------

    def freq_dataset(self) -> tuple[str, str]:
        yml = [
            "kind: stacked-bars",
            "title:", f"  nl: {yaml_str(self.freq_titles[0])}", f"  fr: {yaml_str(self.freq_titles[1])}",
            "question:", f"  nl: {yaml_str(self.freq_titles[0] + '?')}", f"  fr: {yaml_str(self.freq_titles[1] + ' ?')}",
            "finding:", f"  nl: {yaml_str(self.freq_finding[0])}", f"  fr: {yaml_str(self.freq_finding[1])}",
            f"base: {self.freq_base}", "unit: percent", "scale: frequency", "series:",
        ]
        for key, nl, fr in SERIES_FREQ:
            yml += [f"  - key: {key}", f"    nl: {yaml_str(nl)}", f"    fr: {yaml_str(fr)}"]
            if key == "dont-know":
                yml.append("    role: dont-know")
        yml += ["notes:", '  - nl: "Synthetische gegevens voor de benchmark."', '    fr: "Données synthétiques pour le benchmark."']
        csv = ["key,nl,fr,n," + ",".join(key for key, _, _ in SERIES_FREQ)]
        for key, nl, fr, n, values in self.freq_rows:
            csv.append(",".join([key, csv_field(nl), csv_field(fr), str(n), *map(str, values)]))
        return "\n".join(yml) + "\n", "\n".join(csv) + "\n"

    def bars_dataset(self) -> tuple[str, str]:
        yml = [
            "kind: bars",
            "title:", f"  nl: {yaml_str(self.bars_titles[0])}", f"  fr: {yaml_str(self.bars_titles[1])}",
            "question:", f"  nl: {yaml_str(self.bars_titles[0] + '?')}", f"  fr: {yaml_str(self.bars_titles[1] + ' ?')}",
            "finding:", f"  nl: {yaml_str(self.bars_finding[0])}", f"  fr: {yaml_str(self.bars_finding[1])}",
            f"base: {self.bars_base}", "unit: percent", "series:",
        ]
        for key, nl, fr in self.bars_series:
            yml += [f"  - key: {key}", f"    nl: {yaml_str(nl)}", f"    fr: {yaml_str(fr)}"]
        # Options of a question with several answers (their shares add up to more than 100%).
        yml += ["notes:", '  - nl: "Meerdere antwoorden mogelijk."', '    fr: "Plusieurs réponses possibles."']
        csv = ["key,nl,fr," + ",".join(key for key, _, _ in self.bars_series)]
        for key, nl, fr, values in self.bars_rows:
            csv.append(",".join([key, csv_field(nl), csv_field(fr), *map(str, values)]))
        return "\n".join(yml) + "\n", "\n".join(csv) + "\n"

    def quoted_value(self, lang: str) -> str:
        value = self.bars_rows[0][3][0]
        return f"{value}%" if lang == "nl" else f"{value}\u00a0%"

    # Markdown --------------------------------------------------------------------------------

    def markdown(self, lang: str, total: int, charts: bool) -> tuple[str, str, str]:
        """(title, slug, body) of the page in `lang`; `charts=False` leaves the chart blocks out
        and writes the quoted number as text (for Hugo and cmark-gfm)."""
        # Per-language text from its own stream, so nl and fr differ but stay deterministic.
        rng = random.Random(f"{self.k}-{lang}-{self.text_seed}")
        page_title = title(rng, lang, 3, 6)
        slug = ("pagina-" if lang == "nl" else "page-") + f"{self.k:04d}"
        next_page = f"p{self.k % total + 1:04d}.md"
        quote = f"{{{{{self.bars_id}:{self.bars_rows[0][0]}}}}}" if charts else self.quoted_value(lang)
        out = [paragraph(rng, lang, 2, 4), ""]
        for s in range(self.sections):
            out += [f"## {title(rng, lang, 2, 4)} {s + 1}", "", paragraph(rng, lang), ""]
            if s == 0:
                link = "volgende pagina" if lang == "nl" else "page suivante"
                out += [f"{sentence(rng, lang)} Zie de [{link}]({next_page}); {quote}." if lang == "nl"
                        else f"{sentence(rng, lang)} Voir la [{link}]({next_page}) ; {quote}.", ""]
                out += [f"- {sentence(rng, lang, 4, 10)}" for _ in range(rng.randint(3, 6))] + [""]
                if charts:
                    out += [f"```chart {self.freq_id}", "```", ""]
                out += [paragraph(rng, lang, 2, 4), ""]
            elif s == 1:
                head = ["Categorie", "2009", "2023", "Verschil"] if lang == "nl" else ["Catégorie", "2009", "2023", "Différence"]
                out += [f"{sentence(rng, lang)}[^1]", ""]
                out += ["| " + " | ".join(head) + " |", "|---|--:|--:|--:|"]
                for a, b, _ in self.table:
                    out.append(f"| {title(rng, lang, 1, 3)} | {a} | {b} | {b - a:+d} |")
                out += ["", paragraph(rng, lang, 2, 3), ""]
            elif s == 2:
                out += [f"{i + 1}. {sentence(rng, lang, 5, 12)}" for i in range(rng.randint(3, 5))] + [""]
                if charts:
                    out += [f"```chart {self.bars_id}", "```", ""]
                out += [f"### {title(rng, lang, 2, 3)}", "", paragraph(rng, lang, 2, 4), ""]
            else:
                out += [paragraph(rng, lang, 2, 4), ""]
        out += [f"[^1]: {sentence(rng, lang)}", ""]
        return page_title, slug, "\n".join(out)


INDEX = {
    "nl": ("Benchmarkrapport", "Een synthetisch rapport van {n} hoofdstukken, alleen om Rapport te meten."),
    "fr": ("Rapport de benchmark", "Un rapport synthétique de {n} chapitres, uniquement pour mesurer Rapport."),
}


def front_matter(page_title: str, order: int, slug: str | None, hugo: bool) -> str:
    lines = ["---", f"title: {yaml_str(page_title)}"]
    lines.append(f"weight: {order}" if hugo else f"order: {order}")
    if slug:
        lines.append(f"slug: {slug}")
    return "\n".join(lines + ["---", ""])


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


HUGO_CONFIG = """\
# Generated by bench/gen_corpus.py: a minimal bilingual Hugo site, content per language.
baseURL = "https://patientenverenigingen.kbs-frb.be/"
defaultContentLanguage = "nl"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
theme = "rapport-bench"
themesDir = "{themes}"
enableRobotsTXT = true

[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 2
ordered = true

[languages.nl]
languageName = "Nederlands"
languageCode = "nl-BE"
weight = 1
contentDir = "content/nl"
title = "Patiëntenverenigingen in België 2023"
[languages.nl.params]
toc_title = "Op deze pagina"
[languages.fr]
languageName = "Français"
languageCode = "fr-BE"
weight = 2
contentDir = "content/fr"
title = "Les associations de patients en Belgique 2023"
[languages.fr.params]
toc_title = "Sur cette page"
"""


def generate(pages: int, out: Path, seed: int) -> None:
    stamp = out / ".generated"
    # The files copied from the study are part of the stamp: a new UI string there (which new
    # templates use) makes the corpus again.
    copied = [REPO / "Content" / "site.yml", REPO / "Content" / "data" / "study.yml"] + [
        REPO / "Content" / "i18n" / f"{lang}.yml" for lang in ("nl", "fr")]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in copied)).hexdigest()[:16]
    wanted = f"version={GENERATOR_VERSION} pages={pages} seed={seed} study={digest}\n"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    if out.exists():
        shutil.rmtree(out)
    content = out / "rapport" / "Content"
    hugo = out / "hugo"
    # Rapport: site.yml as the real one (with the study facts it quotes), the real UI strings.
    write(content / "site.yml", (REPO / "Content" / "site.yml").read_text(encoding="utf-8"))
    write(content / "data" / "study.yml", (REPO / "Content" / "data" / "study.yml").read_text(encoding="utf-8"))
    (content / "i18n").mkdir(parents=True, exist_ok=True)
    for lang in ("nl", "fr"):
        shutil.copyfile(REPO / "Content" / "i18n" / f"{lang}.yml", content / "i18n" / f"{lang}.yml")
    write(hugo / "hugo.toml", HUGO_CONFIG.format(themes=(REPO / "bench" / "hugo-theme").as_posix()))
    for lang in ("nl", "fr"):
        head, text = INDEX[lang]
        body = text.format(n=pages) + "\n"
        write(content / lang / "index.md", front_matter(head, 0, None, hugo=False) + "\n" + body)
        write(hugo / "content" / lang / "_index.md", front_matter(head, 0, None, hugo=True) + "\n" + body)
    seen: set = set()
    for k in range(1, pages + 1):
        spec = PageSpec(seed, k, seen)
        yml, csv = spec.freq_dataset()
        write(content / "data" / "bench" / f"{spec.freq_id}.yml", yml)
        write(content / "data" / "bench" / f"{spec.freq_id}.csv", csv)
        yml, csv = spec.bars_dataset()
        write(content / "data" / "bench" / f"{spec.bars_id}.yml", yml)
        write(content / "data" / "bench" / f"{spec.bars_id}.csv", csv)
        for lang in ("nl", "fr"):
            page_title, slug, body = spec.markdown(lang, pages, charts=True)
            write(content / lang / f"p{k:04d}.md", front_matter(page_title, k, slug, hugo=False) + "\n" + body)
            _, _, plain = spec.markdown(lang, pages, charts=False)
            write(hugo / "content" / lang / f"p{k:04d}.md", front_matter(page_title, k, slug, hugo=True) + "\n" + plain)
    stamp.write_text(wanted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="pages per language (besides the home page)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    generate(args.pages, args.out, args.seed)
    print(f"{args.out}: {args.pages} pages per language")
    return 0


if __name__ == "__main__":
    sys.exit(main())
