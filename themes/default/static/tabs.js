/* DocFX tab groups. Without this script every panel shows under its label (and in print);
   with it, the labels become an ARIA tab list (arrow keys, Home, End). Choosing a tab chooses
   the tab of the same id in every group of the page and shows the dependent tabs
   (`#tab/id/condition`) of that condition; `?tabs=a,b` in the address chooses on load. */
(function () {
  var groups = [].slice.call(document.querySelectorAll("[data-tabs]"));
  if (!groups.length) return;
  var chosen = [];
  var query = /[?&]tabs=([^&#]*)/.exec(location.search);
  if (query) chosen = decodeURIComponent(query[1]).split(",").filter(Boolean);
  var count = 0;
  function ids(panel) { return panel.getAttribute("data-tab").split("+"); }
  function rank(panel) {
    var best = Infinity;
    ids(panel).forEach(function (id) { var i = chosen.indexOf(id); if (i >= 0 && i < best) best = i; });
    return best;
  }
  function visible(panel) {
    var c = panel.getAttribute("data-condition");
    return !c || chosen.indexOf(c) >= 0;
  }
  var built = groups.map(function (group) {
    var panels = [].slice.call(group.children).filter(function (el) { return el.classList.contains("tab-panel"); });
    var list = document.createElement("div");
    list.className = "tab-list";
    list.setAttribute("role", "tablist");
    var buttons = panels.map(function (panel) {
      var title = panel.querySelector(".tab-title");
      var button = document.createElement("button");
      count += 1;
      button.type = "button";
      button.id = "tab-" + count;
      button.setAttribute("role", "tab");
      if (!panel.id) panel.id = "tab-panel-" + count;
      button.setAttribute("aria-controls", panel.id);
      button.innerHTML = title ? title.innerHTML : ids(panel)[0];
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      panel.tabIndex = 0;
      button.addEventListener("click", function () { choose(panel, button); });
      list.appendChild(button);
      return button;
    });
    list.addEventListener("keydown", function (e) { move(e, buttons, panels); });
    group.insertBefore(list, group.firstChild);
    group.classList.add("tabs-ready");
    return { panels: panels, buttons: buttons };
  });
  function choose(panel, button) {
    // The other tabs of every group offering this one are no longer chosen.
    var own = ids(panel);
    var drop = [];
    built.forEach(function (g) {
      var theirs = [].concat.apply([], g.panels.map(ids));
      if (own.some(function (id) { return theirs.indexOf(id) >= 0; })) drop = drop.concat(theirs);
    });
    chosen = own.concat(chosen.filter(function (c) { return drop.indexOf(c) < 0; }));
    update();
    button.focus();
    try {
      var url = new URL(location.href);
      url.searchParams.set("tabs", chosen.join(","));
      history.replaceState(history.state, "", url.toString());
    } catch (err) { /* file:// or an old browser: the choice still holds on this page */ }
  }
  function move(e, buttons, panels) {
    var shown = buttons.filter(function (b) { return !b.hidden; });
    var at = shown.indexOf(document.activeElement);
    if (at < 0) return;
    var to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: shown.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    var next = shown[(to + shown.length) % shown.length];
    choose(panels[buttons.indexOf(next)], next);
  }
  function update() {
    built.forEach(function (g) {
      var shown = g.panels.filter(visible);
      var pick = shown.reduce(function (a, p) { return rank(p) < rank(a) ? p : a; }, shown[0]);
      if (pick && rank(pick) === Infinity) chosen = chosen.concat(ids(pick));
      g.panels.forEach(function (panel, i) {
        var button = g.buttons[i];
        var selected = panel === pick;
        button.hidden = shown.indexOf(panel) < 0;
        button.setAttribute("aria-selected", selected ? "true" : "false");
        button.tabIndex = selected ? 0 : -1;
        panel.hidden = !selected;
      });
    });
  }
  update();
})();
