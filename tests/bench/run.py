#!/usr/bin/env python3
"""Benchmark cuaderno against Hugo on the same generated pages, in one run.

    python3 tests/bench/run.py [--runs 5] [--sizes 1000,10000] [--no-hugo]

Builds cuaderno in release mode, generates the synthetic sites with
../shared/bench/gen_corpus.py (plain format for cuaderno, hugo format for Hugo: the
same Markdown bodies), then times each tool in alternation (cuaderno, Hugo, cuaderno,
...), because this machine's write speed drifts between back-to-back runs. Each run is
measured with wait4(): wall time, CPU time (user + system) and peak RSS of the process.
Outputs are removed between runs, outside the timed part ("fresh"), except for the
"rebuild" rows, which build again over the previous output as an editor or CI cache does;
before every timed run the disk is synced, so no run pays for the previous one's writes.
The build with search off runs next to the build with search on, in turn before and after
it, so neither always follows the same tool. Prints a Markdown table of medians and the
share of the build that search takes, the median of the rounds' paired differences. Hugo comes from Debian (`apt-get install hugo`); without it, Hugo rows are skipped.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
GEN = os.path.join(SHARED, "bench", "gen_corpus.py")
CUADERNO = os.path.join(ROOT, "target", "release", "cuaderno")


def measure(argv):
    """Runs argv; returns (wall seconds, cpu seconds, peak RSS in MB, system seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: `check` found content errors, which the corpus has
        sys.exit(f"{' '.join(argv)} exited {code}:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, usage.ru_stime


def generate(pages, fmt, out):
    subprocess.run([sys.executable, GEN, "--pages", str(pages), "--format", fmt, "--out", out],
                   check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--no-hugo", action="store_true")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    hugo = None if args.no_hugo else shutil.which("hugo")
    work = tempfile.mkdtemp(prefix="cuaderno-bench-")
    out = os.path.join(work, "out")
    cases = []  # (site, pages, tool, argv)
    # tests/bench/site.toml with `[search] enabled = false`, its paths made absolute.
    no_search = os.path.join(work, "site-no-search.toml")
    with open(os.path.join(ROOT, "tests/bench/site.toml")) as f:
        text = f.read().replace('theme = "../../themes/default"', f'theme = "{ROOT}/themes/default"')
    with open(no_search, "w") as f:
        f.write(text + "\n[search]\nenabled = false\n")
    corpus_conf = ["--config", os.path.join(ROOT, "tests/corpus/site.toml")]
    cases.append(("real corpus", 443, "cuaderno build", [CUADERNO, *corpus_conf, "build", "--output", out, "-q"]))
    rebuilt = os.path.join(work, "rebuilt-corpus")
    cases.append(("real corpus", 443, "cuaderno rebuild",
                  [CUADERNO, *corpus_conf, "build", "--output", rebuilt, "-q"]))
    cases.append(("real corpus", 443, "cuaderno check", [CUADERNO, *corpus_conf, "check", "-q"]))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        plain = os.path.join(work, f"plain-{size}")
        generate(size, "plain", plain)
        conf = ["--config", os.path.join(ROOT, "tests/bench/site.toml")]
        content = ["--content", plain]
        cases.append((f"synthetic {size}", size, "cuaderno build",
                      [CUADERNO, *conf, "build", *content, "--output", out, "-q"]))
        # The same build without the search index, to show what indexing costs.
        cases.append((f"synthetic {size}", size, "cuaderno build, search off",
                      [CUADERNO, "--config", no_search, "build", *content, "--output", out, "-q"]))
        again = os.path.join(work, f"rebuilt-{size}")
        cases.append((f"synthetic {size}", size, "cuaderno rebuild",
                      [CUADERNO, *conf, "build", *content, "--output", again, "-q"]))
        cases.append((f"synthetic {size}", size, "cuaderno check", [CUADERNO, *conf, "check", *content, "-q"]))
        if hugo:
            site = os.path.join(work, f"hugo-{size}")
            generate(size, "hugo", site)
            cases.append((f"synthetic {size}", size, "hugo", [hugo, "--quiet", "-s", site, "-d", out]))

    results = {i: [] for i in range(len(cases))}
    for _, _, tool, argv in cases:
        if tool.endswith("rebuild"):
            measure(argv)  # the previous build that a rebuild starts from
    for n in range(args.runs):
        for i in order(cases, n):  # alternate tools within each round
            _, _, tool, argv = cases[i]
            if not tool.endswith("rebuild"):
                shutil.rmtree(out, ignore_errors=True)
            os.sync()
            results[i].append(measure(argv))
    shutil.rmtree(work, ignore_errors=True)

    hugo_version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip() if hugo else "not run"
    print(f"Medians of {args.runs} runs, {os.cpu_count()} cores; Hugo: {hugo_version}\n")
    print("| site | pages | tool | wall | CPU | pages/s | peak RSS |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for i, (site, pages, tool, _) in enumerate(cases):
        wall = statistics.median(r[0] for r in results[i])
        cpu = statistics.median(r[1] for r in results[i])
        rss = statistics.median(r[2] for r in results[i])
        print(f"| {site} | {pages} | {tool} | {wall:.3f} s | {cpu:.2f} s | {pages / wall:,.0f} | {rss:.0f} MB |")
    print()
    for i, (site, _, tool, _) in enumerate(cases):
        if tool == "cuaderno build, search off":
            on, off = results[i - 1], results[i]
            wall = [(a[0] - b[0]) / a[0] for a, b in zip(on, off)]
            cpu = [(a[1] - b[1]) / a[1] for a, b in zip(on, off)]
            user = [((a[1] - a[3]) - (b[1] - b[3])) / (a[1] - a[3]) for a, b in zip(on, off)]
            sys_on = statistics.median(a[3] for a in on)
            sys_off = statistics.median(b[3] for b in off)
            print(f"- {site}: search takes {statistics.median(wall):.1%} of the build's wall time, "
                  f"{statistics.median(cpu):.1%} of its CPU time, {statistics.median(user):.1%} of its "
                  f"user CPU time (medians of {len(wall)} paired rounds; wall {min(wall):.1%} to "
                  f"{max(wall):.1%}); system time {sys_on:.2f} s with search, {sys_off:.2f} s without")


def order(cases, n):
    """The cases of one round: in list order, with each search-off build swapped with the
    build before it in every other round."""
    ids = list(range(len(cases)))
    if n % 2:
        for i, (_, _, tool, _) in enumerate(cases):
            if tool == "cuaderno build, search off":
                ids[i - 1], ids[i] = ids[i], ids[i - 1]
    return ids


if __name__ == "__main__":
    main()
