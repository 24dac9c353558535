"""The page's style and its one script (no library, nothing fetched): sorting and filtering the
scorecard. Without the script the scorecard is a plain table and the filters stay hidden.

Sorting 10,000 rows stays quick: a column's keys are read once (numbers parsed; texts ranked by one
collated sort of their distinct values), then a sort is a sort of integers and one re-append."""
from __future__ import annotations

FONTS = ('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", '
         '"WenQuanYi Micro Hei", sans-serif')

PAGE = 500  # rows of a long table shown at once (all of them without the script)

CSS = """
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;font-family:%(fonts)s;font-size:14px;line-height:1.5;color:#1f2328;background:#f6f7f9}
header,main{max-width:1280px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
h3{font-size:14px;margin:14px 0 4px}
a{color:#0b57d0;text-decoration:none}a:hover{text-decoration:underline}
nav a{margin-right:14px}
.meta{color:#57606a;margin:2px 0}
.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0 16px}
.tile{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 16px;min-width:140px}
.tile b{display:block;font-size:24px}.tile span{color:#57606a}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:14px}
figure{margin:0;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;overflow-x:auto}
figcaption{font-weight:600;margin-bottom:6px}
svg.chart{max-width:100%%;height:auto;font-family:inherit;font-size:12px}
svg text{fill:#1f2328}svg text.v{fill:#57606a}svg text.in{fill:#fff;font-size:11px}
.axis{stroke:#8c959f}
.legend{font-size:12px;color:#57606a}.legend span{display:inline-block;margin-right:12px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
.a-S{fill:#4e79a7;background:#4e79a7}.a-T{fill:#f28e2b;background:#f28e2b}.a-N{fill:#76b7b2;background:#76b7b2}
.a-C{fill:#e15759;background:#e15759}.a-F{fill:#59a14f;background:#59a14f}.a-Y{fill:#edc948;background:#edc948}
.a-X{fill:#b07aa1;background:#b07aa1}.a-P{fill:#9c755f;background:#9c755f}.a-{fill:#bab0ac;background:#bab0ac}
.t-2021{fill:#4e79a7;background:#4e79a7}.t-2019{fill:#f28e2b;background:#f28e2b}.t-{fill:#bab0ac;background:#bab0ac}.t-other{fill:#76b7b2;background:#76b7b2}
.st-pass{fill:#2da44e;background:#2da44e}.st-fail{fill:#cf222e;background:#cf222e}
.st-unknown{fill:#bf8700;background:#bf8700}.st-na{fill:#afb8c1;background:#afb8c1}
.err{fill:#cf222e}.score{fill:#4e79a7}
.note{color:#57606a}
#controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}
#controls input,#controls select{font:inherit;padding:3px 6px}
#controls input{width:260px}
.wrap{max-height:75vh;overflow:auto;border:1px solid #d0d7de;border-radius:6px;background:#fff}
table{border-collapse:collapse;width:100%%;background:#fff}
th,td{padding:3px 5px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#f0f3f6;z-index:1;word-break:keep-all}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.n,th.n{text-align:right}td.p{word-break:break-all;min-width:180px}
#score tbody tr:nth-child(even){background:#f8f9fb}
#score td.i-p{color:#2da44e}#score td.i-f{color:#cf222e}#score td.i-u{color:#bf8700}#score td.i-n{color:#8c959f}
table.paged:not(.js)>tbody>tr:nth-child(n+%(first_hidden)d){display:none}
.pager{display:flex;gap:10px;align-items:center;margin:6px 0;color:#57606a}
.pager button{font:inherit;padding:2px 10px}
tr:target{outline:2px solid #0b57d0}
#agency svg{width:72px;height:20px;vertical-align:middle;margin-right:6px}
#agency polyline{fill:none;stroke:#4e79a7;stroke-width:1.5;stroke-linejoin:round}
#agency td:first-child{min-width:9em;max-width:16em;word-break:break-all}
#agency td span{display:block;color:#57606a;font-size:12px;white-space:nowrap}
.rep{content-visibility:auto;contain-intrinsic-size:auto 160px;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:4px 12px 8px;margin:10px 0}
.rep:target{outline:2px solid #0b57d0}
.rep ol{margin:4px 0;padding-left:22px}.rep li{margin:6px 0}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}
.sev-error .code{color:#cf222e}.sev-warning .code{color:#9a6700}.sev-info .code{color:#57606a}
.pos{font-family:ui-monospace,Menlo,Consolas,monospace;color:#57606a;word-break:break-all}
.place{color:#57606a}
.q{display:block;white-space:pre-wrap;word-break:break-all;background:#f6f8fa;border-left:3px solid #d0d7de;
   padding:2px 8px;margin:3px 0;font-family:inherit}
.rel{margin:2px 0;color:#57606a;font-size:13px}
.more{color:#9a6700}
""" % {"fonts": FONTS, "first_hidden": PAGE + 1}

# In <head>: without the script every row of a long table shows.
NOSCRIPT = ("<noscript><style>table.paged>tbody>tr:nth-child(n+%d){display:table-row!important}"
            "</style></noscript>" % (PAGE + 1))

