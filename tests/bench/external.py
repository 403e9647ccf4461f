#!/usr/bin/env python3
"""Benchmark `check --external` on the corpus's web links, without the internet.

    python3 tests/bench/external.py [--runs 3] [--delay 0.05] [--lychee]

Copies the corpus to a temporary folder and rewrites every `http(s)://host/path` link to
`http://127.0.0.1:PORT/host/path`, served by a local threaded server that answers 200 after
`--delay` seconds and counts requests. Then runs `cuaderno check --external --no-cache` with
the default politeness (32 at once, 4 per host: here every URL is on one host, so 4 at a
time) and with `per_host = 32`, measuring wall time, requests and peak RSS (wait4). With
`--lychee` and `lychee` on PATH, lychee checks the same rewritten files for comparison.
"""

import argparse
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
CUADERNO = os.path.join(ROOT, "target", "release", "cuaderno")
LINK = re.compile(r"\]\(\s*<?(https?)://([^\s)>]+)")


class Counter:
    requests = 0
    lock = threading.Lock()


def handler(delay):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self):
            with Counter.lock:
                Counter.requests += 1
            time.sleep(delay)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_HEAD = answer
        do_GET = answer

        def log_message(self, *args):
            pass

    return Handler


def rewrite(tree, port):
    links = 0
    urls = set()
    for dirpath, _, files in os.walk(tree):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()

            def sub(m):
                nonlocal links
                links += 1
                url = f"http://127.0.0.1:{port}/{m.group(2)}"
                urls.add(url.split("#")[0])
                return "](" + url

            text = LINK.sub(sub, text)
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
    return links, len(urls)


def measure(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--delay", type=float, default=0.05)
    ap.add_argument("--lychee", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(args.delay))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempfile.mkdtemp()
    try:
        shutil.copytree(CORPUS, os.path.join(tmp, "corpus"))
        links, urls = rewrite(os.path.join(tmp, "corpus"), port)
        with open(os.path.join(ROOT, "tests/corpus/site.toml")) as f:
            toml = f.read()
        toml = re.sub(r'content_dir = ".*"', f'content_dir = "{tmp}/corpus/fasttrack-playbook"', toml)
        toml = re.sub(r'theme = ".*"', f'theme = "{ROOT}/themes/default"', toml)
        print(f"{links} web links, {urls} distinct URLs, server delay {args.delay * 1000:.0f} ms\n")
        print("| tool | settings | wall s (median) | requests | peak RSS MB |")
        print("|---|---|---:|---:|---:|")
        for label, extra in [("defaults (32, 4 per host)", ""), ("per_host = 32", "per_host = 32\n")]:
            conf = os.path.join(tmp, "site.toml")
            with open(conf, "w") as f:
                f.write(toml + f"\n[external]\nallow_private = true\n{extra}")
            walls, rss = [], []
            for _ in range(args.runs):
                Counter.requests = 0
                wall, peak = measure([CUADERNO, "check", "--external", "--no-cache", "--config", conf])
                walls.append(wall)
                rss.append(peak)
            print(f"| cuaderno | {label} | {statistics.median(walls):.2f} | {Counter.requests} | {max(rss):.0f} |")
        if args.lychee and shutil.which("lychee"):
            files = [os.path.join(d, n) for d, _, fs in os.walk(os.path.join(tmp, "corpus")) for n in fs if n.endswith(".md")]
            base = ["lychee", "--no-progress", "--max-concurrency", "32", "--include", "127.0.0.1"]
            for label, extra in [
                ("its defaults (10 per host, 50 ms apart)", []),
                ("4 per host, no interval", ["--host-concurrency", "4", "--host-request-interval", "0ms"]),
                ("32 per host, no interval", ["--host-concurrency", "32", "--host-request-interval", "0ms"]),
            ]:
                walls, rss = [], []
                for _ in range(args.runs):
                    Counter.requests = 0
                    wall, peak = measure(base + extra + files)
                    walls.append(wall)
                    rss.append(peak)
                print(f"| lychee | {label} | {statistics.median(walls):.2f} | {Counter.requests} | {max(rss):.0f} |")
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
