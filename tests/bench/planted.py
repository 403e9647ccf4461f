#!/usr/bin/env python3
"""A playbook-like tree nobody tuned cuaderno to, with faults planted at random places.

    python3 tests/bench/planted.py --out DIR [--pages 15] [--seed 7]
    cuaderno --config DIR/site.toml check --format json > DIR/findings.json
    python3 tests/bench/planted.py --judge DIR

Not the FastTrack corpus: another product's onboarding playbook in en, es, pt-BR and ja, with
its own stages, roles, task tables and change logs, and its own words. The generator picks
pages and places for each fault with its seed and writes what it planted to
DIR/planted.json (file, line, kind): the ground truth a hand judgement of the findings is
compared with (true, false, repeated, missed). Stdlib only.
"""

import argparse
import json
import os
import random

LANGS = {
    "en": dict(folder="en", suffix="", stage="Stage", log="Change log", task="Task ID",
               header="| Task ID | Task | M/O | Owner | Services |", dates="M/D/Y",
               stages={"kickoff": "Kickoff", "plan": "Plan", "deploy": "Deploy", "adopt": "Adopt"},
               roles=["Partner Lead", "Customer Admin", "Adoption Coach"], maint="Routine review",
               words="The partner and the customer agree on the plan for the next weeks, and the team writes down who does what. Then the customer admin checks the tenant settings and the coach prepares the training for the people who will use the new tools. When this is done, the partner reviews the plan with the sponsor and they decide when to start."),
    "es": dict(folder="es", suffix="-es", stage="Etapa", log="Registro de cambios", task="Id. de tarea",
               header="| Id. de tarea | Tarea | M/O | Responsable | Servicios |", dates="D/M/Y",
               stages={"kickoff": "Inicio", "plan": "Planificar", "deploy": "Implementar", "adopt": "Adoptar"},
               roles=["Líder del socio", "Administrador del cliente", "Asesor de adopción"], maint="Revisión rutinaria",
               words="El socio y el cliente acuerdan el plan para las próximas semanas, y el equipo escribe quién hace cada cosa. Después el administrador del cliente revisa la configuración del inquilino y el asesor prepara la formación para las personas que van a usar las nuevas herramientas. Cuando esto está hecho, el socio revisa el plan con el patrocinador y deciden cuándo empezar."),
    "pt-BR": dict(folder="pt", suffix="-pt", stage="Etapa", log="Registro de alterações", task="ID da tarefa",
                  header="| ID da tarefa | Tarefa | M/O | Responsável | Serviços |", dates="D/M/Y",
                  stages={"kickoff": "Início", "plan": "Planejar", "deploy": "Implantar", "adopt": "Adotar"},
                  roles=["Líder do parceiro", "Administrador do cliente", "Consultor de adoção"], maint="Revisão de rotina",
                  words="O parceiro e o cliente concordam com o plano para as próximas semanas, e a equipe escreve quem faz o quê. Depois o administrador do cliente verifica as configurações do locatário e o consultor prepara o treinamento para as pessoas que vão usar as novas ferramentas. Quando isso está pronto, o parceiro revisa o plano com o patrocinador e eles decidem quando começar."),
    "ja": dict(folder="ja", suffix="-ja", stage="ステージ", log="変更履歴", task="タスク ID",
               header="| タスク ID | タスク | M/O | 担当 | サービス |", dates="Y/M/D",
               stages={"kickoff": "キックオフ", "plan": "計画", "deploy": "展開", "adopt": "定着"},
               roles=["パートナー リード", "顧客管理者", "定着コーチ"], maint="定期レビュー",
               words="パートナーとお客様は今後数週間の計画に合意し、チームは誰が何をするかを書き留めます。次に、お客様の管理者がテナントの設定を確認し、コーチは新しいツールを使う人のためのトレーニングを準備します。これが終わると、パートナーはスポンサーと計画を確認し、開始する時期を決めます。"),
}
SERVICES = ["Teams", "Exchange Online", "SharePoint Online", "Intune"]
TOPICS = ["welcome-call", "tenant-readiness", "pilot-group", "training-plan", "rollout-waves",
          "champions", "support-handover", "usage-review", "security-baseline", "mail-cutover",
          "device-enrollment", "sites-migration", "meeting-rooms", "feedback-loop", "closeout"]


