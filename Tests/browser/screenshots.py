"""Screenshots for a person to look at (not a test): the home page and one chapter in each
language, at 1280 and 375 px, in dark mode, and in print preview (PDF → PNG with pdftoppm).

    SITE_DIR=.build/site-test python3 Tests/browser/screenshots.py [OUT]   (default OUT: .build/screenshots)
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import sitecheck

PAGES = {"nl-home": "nl/", "fr-home": "fr/", "nl-chapter": "nl/financien/", "fr-chapter": "fr/finances/",
         "root": ""}


def chromium(*args):
    binary = sitecheck.find("chromium", "chromium-browser", "google-chrome")
    subprocess.run([binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--no-first-run", *args], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    site = Path(os.environ.get("SITE_DIR", ".build/site-test")).resolve()
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    with sitecheck.serve(site) as base:
        for name, path in PAGES.items():
            url = f"{base}/{path}"
            for width in (1280, 375):
                chromium(f"--screenshot={out}/{name}-{width}.png", f"--window-size={width},2600", url)
            chromium("--force-dark-mode", "--blink-settings=preferredColorScheme=0",
                     f"--screenshot={out}/{name}-375-dark.png", "--window-size=375,2600", url)
            pdf = out / f"{name}-print.pdf"
            chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
            if shutil.which("pdftoppm"):
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", "3", str(pdf), str(out / f"{name}-print")],
                               check=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
