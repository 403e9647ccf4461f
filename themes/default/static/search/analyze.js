/* Text to search terms in the browser: the twin of cuaderno's src/search/analyze.rs (read
 * that file's comment for the rules). tests/search.rs runs both on the same texts and
 * requires the same terms. Positions are UTF-16 indexes, for marking matches in excerpts. */
(function (root) {
  "use strict";
  var WORD = /^[\p{Alphabetic}\p{N}\p{M}]$/u;
  var MARK = /\p{M}/gu;
  var SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i" };

  function isCjk(cp) {
    return (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3040 && cp <= 0x30ff) ||
      (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xff66 && cp <= 0xff9f) || (cp >= 0x20000 && cp <= 0x2ffff);
  }

  function fold(text) {
    if (!/[^\x00-\x7f]/.test(text)) return text;
    var out = "";
    for (var ch of text.normalize("NFD").replace(MARK, "")) out += SPELLED[ch] || ch;
    return out;
  }

  /* Units of `text`: {cjk, text, start, end}, in order. */
  function units(text) {
    var out = [];
    var run = null;
    var i = 0;
    function close() {
      if (!run) return;
      var s = text.slice(run.start, i);
      if (!run.cjk) {
        out.push({ cjk: false, text: s, start: run.start, end: i });
      } else {
        var chars = Array.from(s);
        var at = run.start;
        var starts = chars.map(function (c) { var a = at; at += c.length; return a; });
        if (chars.length === 1) out.push({ cjk: true, text: s, start: run.start, end: i });
        for (var k = 0; k + 1 < chars.length; k++) {
          out.push({ cjk: true, text: chars[k] + chars[k + 1], start: starts[k],
            end: starts[k + 1] + chars[k + 1].length });
        }
      }
      run = null;
    }
    for (var ch of text) {
      var word = WORD.test(ch);
      var cjk = word && isCjk(ch.codePointAt(0));
      if (run && (!word || cjk !== run.cjk)) close();
      if (word && !run) run = { start: i, cjk: cjk };
      i += ch.length;
    }
    close();
    return out;
  }

  function Analyzer(stem, stopWords) {
    this.stem = stem || function (w) { return w; };
    this.stop = new Set((stopWords || []).map(function (w) { return fold(w.toLowerCase()); }));
  }

  /* The terms of one unit: none for a stop word or a lone letter. */
  Analyzer.prototype.terms = function (unit) {
    if (unit.cjk) return [unit.text];
    var lower = unit.text.toLowerCase();
    var folded = fold(lower);
    if (Array.from(folded).length < 2 || this.stop.has(folded)) return [];
    var first = fold(this.stem(lower));
    if (folded !== lower) {
      var second = this.stem(folded);
      if (second !== first) return [first, second];
    }
    return [first];
  };

  /* Every unit's terms, in order (units without terms left out). */
  Analyzer.prototype.analyze = function (text) {
    var self = this;
    return units(text).map(function (u) { return self.terms(u); })
      .filter(function (t) { return t.length > 0; });
  };

  var api = { Analyzer: Analyzer, units: units, fold: fold, isCjk: isCjk };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.cuadernoAnalyze = api;
})(this);
