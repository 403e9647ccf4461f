#!/usr/bin/env python3
"""Benchmark cuaderno against Hugo on the same generated pages, in one run.

    python3 tests/bench/run.py [--runs 5] [--sizes 1000,10000] [--no-hugo] [--baseline DIR]

Builds cuaderno in release mode, generates the synthetic sites with
../shared/bench/gen_corpus.py (plain format for cuaderno, hugo format for Hugo: the
same Markdown bodies), then times each tool in alternation (cuaderno, Hugo, cuaderno,
...), because this machine's write speed drifts between back-to-back runs. Each run is
measured with wait4(): wall time, CPU time (user + system) and peak RSS of the process.
Outputs are removed between runs, outside the timed part ("fresh"), except for the
"rebuild" rows, which build again over the previous output as an editor or CI cache does;
before every timed run the disk is synced, so no run pays for the previous one's writes.
The build with search off runs next to the build with search on, in turn before and after
it, so neither always follows the same tool; so does a baseline's build (`--baseline DIR`, a
checkout of an older commit, say `git worktree add /tmp/prev v0.3`, built here in release
mode and run with its own theme and its own copy of the bench's site.toml). Prints a Markdown table of medians and the
share of the build that search takes, the median of the rounds' paired differences, and the same for the baseline. Hugo comes from Debian (`apt-get install hugo`); without it, Hugo rows are skipped.
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
    ap.add_argument("--baseline", metavar="DIR",
                    help="a checkout of an older cuaderno whose builds run beside this one's")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if args.baseline:
        args.baseline = os.path.abspath(args.baseline)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=args.baseline, check=True)
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
    corpus = ["--content", os.path.join(SHARED, "corpus", "fasttrack-playbook")]
    cases.append(("real corpus", 443, "cuaderno build", [CUADERNO, *corpus_conf, "build", *corpus, "--output", out, "-q"]))
    baseline(cases, args.baseline)
    rebuilt = os.path.join(work, "rebuilt-corpus")
    cases.append(("real corpus", 443, "cuaderno rebuild",
                  [CUADERNO, *corpus_conf, "build", *corpus, "--output", rebuilt, "-q"]))
    cases.append(("real corpus", 443, "cuaderno check", [CUADERNO, *corpus_conf, "check", *corpus, "-q"]))
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
        baseline(cases, args.baseline)
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
            wall, cpu, user, sys_on, sys_off = paired(results[i - 1], results[i])
            print(f"- {site}: search takes {statistics.median(wall):.1%} of the build's wall time, "
                  f"{statistics.median(cpu):.1%} of its CPU time, {statistics.median(user):.1%} of its "
                  f"user CPU time (medians of {len(wall)} paired rounds, a negative share: the build "
                  f"without search took longer; wall {min(wall):.1%} to {max(wall):.1%}); system "
                  f"time {sys_on:.2f} s with search, {sys_off:.2f} s without")
        if tool == BASELINE:
            build = next(j for j, c in enumerate(cases) if c[0] == site and c[2] == "cuaderno build")
            wall, cpu, user, sys_old, sys_new = paired(results[i], results[build])
            print(f"- {site}: against the baseline's build, this one takes {-statistics.median(wall):+.1%} "
                  f"wall time, {-statistics.median(cpu):+.1%} CPU time, {-statistics.median(user):+.1%} "
                  f"user CPU time (medians of {len(wall)} paired rounds; wall {-max(wall):+.1%} to "
                  f"{-min(wall):+.1%}); system time {sys_new:.2f} s, the baseline's {sys_old:.2f} s")


def paired(first, second):
    """The rounds' relative differences (first - second) / first in wall, CPU and user CPU
    time, and the median system times of first and second."""
    def user(r):
        return r[1] - r[3]
    wall = [(a[0] - b[0]) / a[0] for a, b in zip(first, second)]
    cpu = [(a[1] - b[1]) / a[1] for a, b in zip(first, second)]
    users = [(user(a) - user(b)) / user(a) for a, b in zip(first, second)]
    return (wall, cpu, users, statistics.median(a[3] for a in first),
            statistics.median(b[3] for b in second))

BASELINE = "baseline build"
PAIRED = ("cuaderno build", "cuaderno build, search off", BASELINE)


def baseline(cases, checkout):
    """Adds the baseline checkout's run of the last build case, when there is one: its
    binary, with the same arguments but its own copy of the config (and so its own theme)."""
    if checkout:
        site, pages, _, argv = next(c for c in reversed(cases) if c[2] == "cuaderno build")
        argv = [a.replace(ROOT, checkout) if a.endswith(".toml") else a for a in argv[1:]]
        cases.append((site, pages, BASELINE, [os.path.join(checkout, "target/release/cuaderno"), *argv]))


def order(cases, n):
    """The cases of one round: in list order, with each run of builds that are compared
    (this build, search off, the baseline's) reversed in every other round."""
    ids, group = [], []
    for i, (_, _, tool, _) in enumerate(cases):
        if tool in PAIRED and group and cases[group[0]][0] != cases[i][0]:
            ids += group[::-1] if n % 2 else group
            group = []
        if tool in PAIRED:
            group.append(i)
            continue
        ids += group[::-1] if n % 2 else group
        group = []
        ids.append(i)
    return ids + (group[::-1] if n % 2 else group)


if __name__ == "__main__":
    main()
