/* Pages with an "On this page" list: the section being read is marked in it
   (aria-current="location"), and the "#" link of a heading or a task row also copies its address
   (without script it stays a plain link). */
(function () {
  var script = document.currentScript;
  var copied = (script && script.getAttribute("data-copied")) || "";
  var links = Array.prototype.slice.call(document.querySelectorAll(".on-this-page a[href^='#']"));
  var targets = links.map(function (a) {
    return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
  });
  var pending = false;
  function mark() {
    pending = false;
    var current = -1;
    for (var i = 0; i < targets.length; i++) {
      if (targets[i] && targets[i].getBoundingClientRect().top < 32) current = i;
    }
    if (current < 0 && targets.length) current = 0;
    links.forEach(function (a, i) {
      if (i === current) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    });
  }
  if (links.length) {
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; setTimeout(mark, 50); }
    }, { passive: true });
    window.addEventListener("hashchange", mark);
    mark();
  }
  var status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.anchor");
    if (!a || !navigator.clipboard) return;
    navigator.clipboard.writeText(a.href).then(function () {
      a.setAttribute("data-copied", "");
      status.textContent = copied;
      setTimeout(function () { a.removeAttribute("data-copied"); status.textContent = ""; }, 1500);
    }, function () { /* not allowed: the link still goes to the section */ });
  });
})();
