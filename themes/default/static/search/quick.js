/* The header's search box, as the reader types: the first results under the box, arrow keys
 * and Enter to open one, Escape to close; `/` or Ctrl+K (⌘K) focuses the box from anywhere.
 * The engine (search.js, with the analyzer and the stemmer) and the index load when the box
 * is first focused, by <script> tags, so it works from file://. Without JavaScript the box is
 * a plain form that opens the search page. */
(function () {
  "use strict";
  var form = document.querySelector("form.search-box");
  var input = form && form.querySelector("input[name=q]");
  if (!input || !form.dataset.scripts) return;
  var SHOW = 8;
  var data = form.dataset;
  var base = form.getAttribute("action").replace(/[^\/]*$/, "") + "search/";
  var box = document.createElement("ul");
  box.id = "quick-results";
  box.className = "quick-results";
  box.setAttribute("role", "listbox");
  box.setAttribute("aria-label", input.getAttribute("aria-label") || "");
  box.hidden = true;
  form.appendChild(box);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", box.id);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("autocomplete", "off");

  var engine = null, loading = null;
  function script(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  function start() {
    if (!loading) {
      loading = data.scripts.split(" ").filter(Boolean).reduce(function (p, src) {
        return p.then(function () { return script(src); });
      }, Promise.resolve()).then(function () {
        engine = window.cuadernoEngine(base);
        return engine.ready();
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function option(n, href, title, detail) {
    var li = document.createElement("li");
    li.id = "quick-" + n;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var a = document.createElement("a");
    a.href = href;
    a.tabIndex = -1;
    a.textContent = title;
    li.appendChild(a);
    if (detail) {
      var d = document.createElement("span");
      d.className = "detail";
      d.textContent = detail;
      a.appendChild(d);
    }
    return li;
  }

  function show(items) {
    box.replaceChildren.apply(box, items);
    box.hidden = !items.length;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  var generation = 0, timer = 0, active = -1;
  function run() {
    var query = input.value, mine = ++generation;
    if (!query.trim()) return show([]);
    start().then(function () {
      return engine.find(query, !/\s$/.test(query));
    }).then(function (r) {
      if (mine !== generation) return;
      var top = r.ranked.slice(0, SHOW);
      return engine.records(top).then(function (docs) {
        if (mine !== generation) return;
        var items = [];
        if (r.task) items.push(option(items.length, r.task.href, r.task.id + ": " + r.task.name, r.task.page));
        top.forEach(function (d, i) {
          var doc = docs[i], sec = doc.s[d.section] || doc.s[0] || ["", ""];
          var detail = sec[1] && sec[1] !== doc.t ? sec[1] : "";
          items.push(option(items.length, doc.u + (sec[0] ? "#" + sec[0] : ""), doc.t, detail));
        });
        var all = option(items.length, form.getAttribute("action") + "?q=" + encodeURIComponent(query),
          (data.all || "{q}").replace("{q}", query), "");
        all.classList.add("all");
        items.push(all);
        show(items);
      });
    }).catch(function () { if (mine === generation) show([]); });
  }

  function move(by) {
    var items = box.children;
    if (box.hidden || !items.length) return;
    if (active >= 0) items[active].setAttribute("aria-selected", "false");
    active = (active + 1 + by + items.length + 1) % (items.length + 1) - 1;
    if (active < 0) return input.removeAttribute("aria-activedescendant");
    items[active].setAttribute("aria-selected", "true");
    items[active].scrollIntoView({ block: "nearest" });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  input.addEventListener("focus", function () { start(); if (input.value.trim() && box.hidden) run(); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 30);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter" && active >= 0 && !box.hidden) {
      e.preventDefault();
      location.href = box.children[active].querySelector("a").href;
    } else if (e.key === "Escape") {
      if (box.hidden) input.blur(); else show([]);
    }
  });
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) { generation++; show([]); }
  });
  // A click on a result must not blur the box first (that would close the list).
  box.addEventListener("mousedown", function (e) { e.preventDefault(); });

  /* `/` (outside a text field) and Ctrl+K / ⌘K focus the box; on a phone, where the box is
   * hidden, they open the search page. */
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    var slash = e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
    var k = (e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey;
    if (!slash && !k) return;
    e.preventDefault();
    if (input.offsetParent === null) { location.href = form.getAttribute("action"); return; }
    input.focus();
    input.select();
  });
})();
