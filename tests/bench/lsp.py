#!/usr/bin/env python3
"""Benchmark `cuaderno lsp`: keystroke to published diagnostics on the corpus.

    python3 tests/bench/lsp.py [--edits 100] [--page english-playbook/...md]
    python3 tests/bench/lsp.py --synthetic 10000   # a generated site of 10,000 pages

Copies the corpus to a temporary folder, starts the release binary as a language server,
opens one page, and types `--edits` characters one at a time (each an incremental
`didChange`, waiting for the page's `publishDiagnostics` of that version before the next),
at places spread over the page's prose. Reports the median, 90th percentile and maximum of
the time from sending the change to receiving its diagnostics, and the server's resident
memory after the first and the last edit (from /proc), to show it stays flat. With
`--synthetic N`, the site is N pages from ../shared/bench/gen_corpus.py (plain format, with
tests/bench/site.toml) and the page is its first English one. The client says it watches
files (as VS Code does), so edits that change no file on disk are analyzed without walking the
content folder; `--no-watch` measures a client that cannot (the server then watches the
files itself).
"""

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "fasttrack-playbook")
CUADERNO = os.path.join(ROOT, "target", "release", "cuaderno")
GEN = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_corpus.py")
PAGE = "english-playbook/initiate-conduct-customer-kick-off-partner.md"


# What the client can do, as VS Code says it: it watches files for the server (so the server
# knows that a keystroke changed no file on disk). `--no-watch` leaves it out.
CLIENT_CAPABILITIES = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}


class Server:
    def __init__(self, args):
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, value = line.split(b":", 1)
                if name.lower() == b"content-length":
                    length = int(value)
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)[1]

    def wait(self, matches, timeout=60):
        deadline = time.time() + timeout
        while True:
            item = self.inbox.get(timeout=max(0.01, deadline - time.time()))
            if item is None:
                raise EOFError("the server closed its output")
            if "method" in item[1] and "id" in item[1]:
                # A request from the server (`client/registerCapability`): accepted.
                self.send({"id": item[1]["id"], "result": None})
                continue
            if matches(item[1]):
                return item

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0


def prose_lines(text):
    """Line numbers of plain prose (no table, heading, front matter, link) to type into."""
    lines = text.split("\n")
    fence = [i for i, l in enumerate(lines) if l.strip() == "---"][:2]
    start = fence[1] + 1 if len(fence) == 2 else 0
    return [
        i for i, l in enumerate(lines)
        if i >= start and len(l) > 20 and l[0].isalpha() and "](" not in l and "|" not in l
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--page", default=PAGE)
    ap.add_argument("--synthetic", type=int, metavar="N", help="a generated site of N pages")
    ap.add_argument("--no-watch", action="store_true",
                    help="a client that cannot watch files (the server watches them itself)")
    args = ap.parse_args()
    if args.no_watch:
        CLIENT_CAPABILITIES.clear()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    tmp = tempfile.mkdtemp(prefix="cuaderno-lsp-bench-")
    try:
        content = os.path.join(tmp, "content")
        if args.synthetic:
            subprocess.run(["python3", GEN, "--pages", str(args.synthetic), "--format", "plain",
                            "--out", content], check=True, stdout=subprocess.DEVNULL)
            args.page = sorted(n for n in os.listdir(content) if not n.endswith("-es.md"))[0]
            site = os.path.join(ROOT, "tests", "bench", "site.toml")
        else:
            shutil.copytree(CORPUS, content)
            site = os.path.join(ROOT, "tests", "corpus", "site.toml")
        with open(site) as f:
            config = f.read()
        config = "\n".join(
            'content_dir = "content"' if l.startswith("content_dir") else
            'output_dir = "out"' if l.startswith("output_dir") else
            f'theme = "{ROOT}/themes/default"' if l.startswith("theme") else l
            for l in config.split("\n")
        )
        with open(os.path.join(tmp, "site.toml"), "w") as f:
            f.write(config)
        server = Server([CUADERNO, "--config", os.path.join(tmp, "site.toml"), "lsp"])
        server.request("initialize", {"processId": None, "rootUri": f"file://{tmp}",
                                      "capabilities": CLIENT_CAPABILITIES})
        server.send({"method": "initialized", "params": {}})
        path = os.path.join(content, args.page)
        uri = f"file://{path}"
        with open(path, encoding="utf-8") as f:
            text = f.read()
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
        is_ours = lambda v: lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                                       and m["params"]["uri"] == uri and m["params"].get("version") == v)
        server.wait(is_ours(1))
        lines = prose_lines(text)
        latencies, rss_first = [], None
        for n in range(args.edits):
            version = n + 2
            line = lines[n % len(lines)]
            change = {"range": {"start": {"line": line, "character": 5}, "end": {"line": line, "character": 5}}, "text": "x"}
            sent = time.perf_counter()
            server.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
            received, _ = server.wait(is_ours(version))
            latencies.append((received - sent) * 1000)
            if rss_first is None:
                rss_first = server.rss_mb()
        rss_last = server.rss_mb()
        server.request("shutdown", None)
        server.send({"method": "exit"})
        server.proc.wait(timeout=10)
        latencies.sort()
        p90 = latencies[int(len(latencies) * 0.9) - 1]
        print(f"page: {args.page} ({len(text)} bytes), {args.edits} edits")
        print(f"keystroke -> diagnostics: median {statistics.median(latencies):.1f} ms, "
              f"p90 {p90:.1f} ms, max {latencies[-1]:.1f} ms")
        print(f"server memory (RSS): {rss_first:.1f} MB after the first edit, {rss_last:.1f} MB after the last")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
