// cuaderno serve: live reload and the diagnostics overlay. Injected into served pages only.
(function () {
  "use strict";
  var config = window.__cuaderno || {};
  var token = config.token;
  var key = "cuaderno-scroll:" + location.pathname;

  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var y = parseInt(saved, 10);
      var restore = function () { window.scrollTo(0, y); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be disabled */ }

  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }

  // The poll is aborted when the page goes: a browser keeps at most six connections to a
  // host, and polls left waiting would stall the next pages' loads until they time out.
  // A page restored from the back-forward cache polls again.
  var aborter = null;
  window.addEventListener("pagehide", function () { if (aborter) aborter.abort(); });
  window.addEventListener("pageshow", function (e) { if (e.persisted) start(); });
  function start() {
    aborter = window.AbortController ? new AbortController() : null;
    poll();
  }

  function poll() {
    fetch("/__cuaderno/poll?token=" + encodeURIComponent(token),
      { cache: "no-store", signal: aborter ? aborter.signal : undefined })
      .then(function (r) { return r.json(); })
      .then(function (d) { if (d.token && d.token !== token) reload(); else poll(); })
      .catch(function () { // the server is restarting: try again (unless the page went)
        if (!aborter || !aborter.signal.aborted) setTimeout(poll, 1000);
      });
  }

  function el(tag, text, style) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) e.setAttribute("style", style);
    return e;
  }

  var colors = { error: "#cf222e", warning: "#9a6700", note: "#0969da" };

  function overlay(data) {
    var old = document.getElementById("cuaderno-overlay");
    if (old) old.remove();
    var items = data.diagnostics || [];
    if (!data.error && items.length === 0) return;
    var box = el("aside", null, "position:fixed;right:1rem;bottom:1rem;z-index:2147483647;max-width:min(42rem,calc(100vw - 2rem));max-height:50vh;overflow:auto;background:#fff;color:#1b1f24;border:2px solid #cf222e;border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif;padding:.75rem 1rem");
    box.id = "cuaderno-overlay";
    box.setAttribute("role", "alert");
    var site = data.site || {};
    var head = el("div", null, "display:flex;justify-content:space-between;gap:1rem;font-weight:700;margin-bottom:.4rem;padding-right:1.5rem");
    head.appendChild(el("span", "cuaderno: " + items.length + " problem(s) on this page"));
    head.appendChild(el("span", "site: " + site.errors + " error(s), " + site.warnings + " warning(s)", "font-weight:400;color:#57606a"));
    box.appendChild(head);
    if (data.error) {
      var pre = el("pre", "build failed, showing the last good build:\n" + data.error, "white-space:pre-wrap;color:#cf222e;margin:.3rem 0");
      pre.className = "cuaderno-build-error";
      box.appendChild(pre);
    }
    var list = el("ul", null, "list-style:none;margin:0;padding:0");
    items.forEach(function (d) {
      var li = el("li", null, "margin:.3rem 0;border-left:4px solid " + (colors[d.severity] || "#57606a") + ";padding-left:.5rem");
      li.className = "cuaderno-diagnostic cuaderno-" + d.severity;
      var where = d.file + (d.position ? ":" + d.position.line + ":" + d.position.column : "");
      li.appendChild(el("code", where, "font-size:12px;color:#57606a"));
      li.appendChild(el("div", d.severity + "[" + d.code + "]: " + d.message));
      if (d.help) li.appendChild(el("div", "help: " + d.help, "color:#57606a"));
      list.appendChild(li);
    });
    box.appendChild(list);
    var close = el("button", "×", "position:absolute;top:.2rem;right:.4rem;border:0;background:none;font-size:18px;cursor:pointer");
    close.setAttribute("aria-label", "Hide");
    close.onclick = function () { box.remove(); };
    box.style.position = "fixed";
    box.appendChild(close);
    document.body.appendChild(box);
  }

  fetch("/__cuaderno/diagnostics?page=" + encodeURIComponent(config.page || ""), { cache: "no-store" })
    .then(function (r) { return r.json(); })
    .then(overlay)
    .catch(function () { /* no overlay without a server */ });
  start();
})();