def fmt(date, order):
    y, m, d = date
    return {"M/D/Y": f"{m}/{d:02d}/{y}", "D/M/Y": f"{d:02d}/{m}/{y}", "Y/M/D": f"{y}/{m:02d}/{d:02d}"}[order]


class Page:
    def __init__(self, lang, topic, stage, tasks, dates, links):
        self.lang, self.topic, self.stage = lang, topic, stage
        self.tasks, self.dates, self.links = tasks, dates, links
        self.lines = []

    def name(self, lang=None):
        spec = LANGS[lang or self.lang]
        return f"{self.topic}{spec['suffix']}.md"

    def rel(self):
        return f"{LANGS[self.lang]['folder']}/{self.name()}"

    def render(self):
        s = LANGS[self.lang]
        newest = self.dates[0]
        out = ["---", f"title: {self.topic.replace('-', ' ').title()}",
               "description: One step of the onboarding playbook.", "author: Ada Lovelace",
               "ms.author: adal", f"ms.date: {fmt(newest, s['dates'])}", "ms.topic: playbook", "---", "",
               f"# {self.topic.replace('-', ' ').title()}", "", f"{s['stage']}: **{s['stages'][self.stage]}**", "",
               s["words"], "", "## Overview", "", s["words"], ""]
        for target, anchor in self.links:
            out += [f"See [{target}]({target}{s['suffix']}.md{anchor}) for the next step.", ""]
        out += [s["header"], "|---|---|---|---|---|"]
        for tid, mo, role, svc in self.tasks:
            out.append(f"| {tid} | {s['words'][:28].strip()} {tid} | {mo} | {role} | {svc} |")
        out += ["", f"## {s['log']}", "", "| Date | Description |", "|---|---|"]
        for i, d in enumerate(self.dates):
            what = s["maint"] if i == 1 else f"{s['words'][:20].strip()} {i}"
            out.append(f"| {fmt(d, s['dates'])} | {what} |")
        out.append("")
        self.lines = out


