#!/usr/bin/env python3
"""`make bench`: Rapport against Hugo, Vega-Lite, matplotlib and the cmark-gfm floor (issue 8).

    python3 bench/run.py                 # the full benchmark; rewrites docs/benchmarks.md
    python3 bench/run.py --quick         # N=100 only, fewer runs; writes bench/work/benchmarks-quick.md

What it measures, each in a fresh process, several runs, medians (see docs/benchmarks.md):
- site builds of a generated bilingual corpus of N pages per language (bench/gen_corpus.py),
  N = 100, 1,000, 5,000: `rapport build` (charts included, the real Templates/), `hugo` (the same
  Markdown without charts, bench/hugo-theme/) and `cmark-gfm` alone over the same Markdown (the
  floor for Markdown work: one process, one core, no templates, no output tree);
- one 14 x 5 stacked-bar chart rendered in process by SVGCharts (`rapport-bench chart`), Vega-Lite
  (vl-convert) and matplotlib (bench/charts.py);
- the real site in Content/ from a cold start (a fresh process; the file cache is warm).

Wall time is taken around the child process; peak memory is the child's own ru_maxrss from
wait4(2). Before each measurement the script can wait for the machine to be quiet (--max-load):
the 1-minute load average is recorded next to every row.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))
import gen_corpus  # noqa: E402

CMARK_ARGS = ["--smart", "-e", "table", "-e", "footnotes", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"]
MiB = 1024 * 1024
# Each site builder is measured twice: a rebuild (the output folder of the previous build is there,
# as after an editor's last build) and a first build (into an empty folder: outputs removed before
# each run, outside the timing). "rapport-study" is a diagnostic: the study's own Templates/, whose
# header lists every chapter on every page (output grows as N²), so it runs for N <= 1,000 only.
# "fs-floor" is the file-system floor of a first build: `tar -x` of Rapport's own first-build output
# (the very same tree) into an empty folder, removed before each run like the first builds' folders.
TOOLS = ("rapport", "hugo", "rapport-first", "hugo-first", "fs-floor", "rapport-study", "cmark-gfm", "rapport-value", "rapport-paragraph",
         "rapport-serve", "hugo-server")
# The previews (issue 22, item 3): `rapport serve` and `hugo server` on the same corpus, each on a
# free loopback port; a few saves of one paragraph of one chapter (toggled as for the edit rows),
# each timed from the file's write to the first GET of that page over loopback (every ~5 ms) that
# holds the edit. One "run" per save; the server waits until it is idle again before the next save.
PREVIEWS = ("rapport-serve", "hugo-server")
# Rebuilds after one edit (issue 22), with the build cache beside the output: before each run (not
# timed) one value of one dataset, or one paragraph of one chapter, is changed in a copy of the
# corpus's Content/ (toggled, so every run sees a change). Held to 0.2 × Hugo's rebuild.
EDITS = {"rapport-value": "value", "rapport-paragraph": "paragraph"}
TOOL_NAMES = {"rapport": "Rapport, rebuild (charts included)", "hugo": "Hugo, rebuild (no charts)",
              "rapport-first": "Rapport, first build (charts included)", "hugo-first": "Hugo, first build (no charts)",
              "rapport-study": "Rapport, rebuild with the study's templates (chapter list in every header; diagnostic)",
              "fs-floor": "tar -x of Rapport's first-build output into an empty folder (file-system floor)",
              "cmark-gfm": "cmark-gfm alone (floor)",
              "rapport-value": "Rapport, rebuild after one value changed (build cache)",
              "rapport-paragraph": "Rapport, rebuild after one paragraph changed (build cache)",
              "rapport-serve": "Rapport preview (`rapport serve`), save to visible",
              "hugo-server": "Hugo preview (`hugo server`, fast render), save to visible"}
# Which Hugo measurement each Rapport one is compared with.
COMPARED = {"rapport": "hugo", "rapport-first": "hugo-first", "rapport-study": "hugo", "rapport-value": "hugo",
            "rapport-paragraph": "hugo", "rapport-serve": "hugo-server"}
STUDY_MAX_N = 1000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load1() -> float:
    return os.getloadavg()[0]


WAIT_BUDGET = [0.0]


def wait_for_quiet(max_load: float | None, _unused: float = 0) -> float:
    """Waits until the 1-minute load average is under max_load, drawing on one budget of seconds
    for the whole run (--max-wait): once it is spent, measurements go on without waiting."""
    if max_load is None:
        return load1()
    warned = False
    while load1() >= max_load and WAIT_BUDGET[0] > 0:
        if not warned:
            log(f"  waiting for load < {max_load} (now {load1():.2f}; {WAIT_BUDGET[0]:.0f} s of waiting left) …")
            warned = True
        time.sleep(5)
        WAIT_BUDGET[0] -= 5
    return load1()


class Measurement:
    def __init__(self, wall: float, rss_kib: int, code: int, stdout: str, stderr: str, load: float, note: str = ""):
        self.wall, self.rss_kib, self.code, self.stdout, self.stderr, self.load, self.note = wall, rss_kib, code, stdout, stderr, load, note

    def as_dict(self) -> dict:
        return {"wall_s": self.wall, "rss_kib": self.rss_kib, "code": self.code, "load": self.load, "note": self.note}


TIME = "/usr/bin/time"


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def measure(command: list[str], cwd: Path, stdout_path: Path | None = None, timeout: float = 1800,
            max_rss_gib: float = 12.0) -> Measurement:
    """Runs `command` once under /usr/bin/time: wall time around the whole, peak RSS as
    /usr/bin/time reports it (%M, from wait4 of its own child). A child of this Python process
    would inherit Python's peak RSS (Linux keeps ru_maxrss across exec), so the small `time`
    process is the parent that forks the command. A watchdog kills the process group if the
    command runs past `timeout` or its RSS passes `max_rss_gib` (the machine is shared)."""
    work = BENCH / "work"
    rss_file = work / "last-rss.txt"
    out = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    errors = open(work / "last-stderr.txt", "wb")
    load = load1()
    start = time.perf_counter()
    process = subprocess.Popen([TIME, "-f", "%M", "-o", str(rss_file), *command], cwd=cwd, stdout=out, stderr=errors,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    note: list[str] = []
    seen = [0]
    stop = threading.Event()

    def kill(reason: str) -> None:
        note.append(reason)
        try:
            os.killpg(process.pid, 9)
        except ProcessLookupError:
            pass

    def watchdog() -> None:
        limit_kib = max_rss_gib * 1024 * 1024
        while not stop.wait(0.05):
            if time.perf_counter() - start > timeout:
                return kill(f"killed after {timeout:.0f} s")
            current = sum(rss_kib(child) for child in children(process.pid))
            seen[0] = max(seen[0], current)
            if current > limit_kib:
                return kill(f"killed above {max_rss_gib:g} GiB")

    guard = threading.Thread(target=watchdog, daemon=True)
    guard.start()
    captured = b""
    if stdout_path is None:
        captured = process.stdout.read()  # type: ignore[union-attr]
    code = process.wait()
    wall = time.perf_counter() - start
    stop.set()
    guard.join()
    if stdout_path:
        out.close()  # type: ignore[union-attr]
    errors.close()
    stderr = (work / "last-stderr.txt").read_text(errors="replace")
    peak = 0
    try:
        lines = rss_file.read_text().split()
        peak = int(lines[-1]) if lines else 0
    except (OSError, ValueError):
        pass
    if note:
        code = code or -9
        peak = peak or seen[0]
    return Measurement(wall, peak, code, captured.decode(errors="replace"), stderr, load, "; ".join(note))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# Tools ------------------------------------------------------------------------------------------

def tool_versions(rapport: Path) -> dict:
    def first_line(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
        except Exception as error:  # noqa: BLE001
            return f"unavailable ({error})"
    versions = {
        "swift": first_line(["swift", "--version"]),
        "hugo": first_line(["hugo", "version"]),
        "cmark-gfm": first_line(["cmark-gfm", "--version"]),
        "python": platform.python_version(),
    }
    for module, name in (("vl_convert", "vl-convert-python"), ("matplotlib", "matplotlib")):
        try:
            versions[name] = __import__(module).__version__
        except Exception as error:  # noqa: BLE001
            versions[name] = f"unavailable ({error})"
    return versions


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kib = 0
    try:
        mem_kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration):
        pass
    os_name = platform.platform()
    try:
        os_name = next(line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                       if line.startswith("PRETTY_NAME="))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024, 1), "os": os_name,
            "kernel": platform.release()}


def rapport_site(rapport: Path, corpus: Path, templates: Path, output: Path, cache: bool = False) -> tuple[list[str], Path]:
    """A Rapport build of the corpus. Without `cache` (every row but the edit rows) it builds with
    --no-cache: a rebuild renders every page again (issue 21's measure) and a first build starts
    from nothing, as on a new machine."""
    # --no-pictures: the charts' PNGs (issue 26) are a sharing feature Hugo's build has no
    # counterpart of; their cost is measured on the study (README, "Chart pages").
    return [str(rapport), "build", "--content", "rapport/Content", "--templates", str(templates), "--output", str(output),
            "--no-pictures"] + ([] if cache else ["--no-cache"]), corpus


def bench_templates(work: Path) -> Path:
    """The Rapport theme comparable to bench/hugo-theme: a copy of Templates/ whose header leaves
    out the chapter list ({{#nav}} … {{/nav}}, which the study's header repeats twice on every page;
    Hugo's theme lists the chapters on the home page only, as the home template does here)."""
    target = work / "templates-bench"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO / "Templates", target)
    header = target / "partials" / "header.mustache"
    text = re.sub(r"\{\{#nav\}\}.*?\{\{/nav\}\}\n?", "", header.read_text(encoding="utf-8"), flags=re.S)
    header.write_text(text, encoding="utf-8")
    return target


def edited_content(corpus: Path, work: Path, n: int, tool: str) -> Path:
    """A copy of the corpus's Rapport content for one edit row (the other rows never see its edits)."""
    target = work / f"edit-{tool}-{n}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus / "rapport", target / "rapport")
    return target


def apply_edit(content: Path, what: str) -> None:
    """One value of the first dataset (its last cell, +1 or back), or one paragraph of the first
    chapter (a sentence added or taken away): a real change at every call, made before the timing."""
    if what == "value":
        csv = sorted((content / "rapport" / "Content" / "data").rglob("*.csv"))[0]
        lines = csv.read_text(encoding="utf-8").split("\n")
        head, _, last = lines[1].rpartition(",")
        number = float(last)
        lines[1] = f"{head},{number + 1 if int(number) % 2 == 0 else number - 1:g}"
        csv.write_text("\n".join(lines), encoding="utf-8")
    else:
        toggle_paragraph(sorted(p for p in (content / "rapport" / "Content" / "nl").glob("*.md") if p.name != "index.md")[0])


PARAGRAPH_MARKER = " Een zin die komt en gaat."


def toggle_paragraph(chapter: Path) -> bool:
    """Adds a sentence to the first paragraph of `chapter`, or takes it away; True when it is there now."""
    text = chapter.read_text(encoding="utf-8")
    present = PARAGRAPH_MARKER in text
    text = text.replace(PARAGRAPH_MARKER, "", 1) if present else text.replace(".\n\n", "." + PARAGRAPH_MARKER + "\n\n", 1)
    chapter.write_text(text, encoding="utf-8")
    return not present


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port: int, path: str) -> tuple[int, bytes]:
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Cache-Control": "no-cache"})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        connection.close()


def cpu_ticks(pid: int) -> int:
    """utime + stime of a process and its threads (clock ticks)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return -1


def peak_rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def wait_until_idle(pid: int, window: float = 0.5, share: float = 0.3, limit: float = 120) -> None:
    """Until the process used under `share` of one core for `window` seconds (what a save started
    is done; Rapport's watcher alone, stat-ing every file every 100 ms, takes about 15 % at N = 1,000),
    at most `limit` seconds."""
    deadline = time.monotonic() + limit
    hz = os.sysconf("SC_CLK_TCK")
    before = cpu_ticks(pid)
    while time.monotonic() < deadline:
        time.sleep(window)
        now = cpu_ticks(pid)
        if now - before <= share * window * hz:
            return
        before = now


def run_preview(args, tool: str, corpus: Path, work: Path, n: int) -> tuple[list[Measurement], dict]:
    """Saves to visible in `rapport serve` or `hugo server` (see PREVIEWS), on a copy of the corpus."""
    target = work / f"edit-{tool}-{n}"
    shutil.rmtree(target, ignore_errors=True)
    port = free_port()
    if tool == "rapport-serve":
        shutil.copytree(corpus / "rapport", target / "rapport")
        chapter = sorted(p for p in (target / "rapport" / "Content" / "nl").glob("*.md") if p.name != "index.md")[0]
        # --no-pictures, as the build rows: Hugo has no counterpart of the charts' PNGs.
        command = [str(args.rapport), "serve", "--content", "Content", "--templates", str(args.bench_templates), "--port", str(port),
                   "--no-pictures"]
        cwd = target / "rapport"
    else:
        shutil.copytree(corpus / "hugo", target / "hugo")
        chapter = sorted(p for p in (target / "hugo" / "content" / "nl").glob("*.md") if not p.name.startswith("_"))[0]
        command = ["hugo", "server", "--source", str(target / "hugo"), "--port", str(port), "--bind", "127.0.0.1",
                   "--disableLiveReload", "--appendPort"]
        cwd = target
    slug = re.search(r"^slug: (.+)$", chapter.read_text(encoding="utf-8"), re.M).group(1).strip()
    page = f"/nl/{slug}/"
    marker = PARAGRAPH_MARKER.strip().encode()
    measurements: list[Measurement] = []
    extra: dict = {}
    wait_for_quiet(args.max_load, args.max_wait)
    log_file = (work / f"{tool}-{n}.log").open("w")
    started = time.monotonic()
    server = subprocess.Popen(command, cwd=cwd, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        while True:
            status, body = http_get(port, page)
            if status == 200:
                break
            if server.poll() is not None or time.monotonic() - started > args.timeout:
                log(f"  {tool} did not serve {page}: see {log_file.name}")
                return [Measurement(time.monotonic() - started, 0, 1, "", "", load1(), "did not start")], extra
            time.sleep(0.05)
        extra["ready_s"] = round(time.monotonic() - started, 2)
        wait_until_idle(server.pid)
        edits = max(args.runs, 5)
        for edit in range(edits):
            load = load1()
            start = time.perf_counter()
            present = toggle_paragraph(chapter)
            note = ""
            while True:
                _, body = http_get(port, page)
                if (marker in body) == present:
                    break
                if time.perf_counter() - start > 60:
                    note = "not visible after 60 s"
                    break
                time.sleep(0.005)
            seconds = time.perf_counter() - start
            wait_until_idle(server.pid)
            m = Measurement(seconds, peak_rss_kib(server.pid), 0 if not note else 1, "", "", load, note)
            log(f"  N={n} {tool:13} save {edit + 1}/{edits}: {seconds * 1000:8.1f} ms {m.rss_kib / 1024:8.1f} MiB peak  (load {load:.2f}){'  ' + note if note else ''}")
            measurements.append(m)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log_file.close()
        shutil.rmtree(target, ignore_errors=True)
    return measurements, extra


def hugo_site(corpus: Path, output: Path) -> tuple[list[str], Path]:
    return ["hugo", "--quiet", "--source", str(corpus / "hugo"), "--destination", str(output)], corpus


def cmark_floor(corpus: Path) -> tuple[list[str], Path]:
    content = corpus / "hugo" / "content"
    files = sorted(str(p.relative_to(content)) for p in content.glob("*/*.md"))
    return ["cmark-gfm", *CMARK_ARGS, *files], content


def count_files(folder: Path, suffix: str = ".html") -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}")) if folder.exists() else 0


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


RAPPORT_SUMMARY = re.compile(r"built (\d+) nl \+ (\d+) fr pages, (\d+) charts in (\d+) ms")


def run_corpus(args, n: int, work: Path, results: dict) -> None:
    corpus = work / f"corpus-{n}"
    log(f"corpus N={n}: generating (seed {args.seed}) …")
    gen_corpus.generate(n, corpus, args.seed)
    markdown_bytes = sum(p.stat().st_size for p in (corpus / "hugo" / "content").glob("*/*.md"))
    outputs = {tool: work / f"out-{tool}-{n}" for tool in TOOLS if tool != "cmark-gfm"}
    outputs["cmark-gfm"] = work / f"out-cmark-{n}.html"
    tarball = work / f"floor-{n}.tar"
    commands = {
        "rapport": rapport_site(args.rapport, corpus, args.bench_templates, outputs["rapport"]),
        "rapport-first": rapport_site(args.rapport, corpus, args.bench_templates, outputs["rapport-first"]),
        "rapport-study": rapport_site(args.rapport, corpus, args.templates, outputs["rapport-study"]),
        "hugo": hugo_site(corpus, outputs["hugo"]),
        "hugo-first": hugo_site(corpus, outputs["hugo-first"]),
        "cmark-gfm": cmark_floor(corpus),
        "fs-floor": (["tar", "-xf", str(tarball), "-C", str(outputs["fs-floor"])], work),
    }
    for tool in EDITS:
        if tool in args.tools:
            commands[tool] = rapport_site(
                args.rapport, edited_content(corpus, work, n, tool), args.bench_templates, outputs[tool], cache=True)
    for tool, output in outputs.items():
        # Every measurement starts from nothing: no output, no build before last, no cache beside it.
        shutil.rmtree(output, ignore_errors=True) if output.is_dir() else output.unlink(missing_ok=True)
        shutil.rmtree(output.parent / f".{output.name}.previous", ignore_errors=True)
        shutil.rmtree(output.parent / f".{output.name}.cache", ignore_errors=True)
    tools = [t for t in TOOLS if t in args.tools and not (t == "rapport-study" and n > STUDY_MAX_N) and t not in PREVIEWS]
    os.sync()  # the size before's files written out before this one is measured
    if "fs-floor" in tools:
        # The tree to extract: one unmeasured first build of Rapport, tarred (no compression).
        source = work / f"out-tarsource-{n}"
        shutil.rmtree(source, ignore_errors=True)
        command, cwd = rapport_site(args.rapport, corpus, args.bench_templates, source)
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        subprocess.run(["tar", "-cf", str(tarball), "-C", str(source), "."], check=True)
        shutil.rmtree(source, ignore_errors=True)
        shutil.rmtree(work / f".{source.name}.previous", ignore_errors=True)
    rows: dict[str, list[Measurement]] = {t: [] for t in tools}
    extra: dict[str, dict] = {t: {} for t in tools}
    # A tool that took longer than --slow-limit gets no warm-up and a single run from then on.
    planned = {t: 1 if t in args.slow else args.runs for t in tools}
    # Warm-up: one run (file cache); a Rapport rebuild needs two, since a build writes into the
    # build before last (the first rebuild has none and writes every file).
    warmups = 2 if args.warmup else 0
    for run in range(-warmups, args.runs):
        for tool in tools:
            if len(rows[tool]) >= planned[tool] or (rows[tool] and rows[tool][-1].code != 0):
                continue
            if run < 0 and (tool in args.slow or (run == -2 and tool not in ("rapport", "rapport-study", *EDITS))):
                continue
            if tool in EDITS:
                apply_edit(commands[tool][1], EDITS[tool])
            if tool.endswith("-first") or tool == "fs-floor":
                shutil.rmtree(outputs[tool], ignore_errors=True)
                shutil.rmtree(outputs[tool].parent / f".{outputs[tool].name}.previous", ignore_errors=True)
                if tool == "fs-floor":
                    outputs[tool].mkdir()
            wait_for_quiet(args.max_load, args.max_wait)
            command, cwd = commands[tool]
            m = measure(command, cwd, stdout_path=outputs[tool] if tool == "cmark-gfm" else None,
                        timeout=args.timeout, max_rss_gib=args.max_rss_gib)
            label = "warm-up" if run < 0 else f"run {run + 1}/{planned[tool]}"
            log(f"  N={n} {tool:13} {label}: {m.wall:8.3f} s {m.rss_kib / 1024:8.1f} MiB  (load {m.load:.2f}){'  ' + m.note if m.note else ''}")
            if m.code != 0:
                log(f"  {tool} failed (exit {m.code}{', ' + m.note if m.note else ''}):\n{m.stderr[-2000:]}")
                rows[tool].append(m)
                continue
            if tool.startswith("rapport"):
                match = RAPPORT_SUMMARY.search(m.stdout)
                if match:
                    extra[tool].setdefault("pipeline_ms", []).append(int(match.group(4)))
                    extra[tool]["pages"] = int(match.group(1)) + int(match.group(2))
                    extra[tool]["charts"] = int(match.group(3))
            if m.wall > args.slow_limit and tool not in args.slow:
                args.slow.add(tool)
                planned[tool] = 1
                log(f"  {tool} took over {args.slow_limit:.0f} s: one run only from now on")
            if run >= 0 or planned[tool] == 1:
                rows[tool].append(m)
    for tool in [t for t in PREVIEWS if t in args.tools]:
        rows[tool], extra[tool] = run_preview(args, tool, corpus, work, n)
    for tool in tools:
        if tool != "cmark-gfm":
            extra[tool]["html_files"] = count_files(outputs[tool])
            extra[tool]["output_mib"] = round(folder_bytes(outputs[tool]) / MiB, 1)
            cache = outputs[tool].parent / f".{outputs[tool].name}.cache"
            if tool in EDITS and cache.exists():
                extra[tool]["cache_mib"] = round(folder_bytes(cache) / MiB, 1)
        else:
            extra[tool]["output_mib"] = round(outputs[tool].stat().st_size / MiB, 1) if outputs[tool].exists() else 0
    results["corpora"][str(n)] = {
        "pages_per_language": n, "pages": 2 * n + 2, "charts": 4 * n, "markdown_mib": round(markdown_bytes / MiB, 2),
        "tools": {t: {"runs": [m.as_dict() for m in rows[t]], **extra[t]} for t in rows},
    }
    tarball.unlink(missing_ok=True)
    if not args.keep_outputs:
        for tool, output in outputs.items():
            if tool != "cmark-gfm":
                shutil.rmtree(output, ignore_errors=True)
                shutil.rmtree(output.parent / f".{output.name}.previous", ignore_errors=True)
                shutil.rmtree(output.parent / f".{output.name}.cache", ignore_errors=True)
    for tool in EDITS:
        shutil.rmtree(work / f"edit-{tool}-{n}", ignore_errors=True)


def run_charts(args, results: dict) -> None:
    log("charts: one 14 x 5 stacked-bar chart per render, in process …")
    commands = {
        "svgcharts": ([str(args.rapport_bench), "chart", "--iterations", str(args.chart_iterations), "--content", str(REPO / "Content")], REPO),
        "vega-lite": ([sys.executable, str(BENCH / "charts.py"), "--tool", "vega-lite", "--iterations", str(args.python_chart_iterations)], REPO),
        "matplotlib": ([sys.executable, str(BENCH / "charts.py"), "--tool", "matplotlib", "--iterations", str(args.python_chart_iterations)], REPO),
    }
    for tool, (command, cwd) in commands.items():
        if tool not in args.charts:
            continue
        load = wait_for_quiet(args.max_load, args.max_wait)
        m = measure(command, cwd, timeout=args.timeout)
        if m.code != 0:
            log(f"  {tool} failed (exit {m.code}):\n{m.stderr[-2000:]}")
            results["charts"][tool] = {"error": m.stderr[-500:], "load": load}
            continue
        data = json.loads(m.stdout.strip().splitlines()[-1])
        data["load"] = load
        data["process_wall_s"] = m.wall
        data["process_rss_kib"] = m.rss_kib
        results["charts"][tool] = data
        log(f"  {tool:10}: median {data['median_ns'] / 1e6:10.4f} ms per chart (first {data['first_ns'] / 1e6:.1f} ms, {data['iterations']} renders, load {load:.2f})")


def run_real_site(args, work: Path, results: dict) -> None:
    log("real site: Content/ with Templates/, fresh process each run …")
    # The corpora before wrote gigabytes: let the system write them out first, so that their
    # write-back does not run during these short builds.
    os.sync()
    output = work / "out-real-site"
    command = [str(args.rapport), "build", "--content", "Content", "--templates", "Templates", "--output", str(output)]
    runs: list[Measurement] = []
    pipeline: list[int] = []
    for run in range(-1 if args.warmup else 0, args.real_runs):
        shutil.rmtree(output, ignore_errors=True)
        wait_for_quiet(args.max_load, args.max_wait)
        m = measure(command, REPO, timeout=args.timeout)
        if m.code != 0:
            log(f"  rapport failed on the real site (exit {m.code}):\n{m.stderr[-2000:]}")
            runs.append(m)
            break
        match = RAPPORT_SUMMARY.search(m.stdout)
        if run >= 0:
            runs.append(m)
            if match:
                pipeline.append(int(match.group(4)))
        log(f"  {'warm-up' if run < 0 else f'run {run + 1}/{args.real_runs}'}: {m.wall * 1000:7.1f} ms {m.rss_kib / 1024:6.1f} MiB (load {m.load:.2f})")
    results["real_site"] = {"runs": [m.as_dict() for m in runs], "pipeline_ms": pipeline,
                            "summary": runs[-1].stdout.strip() if runs else ""}
    shutil.rmtree(output, ignore_errors=True)


# Report -----------------------------------------------------------------------------------------

def fmt_s(seconds: float) -> str:
    if math.isnan(seconds):
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_mib(kib: float) -> str:
    if math.isnan(kib):
        return "–"
    mib = kib / 1024
    return f"{mib:.0f} MiB" if mib < 1024 else f"{mib / 1024:.2f} GiB"


def fmt_ms(ns: float) -> str:
    ms = ns / 1e6
    return f"{ms:.3f} ms" if ms < 10 else f"{ms:.0f} ms"


def stats(tool: dict) -> tuple[float, float, float, float, float, bool]:
    ok = [r for r in tool["runs"] if r["code"] == 0]
    failed = len(ok) < len(tool["runs"]) or not ok
    walls = [r["wall_s"] for r in ok]
    return (median(walls), min(walls) if walls else math.nan, max(walls) if walls else math.nan,
            median([r["rss_kib"] for r in ok]), max((r["load"] for r in tool["runs"]), default=math.nan), failed)


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def write_report(results: dict, path: Path, quick: bool) -> None:
    m = results["machine"]
    v = results["versions"]
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python3 bench/run.py`" + (" --quick" if quick else "") + f") on {results['date']}"
        + (f", partly rerun on {results['resumed']}" if results.get("resumed") else "") + "."
        " Do not edit by hand: rerun it. How it works and how to read it: [below](#how-it-is-measured).",
        "",
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, Linux {m['kernel']}. "
        f"**Load average (1 min)** at the start {results['load_start']:.2f}, at the end {results['load_end']:.2f}; "
        f"the highest seen at the start of any measurement: {results['load_max']:.2f} (per row below)."
        + (f" Before each measurement the run waited for the load to fall under {results['max_load']} (at most {results['max_wait']:.0f} s of waiting in all)." if results.get("max_load") else ""),
        "",
        f"**Rapport:** {results.get('rapport_note') or '`' + results.get('rapport', '?') + '` (release build)'}.\n\n"
        f"**Tools:** {v['swift']}; {v['hugo']}; {v['cmark-gfm']}; Python {v['python']}, vl-convert-python {v['vl-convert-python']}, matplotlib {v['matplotlib']}.",
        "",
        f"Runs per measurement: {results['runs']}" + (", after unmeasured warm-up runs (two for a Rapport rebuild, one otherwise)" if results.get("warmup") else "")
        + f"; a build slower than {results.get('slow_limit', 0):.0f} s runs once, without warm-up, from then on (the runs column). "
        "Median shown with the range; peak memory is the median of the runs' peak RSS.",
        "",
        "## Site builds",
        "",
        "A generated bilingual corpus (`bench/gen_corpus.py`, seed " + str(results["seed"]) + "): N pages per language plus a home page each; "
        "every page has `##` sections with a table of contents, paragraphs, two lists, a GFM table, a footnote, a link, "
        "a number quoted from its data, and two charts from its own two datasets (a stacked-bar chart of 6–14 × 5 and a bar chart of 5–10 × 1–3). "
        "Hugo builds the same Markdown without the chart blocks with a minimal bilingual theme "
        "(`bench/hugo-theme/`: page, table of contents, hreflang alternates, pager; home page with the chapter list); "
        "Rapport builds it, charts included, with the study's `Templates/` less the chapter list in the header, which Hugo's theme does not have either "
        "(`bench/work/templates-bench`; the study's own templates are a diagnostic row); "
        "`cmark-gfm` converts the same Markdown in one process as the floor for Markdown work (one core, no templates, one output file).",
        "",
        "**Rebuild**: the output folder of the previous build is there, as when an editor builds again after a data update (here nothing changed: "
        "Hugo writes every file again; Rapport compares each file with the build before last and writes only those that differ). "
        "**First build**: into an empty folder (removed before each run, outside the timing), every file written by both.",
        "",
        "| tool | N per language | pages | runs | wall (median) | range | peak RSS | ÷ Hugo, time | ÷ Hugo, memory | ÷ cmark floor, time | ÷ tar floor, time | load |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    corpora = results["corpora"]
    targets = []
    scaling_rows = []
    for key in sorted(corpora, key=int):
        c = corpora[key]
        tools = c["tools"]
        floor = stats(tools["cmark-gfm"]) if "cmark-gfm" in tools else None
        tar_floor = stats(tools["fs-floor"]) if "fs-floor" in tools else None
        for tool in TOOLS:
            if tool not in tools:
                continue
            wall, lo, hi, rss, load, failed = stats(tools[tool])
            ratio_t = ratio_m = ratio_f = ratio_tar = ""
            hugo = stats(tools[COMPARED[tool]]) if COMPARED.get(tool) in tools else None
            if not failed and hugo and not hugo[5]:
                ratio_t, ratio_m = f"{wall / hugo[0]:.2f}", f"{rss / hugo[3]:.2f}"
            if not failed and floor and not floor[5] and tool != "cmark-gfm" and tool not in PREVIEWS:
                ratio_f = f"{wall / floor[0]:.2f}"
            if not failed and tar_floor and not tar_floor[5] and tool.endswith("-first"):
                ratio_tar = f"{wall / tar_floor[0]:.2f}"
            notes = [r["note"] for r in tools[tool]["runs"] if r.get("note")]
            runs = len(tools[tool]["runs"])
            if failed:
                shown = "failed" + (f" ({notes[0]})" if notes else "")
                walls = [r["wall_s"] for r in tools[tool]["runs"]]
                shown += f" after {fmt_s(max(walls))}" if walls and not any("after" in n for n in notes) else ""
                rss_shown = fmt_mib(max(r["rss_kib"] for r in tools[tool]["runs"])) + " (at the kill)" if walls else "–"
                lines.append(f"| {TOOL_NAMES[tool]} | {int(key):,} | {c['pages']:,} | {runs} | {shown} | | {rss_shown} | | | | | {load:.2f} |")
            else:
                lines.append(f"| {TOOL_NAMES[tool]} | {int(key):,} | {c['pages']:,} | {runs} | {fmt_s(wall)} | {fmt_s(lo)}–{fmt_s(hi)} | {fmt_mib(rss)} "
                             f"| {ratio_t} | {ratio_m} | {ratio_f} | {ratio_tar} | {load:.2f} |")
        # Against Hugo, the rebuild is the target; a first build is held to the tar floor below
        # (its ratios to Hugo stay in the table).
        for ours, what in (("rapport", "rebuild"),):
            if ours not in tools or COMPARED[ours] not in tools:
                continue
            base, hugo = stats(tools[ours]), stats(tools[COMPARED[ours]])
            if base[5] or hugo[5]:
                why = "Hugo failed"
                if base[5]:
                    runs = tools[ours]["runs"]
                    notes = [r["note"] for r in runs if r.get("note")]
                    why = (f"Rapport failed ({notes[0] if notes else 'exit ' + str(runs[-1]['code'])}, at {fmt_mib(max(r['rss_kib'] for r in runs))})"
                           + (f"; Hugo {fmt_s(hugo[0])}, {fmt_mib(hugo[3])}" if not hugo[5] else ""))
                targets.append((f"N = {int(key):,}, {what}: Rapport's time ≤ ½ Hugo's", False if base[5] else None, why))
                targets.append((f"N = {int(key):,}, {what}: Rapport's peak memory ≤ ½ Hugo's", False if base[5] else None, why))
            else:
                targets.append((f"N = {int(key):,}, {what}: Rapport's time ≤ ½ Hugo's", base[0] <= 0.5 * hugo[0], f"{fmt_s(base[0])} vs {fmt_s(hugo[0])} (ratio {base[0] / hugo[0]:.2f})"))
                targets.append((f"N = {int(key):,}, {what}: Rapport's peak memory ≤ ½ Hugo's", base[3] <= 0.5 * hugo[3], f"{fmt_mib(base[3])} vs {fmt_mib(hugo[3])} (ratio {base[3] / hugo[3]:.2f})"))
        for ours in EDITS:
            if ours in tools and "hugo" in tools:
                base, hugo = stats(tools[ours]), stats(tools["hugo"])
                name = f"N = {int(key):,}, {TOOL_NAMES[ours][len('Rapport, '):]}: Rapport's time ≤ 0.2 × Hugo's rebuild"
                if base[5] or hugo[5]:
                    targets.append((name, False if base[5] else None, "Rapport failed" if base[5] else "Hugo failed"))
                else:
                    size = tools[ours].get("cache_mib")
                    detail = f"{fmt_s(base[0])} vs {fmt_s(hugo[0])} (ratio {base[0] / hugo[0]:.2f})"
                    if size is not None:
                        detail += f"; cache {size} MiB beside {tools[ours].get('output_mib')} MiB of output"
                    targets.append((name, base[0] <= 0.2 * hugo[0], detail))
        if "rapport-serve" in tools:
            base = stats(tools["rapport-serve"])
            hugo = stats(tools["hugo-server"]) if "hugo-server" in tools else None
            name = f"N = {int(key):,}, preview, save to visible: Rapport's time ≤ hugo server's and < 150 ms"
            if base[5]:
                targets.append((name, False, "Rapport failed"))
            elif hugo is None or hugo[5]:
                targets.append((name, None if hugo is None else base[0] < 0.150, f"{fmt_s(base[0])}; hugo server " + ("not measured" if hugo is None else "failed")))
            else:
                targets.append((name, base[0] <= hugo[0] and base[0] < 0.150,
                                f"{fmt_s(base[0])} vs {fmt_s(hugo[0])} (ratio {base[0] / hugo[0]:.2f}); peak RSS {fmt_mib(base[3])} vs {fmt_mib(hugo[3])}"))
        if "rapport-first" in tools and tar_floor:
            first = stats(tools["rapport-first"])
            name = f"N = {int(key):,}, first build: Rapport's time ≤ 1.15 × the tar floor"
            if first[5] or tar_floor[5]:
                targets.append((name, False if first[5] else None, "Rapport failed" if first[5] else "tar failed"))
            else:
                targets.append((name, first[0] <= 1.15 * tar_floor[0], f"{fmt_s(first[0])} vs {fmt_s(tar_floor[0])} (ratio {first[0] / tar_floor[0]:.2f})"))
        for tool in TOOLS:
            if tool in tools and tool not in PREVIEWS:
                wall, _, _, rss, _, failed = stats(tools[tool])
                scaling_rows.append((tool, int(key), c["pages"], wall, rss, failed))
    lines += [""]
    lines += ["What each build wrote, and the pipeline time Rapport prints itself (inside the process, without start-up and exit):", "",
              "| N | Markdown in | Rapport pipeline, rebuild | first build | Rapport output | study's templates: pipeline | their output | Hugo output |",
              "|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for key in sorted(corpora, key=int):
        c = corpora[key]
        t = c["tools"]

        def out(tool: str) -> str:
            d = t.get(tool)
            return f"{d.get('html_files', 0):,} HTML files, {d.get('output_mib', 0)} MiB" if d and d.get("html_files") else "–"

        def pipe(tool: str) -> str:
            values = (t.get(tool) or {}).get("pipeline_ms") or []
            return f"{fmt_s(median(values) / 1000)}" if values else "–"
        lines.append(f"| {int(key):,} | {c['markdown_mib']} MiB | {pipe('rapport')} | {pipe('rapport-first')} | {out('rapport')} | {pipe('rapport-study')} | {out('rapport-study')} | {out('hugo')} |")
    lines += [""]

    # Scaling.
    lines += ["## Scaling with N", "", "Time per page and the growth exponent k in time ∝ Nᵏ between consecutive sizes (1 = linear; under 1: fixed costs still weigh).", "",
              "| tool | N | wall | per page | k from the previous N | peak RSS |", "|---|--:|--:|--:|--:|--:|"]
    by_tool: dict[str, list] = {}
    for tool, n, pages, wall, rss, failed in scaling_rows:
        by_tool.setdefault(tool, []).append((n, pages, wall, rss, failed))
    linear_ok: bool | None = None
    linear_note = "needs N = 1,000 and 5,000"
    linear: dict[str, tuple] = {}
    for tool in TOOLS:
        previous = None
        for n, pages, wall, rss, failed in by_tool.get(tool, []):
            k = ""
            if previous and not failed and not previous[4]:
                k = f"{math.log(wall / previous[2]) / math.log(pages / previous[1]):.2f}"
            lines.append(f"| {tool} | {n:,} | {'failed' if failed else fmt_s(wall)} | {'–' if failed else f'{wall / pages * 1000:.3f} ms'} | {k} | {fmt_mib(rss)} |")
            previous = (n, pages, wall, rss, failed)
        series = {n: (pages, wall, failed) for n, pages, wall, rss, failed in by_tool.get(tool, [])}
        if tool in ("rapport", "rapport-first") and 1000 in series and 5000 in series:
            (p1, w1, f1), (p5, w5, f5) = series[1000], series[5000]
            if f1:
                linear_ok, linear_note = False, "the N = 1,000 build failed"
            elif f5:
                killed = max(r["wall_s"] for r in corpora["5000"]["tools"][tool]["runs"])
                k = math.log(killed / w1) / math.log(p5 / p1)
                linear_ok = False
                linear_note = (f"the N = 5,000 build was stopped after {fmt_s(killed)}, {killed / w1:.0f}× the N = 1,000 time for "
                               f"{p5 / p1:.0f}× the pages: k ≥ {k:.2f}")
                if 100 in series and not series[100][2]:
                    p0, w0, _ = series[100]
                    linear_note += f"; N = 100 → 1,000: k = {math.log(w1 / w0) / math.log(p1 / p0):.2f}"
            else:
                k = math.log(w5 / w1) / math.log(p5 / p1)
                linear_ok = k <= 1.1
                linear_note = (f"k = {k:.2f} from N = 1,000 to 5,000; time per page {w1 / p1 * 1000:.3f} → {w5 / p5 * 1000:.3f} ms"
                               + (f"; N = 100 → 5,000: × {w5 / series[100][1]:.1f} for × {p5 / series[100][0]:.1f} pages" if 100 in series and not series[100][2] else ""))
            linear[tool] = (linear_ok, linear_note)
            linear_ok, linear_note = None, "needs N = 1,000 and 5,000"
    for tool, what in (("rapport", "rebuild"), ("rapport-first", "first build")):
        ok, note = linear.get(tool, (None, "needs N = 1,000 and 5,000"))
        targets.append((f"Rapport's time grows linearly with N, {what} (k ≤ 1.1)", ok, note))
    lines += [""]

    # Charts.
    charts = results.get("charts", {})
    lines += ["## One chart", "",
              "The study's 14 × 5 stacked-bar chart (`challenges-frequency`, Dutch labels), rendered to SVG text in process, again and again; "
              "the first render (imports, caches) is shown apart and left out of the median.", "",
              "| renderer | renders | median per chart | min | p90 | first render | SVG size | ÷ SVGCharts | load |", "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    svg_median = charts.get("svgcharts", {}).get("median_ns")
    for tool, name in (("svgcharts", "SVGCharts (Swift)"), ("vega-lite", "Vega-Lite (vl-convert)"), ("matplotlib", "matplotlib (SVG backend)")):
        d = charts.get(tool)
        if not d:
            continue
        if "error" in d:
            lines.append(f"| {name} | failed | | | | | | | {d['load']:.2f} |")
            continue
        times = f"{d['median_ns'] / svg_median:,.0f}×" if svg_median and tool != "svgcharts" else ""
        lines.append(f"| {name} | {d['iterations']:,} | {fmt_ms(d['median_ns'])} | {fmt_ms(d['min_ns'])} | {fmt_ms(d['p90_ns'])} | "
                     f"{fmt_ms(d['first_ns'])} | {d['svg_bytes'] / 1024:.1f} KiB | {times} | {d['load']:.2f} |")
    if svg_median:
        targets.append(("one 14 × 5 stacked-bar chart < 0.2 ms", svg_median < 200_000, fmt_ms(svg_median)))
    lines += [""]

    # Real site.
    real = results.get("real_site")
    if real:
        ok = [r for r in real["runs"] if r["code"] == 0]
        wall = median([r["wall_s"] for r in ok])
        lines += ["## The real site", "",
                  "`rapport build` of `Content/` with `Templates/`, a fresh process each run (cold start; the file cache is warm).", "",
                  "| runs | wall (median) | range | peak RSS | pipeline (median, Rapport's summary) | load |", "|--:|--:|--:|--:|--:|--:|"]
        if ok:
            lines.append(f"| {len(ok)} | {wall * 1000:.1f} ms | {min(r['wall_s'] for r in ok) * 1000:.1f}–{max(r['wall_s'] for r in ok) * 1000:.1f} ms | "
                         f"{fmt_mib(median([r['rss_kib'] for r in ok]))} | {median(real['pipeline_ms']):.0f} ms | {max(r['load'] for r in real['runs']):.2f} |")
            targets.append(("real site cold build < 150 ms", wall < 0.150, f"{wall * 1000:.1f} ms"))
        else:
            lines.append("| failed | | | | | |")
            targets.append(("real site cold build < 150 ms", False, "build failed"))
        lines += ["", f"Summary line: `{real['summary'].split(' → ')[0]}`", ""]

    lines += ["## Targets (issue 8)", "", "| target | result | measured |", "|---|---|---|"]
    lines += [f"| {name} | {verdict(ok)} | {note} |" for name, ok, note in targets]
    lines += [""]
    lines += (BENCH / "report-notes.md").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# Main -------------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="N=100 only, 1 run, fewer chart renders; writes bench/work/benchmarks-quick.md")
    parser.add_argument("--sizes", default="100,1000,5000", help="pages per language, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per tool and size (after the warm-up)")
    parser.add_argument("--real-runs", type=int, default=10, help="runs of the real site")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--rapport", type=Path, default=REPO / ".build/release/rapport")
    parser.add_argument("--rapport-bench", type=Path, default=REPO / ".build/release/rapport-bench")
    parser.add_argument("--templates", type=Path, default=REPO / "Templates")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--slow-limit", type=float, default=60, help="a tool slower than this (s) runs once, without warm-up, from then on")
    parser.add_argument("--charts", default="svgcharts,vega-lite,matplotlib")
    parser.add_argument("--chart-iterations", type=int, default=20000)
    parser.add_argument("--python-chart-iterations", type=int, default=30)
    parser.add_argument("--no-real-site", action="store_true")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false")
    parser.add_argument("--max-load", type=float, default=None, help="wait before each measurement until the 1-min load average is below this")
    parser.add_argument("--max-wait", type=float, default=1800, help="total seconds the whole run may spend waiting for --max-load")
    parser.add_argument("--timeout", type=float, default=900, help="kill a build that runs longer (seconds)")
    parser.add_argument("--max-rss-gib", type=float, default=12.0, help="kill a build whose RSS passes this (the machine is shared)")
    parser.add_argument("--keep-outputs", action="store_true")
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--resume", type=Path, help="start from this results.json and rerun only what is asked "
                        "(e.g. --resume bench/work/results.json --sizes '' --no-real-site to redo the charts)")
    parser.add_argument("--doc", type=Path, help="report path (default docs/benchmarks.md; bench/work/benchmarks-quick.md with --quick)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs, args.real_runs = "100", 1, 3
        args.chart_iterations, args.python_chart_iterations, args.warmup = 2000, 5, False
    args.tools = args.tools.split(",")
    args.slow = set()
    args.charts = args.charts.split(",")
    args.rapport, args.rapport_bench = args.rapport.resolve(), args.rapport_bench.resolve()
    doc = args.doc or (args.work / "benchmarks-quick.md" if args.quick else REPO / "docs" / "benchmarks.md")
    for binary in (args.rapport, args.rapport_bench):
        if not binary.exists():
            log(f"missing {binary}: build it first (make bench does)")
            return 2
    if not Path(TIME).exists():
        log(f"missing {TIME}: apt-get install time (make bench does)")
        return 2
    for tool in ("hugo", "cmark-gfm"):
        if tool in args.tools and not shutil.which(tool):
            log(f"missing {tool}: apt-get install {tool} (make bench does)")
            return 2
    args.work.mkdir(parents=True, exist_ok=True)
    WAIT_BUDGET[0] = args.max_wait
    args.bench_templates = bench_templates(args.work)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    # The report this run rewrites is not a change to what is measured.
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmarks.md"],
                           capture_output=True, text=True).stdout.strip()
    rapport_note = f"release build of commit `{commit or '?'}`" + (" with uncommitted changes" if dirty else "") + f" (`{args.rapport}`)"
    results: dict = {
        "rapport_note": rapport_note,
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "machine": machine(),
        "versions": tool_versions(args.rapport), "seed": args.seed, "runs": args.runs, "rapport": str(args.rapport), "warmup": args.warmup, "slow_limit": args.slow_limit,
        "load_start": load1(), "max_load": args.max_load, "max_wait": args.max_wait,
        "corpora": {}, "charts": {},
    }
    if args.resume:
        previous = json.loads(args.resume.read_text())
        for part in ("corpora", "charts"):
            previous[part].update({k: v for k, v in results[part].items()})
        results = {**previous, "versions": results["versions"], "resumed": results["date"]}
    log(f"load average {results['load_start']:.2f}; results into {doc}")
    for n in [int(s) for s in args.sizes.split(",") if s]:
        run_corpus(args, n, args.work, results)
    run_charts(args, results)
    if not args.no_real_site:
        run_real_site(args, args.work, results)
    results["load_end"] = max(load1(), results.get("load_end", 0)) if args.resume else load1()
    loads = [r["load"] for c in results["corpora"].values() for t in c["tools"].values() for r in t["runs"]]
    loads += [d.get("load", 0) for d in results["charts"].values()]
    loads += [r["load"] for r in results.get("real_site", {}).get("runs", [])]
    results["load_max"] = max(loads, default=results["load_start"])
    (args.work / ("results-quick.json" if args.quick else "results.json")).write_text(json.dumps(results, indent=1, sort_keys=True))
    write_report(results, doc, args.quick)
    log(f"wrote {doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
