"""What a reader and a screen reader get from a PDF, measured: pages, text per page, tags,
language, title and author, outline, fonts, links. Used by test_pdf.py, and on its own to
compare print engines (docs/pdf.md):

    python3 Tests/browser/pdffacts.py FILE.pdf ...
"""

import json
import re
import subprocess
import sys
from pathlib import Path


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext), white space collapsed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f")][:-1]


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of every font (pdffonts)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        # name type encoding emb sub uni object ID: the three yes/no columns precede "object ID".
        flags = re.findall(r"\b(yes|no)\b", line)
        if len(flags) >= 3:
            rows.append((line.split()[0], flags[-3] == "yes"))
    return rows


def outline(pdf_file) -> list[tuple[int, str, int | None]]:
    """(level, title, page index) of every bookmark, in order."""
    import pikepdf

    with pikepdf.open(pdf_file) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        found = []

        def walk(items, level):
            for item in items:
                target = None
                destination = item.destination
                if destination is None and item.action is not None and "/D" in item.action:
                    destination = item.action.D
                if isinstance(destination, pikepdf.Array) and len(destination):
                    target = pages.get(destination[0].objgen)
                found.append((level, str(item.title), target))
                walk(item.children, level + 1)

        with pdf.open_outline() as tree:
            walk(tree.root, 1)
        return found


def structure(pdf_file) -> dict[str, int]:
    """How many structure elements of each type the tag tree holds (empty: not tagged)."""
    import pikepdf

    counts: dict[str, int] = {}
    with pikepdf.open(pdf_file) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return counts
        stack, seen = [root.get("/K")], set()
        while stack:
            node = stack.pop()
            if node is None:
                continue
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.is_indirect:
                    if node.objgen in seen:
                        continue
                    seen.add(node.objgen)
                if "/S" in node:
                    kind = str(node.S).lstrip("/")
                    counts[kind] = counts.get(kind, 0) + 1
                stack.append(node.get("/K"))
    return counts


def facts(pdf_file) -> dict:
    import pikepdf

    path = Path(pdf_file)
    with pikepdf.open(path) as pdf:
        info = {key: str(value) for key, value in pdf.docinfo.items()}
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            xmp_title = meta.get("dc:title")
        links = internal = 0
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                if annot.get("/Subtype") == "/Link":
                    links += 1
                    action = annot.get("/A")
                    if annot.get("/Dest") is not None or (action is not None and action.get("/S") == "/GoTo"):
                        internal += 1
        result = {
            "pages": len(pdf.pages),
            "title": info.get("/Title") or xmp_title or "",
            "author": info.get("/Author", ""),
            "producer": info.get("/Producer", ""),
            "lang": str(pdf.Root.get("/Lang", "")),
            "marked": bool(pdf.Root.get("/MarkInfo", {}).get("/Marked", False)),
            "links": links,
            "internal_links": internal,
            "ua": "pdfuaid" in str(pdf.Root.get("/Metadata").read_bytes()) if "/Metadata" in pdf.Root else False,
        }
    result["tags"] = structure(path)
    result["outline"] = outline(path)
    result["fonts"] = fonts(path)
    return result


if __name__ == "__main__":
    for name in sys.argv[1:]:
        f = facts(name)
        f["outline"] = f"{len(f['outline'])} entries, levels {sorted({l for l, _, _ in f['outline']})}"
        f["fonts"] = f"{len(f['fonts'])} fonts, {sum(not e for _, e in f['fonts'])} not embedded"
        f["tags"] = dict(sorted(f["tags"].items(), key=lambda kv: -kv[1])[:12])
        print(name, json.dumps(f, ensure_ascii=False, indent=1))


def page_fill(pdf: Path, workdir: Path, top_cm: float = 2.3, bottom_cm: float = 2.2) -> list[float]:
    """How full each page is: where its last ink (a pixel darker than light grey) lies between
    the top and bottom margins, from 0 (empty) to 1 (to the bottom margin). Pages rendered at
    30 dpi with pdftoppm; the page heads and feet, in the margins, do not count."""
    from PIL import Image

    for old in workdir.glob("fill-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(workdir / "fill")], check=True)
    fills = []
    for picture in sorted(workdir.glob("fill-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
        image = Image.open(picture).convert("L")
        width, height = image.size
        per_cm = height / 29.7
        top, bottom = round(top_cm * per_cm), round(height - bottom_cm * per_cm)
        pixels = image.load()
        last = top
        for y in range(top, bottom):
            if any(pixels[x, y] < 200 for x in range(width)):
                last = y
        fills.append((last - top) / (bottom - top))
    return fills


def sparse_pages(pdf: Path, workdir: Path, least: float = 1 / 3) -> list[int]:
    """Pages (from 1) less than `least` full that do not end a chapter, the cover or the lists:
    a page followed by one where a level-1 bookmark (a chapter) starts is a chapter's last."""
    starts = {page for level, _, page in outline(pdf) if level == 1 and page is not None}
    fills = page_fill(pdf, workdir)
    return [n + 1 for n, fill in enumerate(fills) if fill < least and n + 1 not in starts and n + 1 < len(fills) and n > 0]