SCRIPT = r"""
(function () {
  "use strict";
  var root = document.documentElement, SIZE = %(page)d, pagers = {};
  var slice = function (list) { return Array.prototype.slice.call(list); };
  var pager = function (table) {
    var box = document.getElementById(table.id + "-pager"), all = slice(table.tBodies[0].rows), list = all, page = 0;
    var label = box.querySelector("span"), prev = box.querySelector(".prev"), next = box.querySelector(".next");
    var say = box.getAttribute("data-say");
    var show = function () {
      var pages = Math.max(1, Math.ceil(list.length / SIZE)), i;
      page = Math.min(Math.max(page, 0), pages - 1);
      var first = page * SIZE, last = Math.min(list.length, first + SIZE);
      for (i = 0; i < all.length; i++) all[i].hidden = true;
      for (i = first; i < last; i++) list[i].hidden = false;
      label.textContent = say.replace("{first}", list.length ? first + 1 : 0).replace("{last}", last)
        .replace("{total}", list.length);
      prev.disabled = page === 0;
      next.disabled = last >= list.length;
      box.hidden = pages < 2;
    };
    prev.addEventListener("click", function () { page--; show(); });
    next.addEventListener("click", function () { page++; show(); });
    show();
    table.classList.add("js");
    return {
      set: function (rows) { list = rows; page = 0; show(); },
      reveal: function (row) {
        var at = list.indexOf(row);
        if (at < 0) return false;
        page = Math.floor(at / SIZE);
        show();
        return true;
      }
    };
  };
  slice(document.querySelectorAll("table.paged")).forEach(function (table) { pagers[table.id] = pager(table); });

  var table = document.getElementById("score"), reset = null;
  if (table && table.tBodies.length) {
    var body = table.tBodies[0], rows = slice(body.rows), n = rows.length, order = [], i;
    var heads = table.tHead.rows[0].cells, keys = [], col = {};
    var collator = new Intl.Collator(root.lang || undefined, {numeric: true});
    for (i = 0; i < n; i++) order.push(i);
    for (i = 0; i < heads.length; i++) col[heads[i].getAttribute("data-c")] = i;
    var keyOf = function (c) {
      if (keys[c]) return keys[c];
      var numeric = heads[c].getAttribute("data-t") === "n", k = new Array(n), i;
      for (i = 0; i < n; i++) {
        var text = rows[i].cells[c].textContent;
        if (numeric) { var v = parseFloat(text); k[i] = isNaN(v) ? -Infinity : v; } else k[i] = text;
      }
      if (!numeric) {
        var rank = new Map();
        Array.from(new Set(k)).sort(collator.compare).forEach(function (t, j) { rank.set(t, j); });
        for (i = 0; i < n; i++) k[i] = rank.get(k[i]);
      }
      keys[c] = k;
      return k;
    };
    var q = document.getElementById("q"), fy = document.getElementById("fy"), ft = document.getElementById("ft");
    var fs = document.getElementById("fs"), shown = document.getElementById("shown");
    var texts = new Array(n), flags = new Array(n);
    for (i = 0; i < n; i++) {
      var cells = rows[i].cells;
      texts[i] = (cells[col.path].textContent + "\n" + cells[col.agency].textContent).toLowerCase();
      flags[i] = {
        fail: !!rows[i].querySelector(".i-f"), unknown: !!rows[i].querySelector(".i-u"),
        errors: parseFloat(cells[col.errors].textContent) > 0,
        year: cells[col.year].textContent, template: cells[col.template].textContent
      };
    }
    var apply = function () {
      var s = q.value.trim().toLowerCase(), y = fy.value, t = ft.value, st = fs.value, list = [];
      for (var j = 0; j < n; j++) {
        var i = order[j], f = flags[i];
        if ((!s || texts[i].indexOf(s) >= 0) && (!y || f.year === y) && (!t || f.template === t) && (!st || f[st]))
          list.push(rows[i]);
      }
      shown.textContent = shown.getAttribute("data-say").replace("{shown}", list.length).replace("{total}", n);
      pagers.score.set(list);
    };
    var sortBy = function (c) {
      var th = heads[c], k = keyOf(c), dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      order.sort(function (a, b) { var d = k[a] - k[b]; return (d > 0 ? dir : d < 0 ? -dir : 0) || a - b; });
      for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var frag = document.createDocumentFragment();
      for (i = 0; i < n; i++) frag.appendChild(rows[order[i]]);
      body.appendChild(frag);
      apply();
    };
    slice(heads).forEach(function (th, c) {
      var button = th.querySelector("button");
      if (button) button.addEventListener("click", function () { sortBy(c); });
    });
    [q, fy, ft, fs].forEach(function (el) { el.addEventListener("input", apply); });
    reset = function () { q.value = fy.value = ft.value = fs.value = ""; apply(); };
    document.getElementById("controls").hidden = false;
    apply();
  }
  // a link to a row on another page of its table (or filtered out): show that page, then the row
  var reveal = function () {
    var row = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!row || row.tagName !== "TR" || !row.hidden) return;
    var owner = row.closest("table"), p = owner && pagers[owner.id];
    if (!p) return;
    if (!p.reveal(row) && owner.id === "score" && reset) { reset(); p.reveal(row); }
    row.scrollIntoView();
  };
  window.addEventListener("hashchange", reveal);
  reveal();
  root.setAttribute("data-audit", "ready");
})();
""" % {"page": PAGE}
