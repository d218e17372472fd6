#!/usr/bin/env python3
"""Load test and change-to-visible latency of `rapport serve`, from a second process.

    python3 Tests/RapportServeTests/load_test.py --rapport .build/release/rapport

Copies Content/ and Templates/ to a temporary folder, starts `rapport serve --port 0` there,
then
  1. sends --requests requests, --concurrency at a time (keep-alive and fresh connections
     mixed) over every file of the built site, folders, redirects, missing pages and escape
     attempts, and checks every response: status, content type, and the body byte for byte
     against the file `rapport build` writes (HTML: that file plus the reload script only);
  2. edits a chapter --edits times and measures how long after the save the new text is
     served (the long poll a browser tab keeps open answers, then the page is fetched).
Exits 1 if any response was wrong. Standard library only.
"""
import argparse, asyncio, os, random, re, shutil, signal, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

# As the server types them (SitePath.swift's MediaType); anything else is application/octet-stream.
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
         ".csv": "text/csv; charset=utf-8", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".png": "image/png",
         ".zip": "application/zip", ".pdf": "application/pdf", ".ico": "image/x-icon"}
SCRIPT = re.compile(rb'<script>/\* rapport serve:.*?</script>\n', re.S)
ESCAPES = ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/nl%2f..%2f..%2fContent%2fsite.yml", "//etc/passwd",
           "/%2fetc%2fpasswd", "/nl/%2E%2E/%2E%2E/Content/site.yml"]