def plant(pages, rng, planted):
    """Each fault on a page the seed picks, at a line the page has; recorded as planted. A
    planted line is found again by a piece of its text once every fault is in (later faults
    move lines), and no task row gets two faults."""
    used = set()

    def pick(lang=None, pred=lambda p: True):
        options = [p for p in pages if (lang is None or p.lang == lang) and pred(p)]
        return rng.choice(options)

    def line_of(page, start):
        return next(i for i, l in enumerate(page.lines) if l.startswith(start))

    def note(page, needle, kind):
        planted.append({"page": page, "needle": needle, "kind": kind})

    def task_row(page):
        rows = [i for i, l in enumerate(page.lines) if l.startswith("| ") and l[2:3].isdigit()
                and "/" not in l.split("|")[1] and (page.rel(), l.split("|")[1]) not in used]
        i = rng.choice(rows)
        used.add((page.rel(), page.lines[i].split("|")[1]))
        return i, page.lines[i].split("|")[1].strip()

    for _ in range(3):  # a link to a page that does not exist (a typo in its name)
        p = pick(pred=lambda p: not any(x["page"] is p and x["kind"] == "broken-link" for x in planted))
        i = line_of(p, "See [")
        target = p.lines[i].split("](")[1].split(")")[0]
        wrong = target.replace("-", "_", 1) if "-" in target else "s" + target
        p.lines[i] = p.lines[i].replace("](" + target, "](" + wrong, 1)
        note(p, "](" + wrong, "broken-link")
    for _ in range(2):  # an anchor that names no heading
        p = pick(pred=lambda p: not any(x["page"] is p for x in planted))
        i = line_of(p, "See [")
        p.lines[i] = p.lines[i].replace(".md)", ".md#overveiw)", 1)
        note(p, "#overveiw", "broken-anchor")
    for lang in ("es", "pt-BR"):  # a day-first table with one ambiguous row
        p = pick(lang)
        i = line_of(p, "| Date |") + 2
        p.lines[i] = "| 05/08/2024 | " + p.lines[i].split("|")[2].strip() + " |"
        p.lines[i + 1] = "| 26/02/2024 | " + p.lines[i + 1].split("|")[2].strip() + " |"
        note(p, "| 05/08/2024", "not a fault: an ambiguous date in a day-first table")
    for _ in range(2):  # a row missing a cell
        p = pick()
        i, tid = task_row(p)
        cells = p.lines[i].split("|")
        p.lines[i] = "|".join(cells[:3] + cells[4:])
        note(p, f"| {tid} |", "table-missing-cells")
    p = pick()  # two rows glued on one line
    i, tid = task_row(p)
    if i + 1 < len(p.lines) and p.lines[i + 1].startswith("| 1"):
        used.add((p.rel(), p.lines[i + 1].split("|")[1]))
        p.lines[i] = p.lines[i] + " " + p.lines[i + 1]
        del p.lines[i + 1]
        note(p, f"| {tid} |", "table-extra-cells (glued rows)")
    p = pick()  # a leading ||
    i, tid = task_row(p)
    p.lines[i] = "|" + p.lines[i]
    note(p, f"|| {tid} |", "table-extra-cells (leading ||)")
    for _ in range(2):  # a role with a typo
        p = pick()
        i, tid = task_row(p)
        cells = p.lines[i].split("|")
        cells[4] = " " + cells[4].strip()[:-1] + "x "
        p.lines[i] = "|".join(cells)
        note(p, f"| {tid} |", "unknown-role")
    p = pick()  # an M/O code that is none
    i, tid = task_row(p)
    cells = p.lines[i].split("|")
    cells[3] = " Mandatory "
    p.lines[i] = "|".join(cells)
    note(p, f"| {tid} |", "invalid-mandatory-code")
    for kind, text, needle in [
            ("bare-url", "Sign the terms at https://aka.ms/onboarding-terms.", "onboarding-terms"),
            ("link-without-scheme", "The form is at [the portal](aka.ms/onboarding-form).", "onboarding-form"),
            ("safelinks-url", "[Deck](https://nam06.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fdeck&data=05%7C01%7Cada%40example.org%7C&reserved=0)", "safelinks"),
            ("malformed-link", "Read [the checklist](https://example.org/checklist].", "checklist]"),
            ("email-without-mailto", "Write to [the team](team@example.org).", "team@example.org"),
            ("unknown-alert", "> [!NOTAA]\n> Check the licences first.", "NOTAA"),
            ("indented-code-in-list (5 spaces after -)", "Steps:\n\n-     Invite the pilot group.\n\n-   Send the survey.", "Invite the pilot"),
            ("indented-code-in-list (indented 4)", "Checks:\n\n    1. Is the tenant ready?", "Is the tenant ready")]:
        p = pick()
        i = line_of(p, "## Overview") + 2
        p.lines[i + 1:i + 1] = [""] + text.split("\n")
        note(p, needle, kind)
    p = pick("en")  # a Japanese page saved in the English folder without its suffix
    english = LANGS["en"]["words"]
    p.lines = [LANGS["ja"]["words"] if l == english else l for l in p.lines]
    note(p, "Stage:", "text-language-mismatch")
    p = pick()  # ms.date in no format
    i = line_of(p, "ms.date:")
    p.lines[i] = "ms.date: 2024-13-45"
    note(p, "ms.date: 2024-13-45", "invalid-date")
    p = pick()  # a YAML line without ': '
    i = line_of(p, "description:")
    p.lines[i] = "description One step of the onboarding playbook."
    note(p, "description One", "yaml-syntax")
    p = pick(pred=lambda p: p.lang not in ("en", "ja"))  # an unknown stage name
    i = line_of(p, LANGS[p.lang]["stage"] + ":")
    p.lines[i] = LANGS[p.lang]["stage"] + ": **Finale**"
    note(p, "**Finale**", "unknown-phase")
    p = pick(pred=lambda p: p.lang != "en")  # a translation that lost a task row
    i, tid = task_row(p)
    del p.lines[i]
    note(p, LANGS[p.lang]["header"][:14], "translation-tasks-differ (row deleted)")


def resolve(planted):
    """Each planted fault at its line (1-based), found by its text."""
    out = []
    for x in planted:
        page = x["page"]
        line = next((i + 1 for i, l in enumerate(page.lines) if x["needle"] in l), None)
        out.append({"file": page.rel(), "line": line, "kind": x["kind"]})
    return sorted(out, key=lambda x: (x["file"], x["line"] or 0))


