#!/usr/bin/env python3
"""`make pdf`: prints the whole report of every language to PDF with headless Chromium.

    python3 tools/print_report.py SITE PDFS

SITE is a built site (Public/); PDFS the folder beside it that the build reads the PDFs from
(.Public.pdf/). Every page of SITE carrying data-print-source="<fingerprint>" (the whole
report, one per language) is served from 127.0.0.1 and printed to PDFS/<fingerprint>.pdf; PDFs
of earlier texts are removed from PDFS. The next `rapport build` publishes each PDF next to its
page (nl/volledig-rapport.pdf) and links to it, but only while the page is still exactly the
one that was printed: a changed text drops the PDF and its link until the next `make pdf`.
PDFS holds nothing but these PDFs and is made by this script alone."""

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

SOURCE = re.compile(rb'data-print-source="([0-9a-f]{16})"')
CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')


def reports(site: Path):
    """(fingerprint, page file, its path on the site) of every page to print."""
    for page in sorted(site.rglob("index.html")):
        head = page.read_bytes()
        found, canonical = SOURCE.search(head), CANONICAL.search(head)
        if found and canonical:
            yield found.group(1).decode(), page, urlsplit(canonical.group(1).decode()).path


class Handler(http.server.SimpleHTTPRequestHandler):
    base = "/"

    def translate_path(self, path):
        path = urlsplit(path).path
        if path.startswith(self.base):
            path = "/" + path[len(self.base):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, base: str):
    handler = functools.partial(type("H", (Handler,), {"base": base}), directory=str(site))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("print_report: no Chromium found (Debian: apt-get install chromium)")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    site, pdfs = Path(sys.argv[1]), Path(sys.argv[2])
    found = list(reports(site))
    if not found:
        print(f"print_report: no whole report in {site} (build the site first)", file=sys.stderr)
        return 1
    pdfs.mkdir(parents=True, exist_ok=True)
    browser = chromium()
    keep = set()
    for fingerprint, page, path in found:
        rel = page.relative_to(site).as_posix()
        base = path[: len(path) - len(rel) + len("index.html")] if path.endswith(rel[: -len("index.html")]) else "/"
        target = pdfs / f"{fingerprint}.pdf"
        keep.add(target.name)
        with serve(site, base or "/") as origin, tempfile.TemporaryDirectory() as profile:
            command = [browser, "--headless", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
                       "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                       "--virtual-time-budget=20000", f"--print-to-pdf={target}", origin + path]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                command.insert(1, "--no-sandbox")
            result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            print(f"print_report: Chromium could not print {path}:\n{result.stderr}", file=sys.stderr)
            return 1
        print(f"printed {path} → {target} ({target.stat().st_size // 1024} KB)")
    for old in pdfs.glob("*.pdf"):
        if old.name not in keep:
            old.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
