/* Every page: the language switcher remembers the language chosen (for the root page's
   chooser) and keeps the task or section being read. */
document.addEventListener("click", function (e) {
  var a = e.target.closest && e.target.closest("a[data-remember]");
  if (!a) return;
  try { localStorage.setItem("cuaderno-lang", a.getAttribute("data-remember")); } catch (err) {}
  if (a.classList.contains("missing") || a.href.indexOf("#") >= 0 || a.href.indexOf("?") >= 0) return;
  // A task's anchor is its FTOP id, the same in every translation: the switcher keeps it.
  if (/^#task-[\w-]+$/.test(location.hash)) { a.href += location.hash; return; }
  // A section's id differs between languages; a translation with the same sections is
  // opened at the same one, by its place (`?section=N`, read below on arrival).
  var at = sections().indexOf(decodeURIComponent(location.hash.slice(1)));
  if (at >= 0 && a.hasAttribute("data-same-sections")) a.href += "?section=" + at;
});
function sections() {
  return Array.prototype.map.call(document.querySelectorAll("article h2[id], article h3[id]"), function (h) { return h.id; });
}
(function () {
  var n = /[?&]section=(\d+)/.exec(location.search);
  var id = n && sections()[+n[1]];
  if (!id) return;
  try { history.replaceState(null, "", location.pathname + "#" + encodeURIComponent(id)); } catch (e) {}
  var h = document.getElementById(id);
  if (h) h.scrollIntoView();
})();
