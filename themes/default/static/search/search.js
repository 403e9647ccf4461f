/* Search: the engine (`window.cuadernoEngine(base)`: loads a language's index in pieces with
 * <script> tags, so it works from file:// and under any sub-path, and ranks pages for a
 * query), then the search page's UI when the page has one (results listed as the reader
 * types, linked to the best-matching section). The header box (quick.js) uses the same
 * engine. The index format is described in src/search/mod.rs. */
(function () {
  "use strict";
  var MAX_QUERY = 200, MAX_WORDS = 12, PAGE = 10, EXPANSIONS = 64, RERANK = 20;
  if (!window.cuadernoAnalyze) return;

  window.cuadernoEngine = function (base) {
    /* Files announce themselves with cuadernoSearch.add(name, data). */
    var loaded = {}, pending = {};
    window.cuadernoSearch = window.cuadernoSearch || {};
    window.cuadernoSearch.add = function (name, value) {
      loaded[name] = value;
      (pending[name] || []).forEach(function (p) { p.resolve(value); });
        delete pending[name];
    };
    function load(name, version) {
      if (Object.prototype.hasOwnProperty.call(loaded, name)) return Promise.resolve(loaded[name]);
      return new Promise(function (resolve, reject) {
        if (pending[name]) return pending[name].push({ resolve: resolve, reject: reject });
        pending[name] = [{ resolve: resolve, reject: reject }];
        var s = document.createElement("script");
        s.src = base + name + ".js" + (version ? "?v=" + version : "");
        s.onerror = function () {
          (pending[name] || []).forEach(function (p) { p.reject(new Error(name)); });
          delete pending[name];
        };
        document.head.appendChild(s);
      });
    }

    var manifest = null, analyzer = null;
    function ready() {
      if (manifest) return Promise.resolve();
      return load("index").then(function (m) {
        manifest = m;
        var stem = m.stemmer !== "none" && window.cuadernoStemmers && window.cuadernoStemmers[m.stemmer];
        analyzer = new window.cuadernoAnalyze.Analyzer(stem || null, m.stop);
      });
    }

    function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

    /* The index of the shard that holds `term` (shards are ranges of sorted terms). */
    function shardOf(term) {
      var lo = 0, hi = manifest.shards.length - 1, found = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (manifest.shards[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return found;
    }
    function shard(i) { return i < 0 ? Promise.resolve({}) : load("t" + i, manifest.id); }

    /* Postings are strings (src/search/codec.rs): base-32 varints, three a posting (page id as
     * the distance from the previous one, score, section); decoded to [page, score, section...]. */
    var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var CODE = {};
    for (var a = 0; a < 64; a++) CODE[ALPHABET.charCodeAt(a)] = a;
    var decoded = {};
    function postingsOf(s, term) {
      if (has(decoded, term)) return decoded[term];
      var text = s[term], out = [], value = 0, scale = 1, k = 0, page = 0;
      for (var i = 0; i < text.length; i++) {
        var d = CODE[text.charCodeAt(i)];
        if (d === undefined) break;
        if (d >= 32) { value += (d - 32) * scale; scale *= 32; continue; }
        value += d * scale;
        if (k % 3 === 0) { page += value; out.push(page); } else out.push(value);
        k++; value = 0; scale = 1;
      }
      return (decoded[term] = out.length % 3 ? out.slice(0, out.length - out.length % 3) : out);
    }
    function exact(term) {
      return shard(shardOf(term)).then(function (s) { return has(s, term) ? [[term, postingsOf(s, term)]] : []; });
    }
    /* Terms that start with `prefix` (at most three shards, at most EXPANSIONS terms). */
    function prefixed(prefix) {
      var first = Math.max(shardOf(prefix), 0), last = Math.min(shardOf(prefix + "\uffff"), first + 2);
      var loads = [];
      for (var i = first; i <= last; i++) loads.push(shard(i));
      return Promise.all(loads).then(function (shards) {
        var out = [];
        shards.forEach(function (s) {
          for (var t in s) if (has(s, t) && t.startsWith(prefix) && out.length < EXPANSIONS) out.push([t, postingsOf(s, t)]);
        });
        return out;
      });
    }

    /* The query as words, each a list of alternative terms; the last word, while the reader is
     * still typing it, also matches longer terms (and stems a few letters shorter). */
    function words(query, typing) {
      var units = window.cuadernoAnalyze.units(query).slice(0, MAX_WORDS * 4);
      var out = [];
      units.forEach(function (u, i) {
        var last = typing && i === units.length - 1;
        var terms = analyzer.terms(u);
        var prefix = null;
        if (last || (u.cjk && Array.from(u.text).length === 1)) {
          var p = window.cuadernoAnalyze.fold(u.text.toLowerCase());
          if (Array.from(p).length >= (u.cjk ? 1 : 2) && !analyzer.stop.has(p)) prefix = p;
        }
        if (terms.length || prefix) out.push({ terms: terms, prefix: prefix });
      });
      return out.slice(0, MAX_WORDS);
    }

    function lookup(word) {
      var jobs = word.terms.map(exact);
      if (word.prefix) {
        jobs.push(prefixed(word.prefix));
        var chars = Array.from(word.prefix);
        for (var n = Math.max(3, chars.length - 3); n < chars.length; n++) jobs.push(exact(chars.slice(0, n).join("")));
      }
      return Promise.all(jobs).then(function (lists) {
        var seen = {}, out = [];
        lists.forEach(function (l, k) {
          l.forEach(function (tp) {
            if (has(seen, tp[0])) return;
            seen[tp[0]] = true;
            out.push({ term: tp[0], postings: tp[1], weight: k < word.terms.length ? 1 : 0.8 });
          });
        });
        return out;
      });
    }

    /* Ranks pages: per word the best of its terms (score × idf); pages with every word first. */
    function rank(perWord) {
      var n = manifest.n, docs = {};
      perWord.forEach(function (matches, w) {
        matches.forEach(function (m) {
          var df = m.postings.length / 3;
          var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          for (var i = 0; i < m.postings.length; i += 3) {
            var d = m.postings[i], s = m.postings[i + 1] * idf * m.weight;
            var doc = docs[d] || (docs[d] = { id: d, words: {}, score: 0, best: -1, section: 0, terms: [] });
            doc.terms.push(m.term);
            if (!has(doc.words, w) || doc.words[w] < s) doc.words[w] = s;
            if (s > doc.best) { doc.best = s; doc.section = m.postings[i + 2]; }
          }
        });
      });
      var all = Object.keys(docs).map(function (k) {
        var d = docs[k];
        d.matched = Object.keys(d.words).length;
        d.score = Object.keys(d.words).reduce(function (a, w) { return a + d.words[w]; }, 0);
        return d;
      });
      // Pages with every word, when there are any; else pages with some, most words first.
      var full = all.filter(function (d) { return d.matched === perWord.length; });
      return (full.length ? full : all)
        .sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.id - b.id; });
    }

    function taskFor(query) {
      var m = /^\s*#?\s*([\p{L}\p{N}][\p{L}\p{N}._-]*)\s*$/u.exec(query);
      if (!m || !/\d/.test(m[1]) || !manifest.tasks) return Promise.resolve(null);
      return load("tasks", manifest.id).then(function (t) {
        return has(t, m[1]) ? { id: m[1], href: t[m[1]][0], name: t[m[1]][1], page: t[m[1]][2] } : null;
      });
    }

    /* The units of `text` whose terms the query matched. */
    function matches(text, terms) {
      return window.cuadernoAnalyze.units(text).filter(function (u) {
        return analyzer.terms(u).some(function (t) { return terms.has(t); });
      });
    }

    /* The text to quote: the best section's when it has a match, else the first section's that
     * has one, else the best section's (or the first non-empty). */
    function quoted(doc, best, terms) {
      var order = [best].concat(doc.s.map(function (_, k) { return k; }).filter(function (k) { return k !== best; }));
      for (var i = 0; i < order.length; i++) {
        var text = doc.s[order[i]][2];
        var m = text ? matches(text, terms) : [];
        if (m.length) return { text: text, marks: m };
      }
      var fallback = doc.s[best][2] || (doc.s.find(function (x) { return x[2]; }) || ["", "", ""])[2];
      return { text: fallback, marks: [] };
    }

    /* The records of these results (a file holds `manifest.b` of them). */
    function records(results) {
      var b = manifest.b;
      return Promise.all(results.map(function (d) {
        return load("d" + Math.floor(d.id / b), manifest.id).then(function (file) { return file[d.id % b]; });
      }));
    }

    /* The first pages again, those whose title has more of the query's words first: a reader
     * typing a page's title expects that page before pages that only use its words often. */
    function byTitle(ranked, ws) {
      var top = ranked.slice(0, RERANK);
      var fold = window.cuadernoAnalyze.fold;
      return records(top).then(function (docs) {
        top.forEach(function (d, i) {
          var terms = {}, raw = [];
          window.cuadernoAnalyze.units(docs[i].t).forEach(function (u) {
            analyzer.terms(u).forEach(function (t) { terms[t] = true; });
            raw.push(fold(u.text.toLowerCase()));
          });
          d.title = ws.filter(function (w) {
            return w.terms.some(function (t) { return has(terms, t); }) ||
              (w.prefix && raw.some(function (t) { return t.startsWith(w.prefix); }));
          }).length;
        });
        top.sort(function (a, b) {
          return b.matched - a.matched || b.title - a.title || b.score - a.score || a.id - b.id;
        });
        return top.concat(ranked.slice(RERANK));
      });
    }

    /* The pages that match `query` (ranked) and the task it names, if any. */
    function find(query, typing) {
      query = query.slice(0, MAX_QUERY);
      var ws;
      return ready().then(function () {
        ws = words(query, typing);
        return Promise.all([taskFor(query), Promise.all(ws.map(lookup))]);
      }).then(function (r) {
        var ranked = r[1].length ? rank(r[1]) : [];
        return byTitle(ranked, ws).then(function (sorted) { return { task: r[0], ranked: sorted }; });
      });
    }

    return { ready: ready, find: find, records: records, quoted: quoted };
  };

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;
  var data = form.dataset;
  var engine = window.cuadernoEngine(data.index);
  var more = document.getElementById("search-more");
  /* Runs a query as if submitted, without leaving for a task: resolves when results show. */
  window.cuadernoSearch.run = function (query) { input.value = query; return run(query, false, false); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* A short excerpt around the first match, the matches marked. */
  function excerpt(q) {
    var p = el("p", "excerpt"), text = q.text, marks = q.marks;
    var from = marks.length ? Math.max(0, marks[0].start - 60) : 0;
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < marks[0].start) from = sp + 1; }
    var to = Math.min(text.length, from + 220);
    var at = from;
    if (from > 0) p.appendChild(document.createTextNode("… "));
    marks.forEach(function (u) {
      if (u.start < at || u.end > to) return;
      p.appendChild(document.createTextNode(text.slice(at, u.start)));
      p.appendChild(el("mark", null, text.slice(u.start, u.end)));
      at = u.end;
    });
    p.appendChild(document.createTextNode(text.slice(at, to) + (to < text.length ? " …" : "")));
    return p;
  }

  function say(template, query, count) {
    status.textContent = template.replace("{q}", query).replace("{n}", String(count));
  }

  var generation = 0;
  function run(query, typing, jump) {
    var mine = ++generation;
    query = query.slice(0, MAX_QUERY);
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      if (more) more.hidden = true;
      return Promise.resolve();
    }
    return engine.find(query, typing).then(function (r) {
      if (mine !== generation) return;
      var task = r.task, ranked = r.ranked;
      if (task && jump) { location.replace(task.href); return; }
      return engine.records(ranked.slice(0, PAGE)).then(function (docs) {
        if (mine !== generation) return;
        list.replaceChildren();
        if (task) list.appendChild(taskItem(task));
        append(ranked.slice(0, PAGE), docs);
        shown = { query: query, ranked: ranked, count: PAGE, generation: mine };
        if (!ranked.length && !task) say(data.none, query, 0);
        else say(ranked.length + (task ? 1 : 0) === 1 ? data.one : data.many, query, ranked.length + (task ? 1 : 0));
        if (more) more.hidden = ranked.length <= PAGE;
      });
    }).catch(function () {
      if (mine === generation) say(data.failed, query, 0);
    });
  }

  function taskItem(task) {
    var li = el("li", "task-result");
    var a = el("a", null, data.task + " " + task.id + ": " + task.name);
    a.href = task.href;
    li.appendChild(a);
    li.appendChild(el("p", "section", task.page));
    return li;
  }

  /* Adds results to the list: title linked to the best section, its heading, an excerpt. */
  function append(results, docs) {
    results.forEach(function (d, i) {
      var doc = docs[i], best = doc.s[d.section] ? d.section : 0, sec = doc.s[best];
      var li = el("li");
      var a = el("a", null, doc.t);
      a.href = doc.u + (sec[0] ? "#" + sec[0] : "");
      li.appendChild(a);
      if (doc.c) li.appendChild(el("span", "badge", data.untranslated));
      if (sec[1] && sec[1] !== doc.t) li.appendChild(el("p", "section", sec[1]));
      var q = engine.quoted(doc, best, new Set(d.terms));
      if (q.text) li.appendChild(excerpt(q));
      list.appendChild(li);
    });
  }

  /* The results shown so far, for "more results". */
  var shown = null;
  if (more) {
    more.addEventListener("click", function () {
      if (!shown || shown.generation !== generation) return;
      var next = shown.ranked.slice(shown.count, shown.count + PAGE), state = shown;
      engine.records(next).then(function (docs) {
        if (state !== shown) return;
        append(next, docs);
        state.count += PAGE;
        more.hidden = state.count >= state.ranked.length;
      });
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value;
      try { history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname); } catch (e) { /* file: */ }
      run(q, !/\s$/.test(q), false);
    }, 80);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value, false, true);
  });
  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial.slice(0, MAX_QUERY);
  if (initial) run(initial, false, true);
})();
