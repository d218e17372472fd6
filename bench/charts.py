#!/usr/bin/env python3
"""Per-chart render time of the study's 14 x 5 stacked-bar chart with Vega-Lite and matplotlib.

The same data SVGCharts draws in `rapport-bench chart`: Content/data/challenges/
challenges-frequency.{yml,csv} (14 items x 5 answer categories, Dutch labels), as a horizontal
100 %-stacked bar chart with a title, a legend and the value in each segment, rendered to SVG text
in this process (vl_convert.vegalite_to_svg; matplotlib's SVG backend into a BytesIO). The first
render of each is reported apart (imports, font cache, JIT) and left out of the median.

    python3 bench/charts.py --tool vega-lite --iterations 30
    python3 bench/charts.py --tool matplotlib --iterations 30

Prints one JSON line per tool, in the shape `rapport-bench chart` prints.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LAST_SVG: list[bytes] = [b""]


def load(content: Path, dataset: str, lang: str) -> dict:
    """Title, categories, series labels and values of the dataset, read without a YAML library
    (the file is simple: the series' labels are the `nl:`/`fr:` lines under `series:`)."""
    folder = next(content.glob(f"data/*/{dataset}.yml")).parent
    rows = list(csv.DictReader((folder / f"{dataset}.csv").open(encoding="utf-8")))
    yml = (folder / f"{dataset}.yml").read_text(encoding="utf-8").splitlines()
    title = None
    series: list[tuple[str, str]] = []
    section = None
    for line in yml:
        stripped = line.strip()
        if not line.startswith(" "):
            section = line.split(":")[0]
        if section == "title" and stripped.startswith(f"{lang}:") and title is None:
            title = stripped.split(":", 1)[1].strip().strip('"')
        if section == "series":
            if stripped.startswith("- key:"):
                series.append((stripped.split(":", 1)[1].strip(), ""))
            elif stripped.startswith(f"{lang}:") and series:
                series[-1] = (series[-1][0], stripped.split(":", 1)[1].strip().strip('"'))
    categories = [row[lang] for row in rows]
    values = [[float(row[key]) for key, _ in series] for row in rows]
    return {"title": title, "categories": categories, "series": [label for _, label in series], "values": values}


def vega_lite_spec(data: dict) -> dict:
    records = []
    for ci, category in enumerate(data["categories"]):
        for si, label in enumerate(data["series"]):
            records.append({"item": category, "answer": label, "order": si, "value": data["values"][ci][si]})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": data["title"],
        "width": 480,
        "data": {"values": records},
        "encoding": {
            "y": {"field": "item", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "value", "type": "quantitative", "stack": "normalize", "title": None,
                  "axis": {"format": "%"}},
        },
        "layer": [
            {"mark": "bar",
             "encoding": {"color": {"field": "answer", "type": "nominal", "sort": data["series"],
                                    "scale": {"scheme": "blues"}, "legend": {"orient": "top", "title": None}},
                          "order": {"field": "order"},
                          "tooltip": [{"field": "item"}, {"field": "answer"}, {"field": "value"}]}},
            {"mark": {"type": "text", "dx": -4, "align": "right", "color": "white"},
             "encoding": {"text": {"field": "value", "type": "quantitative", "format": ".0f"},
                          "detail": {"field": "answer"}, "order": {"field": "order"}}},
        ],
    }


def run_vega_lite(data: dict, iterations: int) -> tuple[float, list[float], int]:
    import vl_convert as vlc

    spec = vega_lite_spec(data)
    start = time.perf_counter_ns()
    svg = vlc.vegalite_to_svg(spec)
    first = time.perf_counter_ns() - start
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        svg = vlc.vegalite_to_svg(spec)
        samples.append(time.perf_counter_ns() - start)
    LAST_SVG[0] = svg.encode()
    return first, samples, len(svg.encode())


def run_matplotlib(data: dict, iterations: int) -> tuple[float, list[float], int]:
    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    # Text as <text> elements, as SVGCharts and Vega-Lite write it (the default draws every
    # glyph as a path, which doubles the file and the time).
    matplotlib.rcParams["svg.fonttype"] = "none"

    colors = ["#deebf7", "#9ecae1", "#4292c6", "#08519c", "#d9d9d9"]

    def render() -> bytes:
        fig, ax = plt.subplots(figsize=(10, 6.4))
        fig.subplots_adjust(left=0.52, right=0.97, top=0.85)  # room for the long labels, without a second "tight" layout pass
        y = list(range(len(data["categories"])))[::-1]
        left = [0.0] * len(y)
        for si, label in enumerate(data["series"]):
            widths = [row[si] for row in data["values"]]
            bars = ax.barh(y, widths, left=left, color=colors[si % len(colors)], label=label)
            ax.bar_label(bars, labels=[f"{w:.0f}" if w >= 5 else "" for w in widths], label_type="center", fontsize=8)
            left = [a + b for a, b in zip(left, widths)]
        ax.set_yticks(y, labels=data["categories"], fontsize=8)
        ax.set_xlim(0, 100)
        ax.set_title(data["title"], fontsize=10, loc="right", pad=30)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3, fontsize=7, frameon=False)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg")
        plt.close(fig)
        return buffer.getvalue()

    start = time.perf_counter_ns()
    svg = render()
    first = time.perf_counter_ns() - start
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        svg = render()
        samples.append(time.perf_counter_ns() - start)
    LAST_SVG[0] = svg
    return first, samples, len(svg)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", choices=["vega-lite", "matplotlib"], required=True)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--content", type=Path, default=REPO / "Content")
    parser.add_argument("--dataset", default="challenges-frequency")
    parser.add_argument("--language", default="nl", choices=["nl", "fr"])
    parser.add_argument("--write-svg", type=Path, help="also write the last SVG here (to look at it)")
    args = parser.parse_args()
    data = load(args.content, args.dataset, args.language)
    run = run_vega_lite if args.tool == "vega-lite" else run_matplotlib
    first, samples, size = run(data, args.iterations)
    if args.write_svg:
        args.write_svg.write_bytes(LAST_SVG[0])
    samples.sort()
    print(json.dumps({
        "tool": args.tool, "dataset": args.dataset, "language": args.language,
        "categories": len(data["categories"]), "series": len(data["series"]),
        "iterations": args.iterations, "svg_bytes": size, "first_ns": first,
        "median_ns": statistics.median(samples), "mean_ns": statistics.fmean(samples),
        "min_ns": samples[0], "p90_ns": samples[min(len(samples) - 1, round(0.9 * (len(samples) - 1)))],
    }, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