def expectations(site):
    """(target, status, content type, body check) for every kind of request."""
    cases = []
    for folder, _, files in os.walk(site):
        for name in files:
            path = os.path.join(folder, name)
            rel = "/" + os.path.relpath(path, site)
            if name.startswith("."):
                continue
            with open(path, "rb") as f:
                data = f.read()
            ext = os.path.splitext(name)[1]
            cases.append((rel, 200, TYPES.get(ext, "application/octet-stream"), data))
            if name == "index.html" and rel != "/index.html":
                folder_url = rel[: -len("index.html")]
                cases.append((folder_url, 200, TYPES[".html"], data))
                cases.append((folder_url.rstrip("/"), 301, None, folder_url))
    with open(os.path.join(site, "404.html"), "rb") as f:
        not_found = f.read()
    cases += [("/bestaat-niet/", 404, TYPES[".html"], not_found), ("/nl/geen-pagina", 404, TYPES[".html"], not_found)]
    cases += [(target, 403, None, None) for target in ESCAPES]
    return cases


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers[key.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body


def check(case, status, headers, body):
    target, want_status, want_type, want = case
    if status != want_status:
        return f"{target}: status {status}, expected {want_status}"
    if want_type and headers.get("content-type") != want_type:
        return f"{target}: type {headers.get('content-type')}, expected {want_type}"
    if want_status == 301:
        return None if headers.get("location") == want else f"{target}: location {headers.get('location')}"
    if want is None:
        return None if b"root:" not in body else f"{target}: leaked"
    if want_type == TYPES[".html"]:
        scripts = SCRIPT.findall(body)
        if len(scripts) != 1 or SCRIPT.sub(b"", body) != want:
            return f"{target}: HTML differs from the built file plus one reload script"
        return None
    return None if body == want else f"{target}: body differs from the file ({len(body)} vs {len(want)} bytes)"


async def load(port, cases, total, concurrency):
    queue = list(range(total))
    errors, latencies = [], []

    async def worker(keep_alive):
        reader = writer = None
        while queue:
            queue.pop()
            case = random.choice(cases)
            start = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                connection = "keep-alive" if keep_alive else "close"
                writer.write(f"GET {case[0]} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: {connection}\r\n\r\n".encode())
                await writer.drain()
                status, headers, body = await asyncio.wait_for(read_response(reader), 30)
                problem = check(case, status, headers, body)
                if problem:
                    errors.append(problem)
                if not keep_alive or headers.get("connection", "").lower() == "close":
                    writer.close()
                    reader = writer = None
            except Exception as error:  # noqa: BLE001 — every failure counts
                errors.append(f"{case[0]}: {type(error).__name__} {error}")
                if writer:
                    writer.close()
                reader = writer = None
            latencies.append(time.perf_counter() - start)
        if writer:
            writer.close()

    start = time.perf_counter()
    # Four in five workers keep their connection open (as browsers do), one in five opens a new one per request.
    await asyncio.gather(*(worker(i % 5 != 0) for i in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return errors, elapsed, latencies


async def http_get(port, target):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    response = await read_response(reader)
    writer.close()
    return response


async def latency(port, workdir, edits, page_file, page_url, build_times):
    """Seconds from saving a chapter to the new text being served to a waiting browser tab,
    and how much of it the build itself took (from the server's summary line)."""
    path = os.path.join(workdir, page_file)
    with open(path, encoding="utf-8") as f:
        original = f.read()
    results, builds = [], []
    for i in range(edits):
        # As the page's reload script asks: the version of what this page shows, answered only
        # when the page's own bytes change (a save serves the chapter first, then the full build
        # publishes the rest; the page does not change again).
        events = f"/_rapport/events?page={urllib.parse.quote(page_url, safe='')}&build="
        _, _, token = await http_get(port, events + "none")
        poll = asyncio.ensure_future(http_get(port, events + urllib.parse.quote(token.decode(), safe="")))
        await asyncio.sleep(0.15 + random.random() * 0.2)  # any phase of the watcher's 100 ms scan
        marker = f"Meetpunt {i} {random.randrange(10**9)}."
        saved = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original + f"\n{marker}\n")
        await poll  # the long poll answers: the tab reloads now
        status, _, body = await http_get(port, page_url)
        seen = time.perf_counter() - saved
        if status != 200 or marker.encode() not in body:
            raise SystemExit(f"edit {i}: new text not served (status {status})")
        results.append(seen)
        await asyncio.sleep(0.05)
        builds.append(build_times[-1] if build_times else float("nan"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
    return results, builds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rapport", default=".build/release/rapport")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--page-file", default="Content/nl/profile.md")
    parser.add_argument("--page-url", default="/nl/profiel/")
    args = parser.parse_args()

    repository = os.getcwd()
    workdir = tempfile.mkdtemp(prefix="rapport-serve-load-")
    for folder in ("Content", "Templates"):
        shutil.copytree(os.path.join(repository, folder), os.path.join(workdir, folder), symlinks=False)
    server = None
    try:
        # What every response must match: the site as `rapport build` writes it.
        if subprocess.run([os.path.abspath(args.rapport), "build", "--output", "Expected"], cwd=workdir,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            raise SystemExit("the site does not build: run `rapport check`")
        server = subprocess.Popen([os.path.abspath(args.rapport), "serve", "--port", "0"], cwd=workdir,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = None
        for line in server.stdout:
            found = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        if port is None:
            raise SystemExit("the server did not start")
        build_times = []  # seconds, from "built … in 123 ms" lines

        def follow():
            for line in server.stdout:
                found = re.search(r"^built .* in (\d+) ms", line)
                if found:
                    build_times.append(int(found.group(1)) / 1000)

        threading.Thread(target=follow, daemon=True).start()
        cases = expectations(os.path.join(workdir, "Expected"))
        errors, elapsed, latencies = asyncio.run(load(port, cases, args.requests, args.concurrency))
        count = len(latencies)
        print(f"load: {count} requests, {args.concurrency} at a time, {len(cases)} distinct targets: "
              f"{count - len(errors)} correct, {len(errors)} wrong, {elapsed:.2f} s ({count / elapsed:.0f} req/s), "
              f"latency p50 {latencies[count // 2] * 1000:.1f} ms, p99 {latencies[int(count * 0.99)] * 1000:.1f} ms, "
              f"max {latencies[-1] * 1000:.1f} ms")
        for problem in sorted(set(errors))[:20]:
            print("  wrong:", problem)
        if args.edits:
            seen, builds = asyncio.run(latency(port, workdir, args.edits, args.page_file, args.page_url, build_times))
            seen.sort()
            builds = sorted(b for b in builds if b == b)  # the full builds the server reported (NaN: none yet)
            full = (f"median {statistics.median(builds) * 1000:.0f} ms" if builds else "not reported yet")
            # The saved chapter is served first, rendered alone; the full build of the site follows.
            print(f"change → served: {len(seen)} edits of {args.page_file}: median {statistics.median(seen) * 1000:.0f} ms, "
                  f"min {seen[0] * 1000:.0f} ms, max {seen[-1] * 1000:.0f} ms (the saved page first; the full build "
                  f"after it: {full})")
        sys.exit(1 if errors else 0)
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