def judge(folder):
    """Each finding of DIR/findings.json against DIR/planted.json, by file and line: MATCH
    (a planted fault's line), or ----- (to judge by hand); then the planted faults no finding
    is on. A first pass for a hand judgement, not the judgement."""
    with open(os.path.join(folder, "findings.json"), encoding="utf-8") as f:
        findings = json.load(f)["diagnostics"]
    with open(os.path.join(folder, "planted.json"), encoding="utf-8") as f:
        planted = json.load(f)
    line = lambda d: (d.get("position") or {}).get("line")
    for d in findings:
        on = [p for p in planted if p["file"] == d["file"] and p["line"] == line(d)]
        mark = "MATCH" if on else "-----"
        print(mark, d["code"], f"{d['file']}:{line(d)}", "|", d["message"][:150], "|", on[0]["kind"] if on else "")
    for p in planted:
        if not any(d["file"] == p["file"] and line(d) == p["line"] for d in findings):
            print("NO FINDING", p)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out")
    ap.add_argument("--judge", metavar="DIR", help="compare DIR/findings.json with DIR/planted.json")
    ap.add_argument("--pages", type=int, default=15, help="pages per language (at most 15)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.judge:
        return judge(args.judge)
    if not args.out:
        ap.error("--out DIR is required")
    rng = random.Random(args.seed)
    topics = TOPICS[:min(args.pages, len(TOPICS))]
    stages = list(LANGS["en"]["stages"])
    pages = []
    for n, topic in enumerate(topics):
        stage = stages[n * len(stages) // len(topics)]
        tasks = [(1000 + 10 * n + k, rng.choice("MO"), None, rng.choice(SERVICES)) for k in range(3)]
        newest = (2024, rng.randint(3, 11), rng.randint(13, 28))
        dates = [newest, (2024, 2, 13), (2023, rng.randint(1, 12), rng.randint(13, 28))]
        others = [t for t in topics if t != topic]
        links = [(rng.choice(others), "")]
        for lang, spec in LANGS.items():
            role = lambda k: spec["roles"][(n + k) % 3]
            page_tasks = [(t, mo, role(k), svc) for k, (t, mo, _, svc) in enumerate(tasks)]
            pages.append(Page(lang, topic, stage, page_tasks, dates, links))
    for p in pages:
        p.render()
    planted = []
    plant(pages, rng, planted)
    for p in pages:
        path = os.path.join(args.out, "content", p.rel())
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(p.lines))
    with open(os.path.join(args.out, "site.toml"), "w", encoding="utf-8") as f:
        f.write(site_toml())
    with open(os.path.join(args.out, "planted.json"), "w", encoding="utf-8") as f:
        json.dump(resolve(planted), f, indent=1, ensure_ascii=False)
    print(f"{len(pages)} pages, {len(planted)} faults planted: {args.out}/planted.json")


def site_toml():
    out = ['title = "Onboarding playbook"', 'default_language = "en"',
           'phases = ["kickoff", "plan", "deploy", "adopt"]', "",
           "[metadata]", 'required = ["title", "description", "author", "ms.author", "ms.date", "ms.topic"]',
           '[metadata.fields."ms.topic"]', 'values = ["playbook"]', ""]
    for code, s in LANGS.items():
        out += ["[[languages]]", f'code = "{code}"', f'name = "{code}"', f'folder = "{s["folder"]}"']
        if s["suffix"]:
            out.append(f'suffix = "{s["suffix"]}"')
        out += ["[languages.vocabulary]", f'phase_labels = ["{s["stage"]}"]', f'task_id_headers = ["{s["task"]}"]',
                'mandatory_codes = ["M"]', 'optional_codes = ["O"]', f'refresh_headings = ["{s["log"]}"]',
                f'date_formats = ["{s["dates"]}"]', f'maintenance_rows = ["{s["maint"]}"]',
                "roles = [" + ", ".join(f'"{r}"' for r in s["roles"]) + "]",
                "services = [" + ", ".join(f'"{x}"' for x in SERVICES) + "]",
                "[languages.vocabulary.phases]"]
        out += [f'{k} = ["{v}"]' for k, v in s["stages"].items()]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    main()
