#!/usr/bin/env python3
"""Measures `cuaderno serve` on the real corpus: from saving a page to the reload poll
answering and the new page being fetched, and the server's own rebuild time.

    python3 tests/bench/serve.py [--edits 20]

Copies the corpus to a temporary folder, starts `cuaderno serve --port 0` on it, and for
each edit: starts a reload poll (as the page's script does), appends a word to a paragraph of
one page (a body edit: the incremental path), and times the poll's answer and the GET of the
page that follows. The rebuild time is what the server prints. Prints medians and maxima.
A browser adds its own reload time on top (parsing and painting one page).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "fasttrack-playbook")
PAGE = "spanish-playbook/success-conduct-success-review-partner-es.md"
OUT_PAGE = "es/success-conduct-success-review-partner-es.html"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="cuaderno-serve-bench-")
    content = os.path.join(work, "content")
    shutil.copytree(CORPUS, content)
    for dirpath, _, files in os.walk(content):
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    server = subprocess.Popen(
        [os.path.join(ROOT, "target/release/cuaderno"), "--config", os.path.join(ROOT, "tests/corpus/site.toml"),
         "serve", "--content", content, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    url = re.search(r"http://[0-9.:]+/", line).group(0)
    rebuilds = []
    threading.Thread(target=lambda: [rebuilds.append(int(m.group(1))) for l in server.stderr
                                     for m in [re.search(r"rebuilt in (\d+) ms \((\d+) page", l)] if m], daemon=True).start()

    def get(path):
        with urllib.request.urlopen(url + path, timeout=30) as r:
            return r.read()

    page = os.path.join(content, PAGE)
    text = open(page, encoding="utf-8").read()
    polls, fetched = [], []
    for i in range(args.edits):
        token = json.loads(get("__cuaderno/diagnostics?page=" + OUT_PAGE))["token"]
        answer = {}
        poller = threading.Thread(target=lambda: answer.update(json.loads(get("__cuaderno/poll?token=" + token))))
        poller.start()
        time.sleep(0.3)
        saved = time.perf_counter()
        marker = f"edit{i}"
        with open(page, "w", encoding="utf-8") as f:
            f.write(text.replace("El proceso de Llevar a cabo", f"{marker} El proceso de Llevar a cabo", 1))
        poller.join()
        polled = time.perf_counter()
        body = get(OUT_PAGE).decode()
        done = time.perf_counter()
        assert marker in body and answer.get("token") != token, "the edit was not served"
        polls.append(polled - saved)
        fetched.append(done - saved)
        time.sleep(0.2)
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms, max {max(xs) * 1000:.0f} ms"
    print(f"{args.edits} body edits of {PAGE} (real corpus, 443 pages):")
    print(f"  save -> reload poll answered:   {ms(polls)}")
    print(f"  save -> new page fetched:       {ms(fetched)}")
    print(f"  server rebuild (incremental):   median {statistics.median(rebuilds):.0f} ms, max {max(rebuilds)} ms")


if __name__ == "__main__":
    sys.exit(main())
