#!/usr/bin/env python3
"""Search, cuaderno's against Pagefind's, on the same built sites (the corpus and the generated
10,000 pages): indexing time, index size on disk, and what one query costs a reader in bytes
and milliseconds, measured in headless Chromium over HTTP.

    pip install pagefind-bin-extended     # Pagefind's binary, from PyPI
    python3 tests/bench/search.py [--runs 3]

Needs Debian's chromium and chromium-driver. For each site: cuaderno builds it (release
binary), then Pagefind indexes the built HTML (`--root-selector main`, so that both index the
article, not the navigation). Each query runs in a fresh browser with its cache disabled:
"bytes" sums the files the server sent for the first query (`*/search/*` and the search
page's `static/search/*` scripts for cuaderno; `pagefind/*` for Pagefind), "cold" is the first
query of a page (index files loaded as needed), "warm" a second, different query on the same
page. Pagefind's figures
include its WebAssembly module; both load the records of the first 10 results.
"""

import argparse
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CUADERNO = os.path.join(ROOT, "target", "release", "cuaderno")


def pagefind_binary():
    try:
        import pagefind_bin_extended
    except ImportError:
        sys.exit("pip install pagefind-bin-extended (Pagefind's binary) first")
    return os.path.join(os.path.dirname(pagefind_bin_extended.__file__), "pagefind_extended")


def timed(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def size_of(path):
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    return total


def serve(folder):
    """A static server that records the path of every file it sends."""
    sent = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=folder, **k)

        def log_message(self, *a):
            pass

        def send_head(self):
            sent.append(self.path.split("?")[0])
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent


def bytes_sent(folder, paths, prefixes):
    total = 0
    for p in paths:
        rel = urllib.parse.unquote(p).lstrip("/")
        if any(part in "/" + rel for part in prefixes):
            f = os.path.join(folder, rel)
            total += os.path.getsize(f) if os.path.isfile(f) else 0
    return total


class Browser:
    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.driver = subprocess.Popen(["chromedriver", f"--port={self.port}"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        self.profile = tempfile.mkdtemp()
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", f"--user-data-dir={self.profile}"]
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}}
        self.session = self.call("POST", "/session", caps)["value"]["sessionId"]
        self.cdp("Network.enable", {})
        self.cdp("Network.setCacheDisabled", {"cacheDisabled": True})
        self.call("POST", f"/session/{self.session}/timeouts", {"script": 60000})

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read())

    def cdp(self, cmd, params):
        return self.call("POST", f"/session/{self.session}/goog/cdp/execute", {"cmd": cmd, "params": params})

    def go(self, url):
        self.call("POST", f"/session/{self.session}/url", {"url": url})

    def js(self, script):
        return self.call("POST", f"/session/{self.session}/execute/async", {"script": script, "args": []})["value"]

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


CUADERNO_QUERY = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
window.cuadernoSearch.run(QUERY).then(() => done([performance.now() - t0,
  Number((document.getElementById('search-status').textContent.match(/\\d+/) || [0])[0])]));
"""

PAGEFIND_QUERY = """
const done = arguments[arguments.length - 1];
(async () => {
  const t0 = performance.now();
  window.pf = window.pf || await import('/pagefind/pagefind.js');
  await window.pf.init();
  const found = await window.pf.search(QUERY);
  await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  done([performance.now() - t0, found.results.length]);
})().catch(e => done(['error', String(e)]));
"""


def query(base, folder, sent, lang, tool, q1, q2):
    """(cold ms, warm ms, results, bytes of the first query)."""
    browser = Browser()
    try:
        if tool == "cuaderno":
            browser.go(f"{base}/{lang}/search.html")
            script, prefixes = CUADERNO_QUERY, ["/search/", "/static/search/"]
        else:
            browser.go(f"{base}/{lang}/index.html")
            script, prefixes = PAGEFIND_QUERY, ["/pagefind/"]
        sent.clear()
        cold, hits = browser.js(script.replace("QUERY", json.dumps(q1)))
        # Scripts the page itself loaded (cuaderno's analyzer and stemmer) count too.
        loaded = bytes_sent(folder, list(sent) + page_scripts(folder, lang, tool), prefixes)
        warm, _ = browser.js(script.replace("QUERY", json.dumps(q2)))
        return cold, warm, hits, loaded
    finally:
        browser.close()


def page_scripts(folder, lang, tool):
    """The search scripts a cuaderno search page loads with it (before the query starts)."""
    if tool != "cuaderno":
        return []
    import re
    with open(os.path.join(folder, lang, "search.html"), encoding="utf-8") as f:
        srcs = re.findall(r'<script src="([^"]+)"', f.read())
    return [os.path.normpath(f"/{lang}/{s}") for s in srcs]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    pagefind = pagefind_binary()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="cuaderno-search-bench-")
    generated = os.path.join(work, "plain-10000")
    subprocess.run([sys.executable, os.path.join(SHARED, "bench", "gen_corpus.py"), "--pages", "10000",
                    "--format", "plain", "--out", generated], check=True, stdout=subprocess.DEVNULL)
    sites = [
        ("real corpus", ["--config", os.path.join(ROOT, "tests/corpus/site.toml"), "build"],
         [("es", "migracion", "evaluacion de seguridad"), ("en", "migration", "security assessment"),
          ("ja", "移行", "変更管理")]),
        ("synthetic 10000", ["--config", os.path.join(ROOT, "tests/bench/site.toml"), "build", "--content", generated],
         [("en", "migration", "pilot group"), ("es", "migracion", "grupo piloto")]),
    ]
    rows = []
    for name, conf, queries in sites:
        out = os.path.join(work, name.replace(" ", "-"))
        builds, indexes = [], []
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            builds.append(timed([CUADERNO, *conf, "--output", out, "-q"]))
            shutil.rmtree(os.path.join(out, "pagefind"), ignore_errors=True)
            indexes.append(timed([pagefind, "--site", out, "--root-selector", "main", "--quiet"]))
        ours = sum(size_of(os.path.join(out, d, "search")) for d in os.listdir(out)
                   if os.path.isdir(os.path.join(out, d, "search")))
        theirs = size_of(os.path.join(out, "pagefind"))
        print(f"{name}: cuaderno build (pages and index) {statistics.median(builds):.2f} s; "
              f"Pagefind indexing {statistics.median(indexes):.2f} s; "
              f"index on disk {ours / 1e6:.1f} MB vs {theirs / 1e6:.1f} MB")
        server, sent = serve(out)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for lang, q1, q2 in queries:
            for tool in ["cuaderno", "pagefind"]:
                cold, warm, hits, loaded = query(base, out, sent, lang, tool, q1, q2)
                rows.append((name, lang, q1, q2, tool, cold, warm, hits, loaded))
        server.shutdown()
    print("\n| site | query (then) | tool | results | bytes loaded (first query) | cold | warm |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name, lang, q1, q2, tool, cold, warm, hits, loaded in rows:
        print(f"| {name} | {lang}: `{q1}` (`{q2}`) | {tool} | {hits} | {loaded / 1024:.0f} KB | {cold:.0f} ms | {warm:.0f} ms |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
