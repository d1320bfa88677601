#!/usr/bin/python3
"""Checks an HTML gap report in headless Chromium at 1280 px wide.

    report_check.py REPORT.html NAME [--inset PREFIX] [--min-labels N]
                    [--screenshot PNG] [--no-data]

Chromium renders the report (a copy with a measuring script appended), and
the script measures, in the rendered page:
  - the map fills its frame: the box around the drawn regions covers at
    least 90% of the SVG's box on the page, which spans most of the page;
  - every region drawn (one path per region and frame) carries a tooltip
    (<title>) with its name and code;
  - every path of a frame > 0 lies within its inset's frame; with --inset,
    a region whose code starts with PREFIX is drawn in an inset;
  - every label stays within the box the generator computed (data-box),
    lies inside its region as drawn (isPointInFill at the box's corners),
    and no two labels overlap (rendered boxes); --min-labels: at least N;
  - with --no-data, some region is drawn grey as "no data" with its reason.
Prints TAP lines "ok - NAME: ..." / "not ok - ..."; exits 1 when one fails.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MEASURE = r"""
<script>
(function () {
  function run() {
    var out = {};
    var svg = document.querySelector('svg.map');
    if (!svg) { out.error = 'no map'; return done(out); }
    var sb = svg.getBoundingClientRect();
    out.svg = [sb.left, sb.top, sb.width, sb.height];
    out.page_width = document.documentElement.clientWidth;
    var paths = Array.prototype.slice.call(svg.querySelectorAll('path.region'));
    var x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    paths.forEach(function (p) {
      var r = p.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top);
      x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    });
    out.drawn = [x0, y0, x1 - x0, y1 - y0];
    out.coverage = (x1 - x0) * (y1 - y0) / (sb.width * sb.height);
    out.paths = paths.length;
    out.codes = Array.from(new Set(paths.map(function (p) { return p.dataset.code; }))).length;
    out.untitled = paths.filter(function (p) {
      var t = p.querySelector('title');
      return !t || t.textContent.indexOf('(' + p.dataset.code + ')') < 0 || t.textContent.length < 12;
    }).map(function (p) { return p.dataset.code; });
    out.nodata = paths.filter(function (p) {
      var t = p.querySelector('title');
      return p.dataset.state === 'no_data' && p.getAttribute('fill') === '#d9d9d9' && t && /no data/.test(t.textContent);
    }).length;
    var frames = {};
    Array.prototype.forEach.call(svg.querySelectorAll('rect.inset-frame'), function (r) {
      frames[r.dataset.frame] = r.getBoundingClientRect();
    });
    out.insets = Object.keys(frames).length;
    out.inset_codes = [];
    out.outside_inset = [];
    paths.forEach(function (p) {
      if (p.dataset.frame === '0') return;
      out.inset_codes.push(p.dataset.code);
      var f = frames[p.dataset.frame], r = p.getBoundingClientRect();
      if (!f || r.left < f.left - 1 || r.right > f.right + 1 || r.top < f.top - 1 || r.bottom > f.bottom + 1)
        out.outside_inset.push(p.dataset.code);
    });
    var labels = Array.prototype.slice.call(svg.querySelectorAll('text.label'));
    out.labels = labels.length;
    out.beyond_box = []; out.not_inside = []; out.overlaps = [];
    var boxes = labels.map(function (t) { return t.getBBox(); });
    labels.forEach(function (t, i) {
      if (!t.dataset.box) { out.beyond_box.push(t.dataset.code || t.textContent); return; }
      var d = t.dataset.box.split(' ').map(Number), b = boxes[i];
      if (b.x < d[0] - 0.5 || b.y < d[1] - 0.5 || b.x + b.width > d[0] + d[2] + 0.5 || b.y + b.height > d[1] + d[3] + 0.5)
        out.beyond_box.push(t.dataset.code);
      var mine = paths.filter(function (p) { return p.dataset.code === t.dataset.code; });
      var corners = [[d[0] + 0.5, d[1] + 0.5], [d[0] + d[2] - 0.5, d[1] + 0.5],
                     [d[0] + 0.5, d[1] + d[3] - 0.5], [d[0] + d[2] - 0.5, d[1] + d[3] - 0.5],
                     [d[0] + d[2] / 2, d[1] + d[3] / 2]];
      var inside = mine.some(function (p) {
        return corners.every(function (c) { var q = svg.createSVGPoint(); q.x = c[0]; q.y = c[1]; return p.isPointInFill(q); });
      });
      if (!inside) out.not_inside.push(t.dataset.code);
      for (var j = 0; j < i; j++) {
        var o = boxes[j];
        if (b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height)
          out.overlaps.push(t.dataset.code + '/' + labels[j].dataset.code);
      }
    });
    done(out);
  }
  function done(out) {
    var pre = document.createElement('pre');
    pre.id = 'report-check';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
  document.fonts.ready.then(function () {
    try { run(); } catch (e) { done({error: String(e)}); }
  });
})();
</script>
"""

CHROME = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--hide-scrollbars", "--window-size=1280,2400"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("name")
    ap.add_argument("--inset")
    ap.add_argument("--min-labels", type=int, default=1)
    ap.add_argument("--screenshot")
    ap.add_argument("--no-data", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp()
    failed = 0
    try:
        html = open(a.report, encoding="utf-8").read()
        page = os.path.join(work, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", MEASURE + "</body>"))
        dom = subprocess.run(CHROME + ["--user-data-dir=" + os.path.join(work, "p1"),
                                       "--virtual-time-budget=10000", "--dump-dom", "file://" + page],
                             capture_output=True, text=True, timeout=180).stdout
        if a.screenshot:
            subprocess.run(CHROME + ["--user-data-dir=" + os.path.join(work, "p2"),
                                     "--screenshot=" + os.path.abspath(a.screenshot), "file://" + os.path.abspath(a.report)],
                           capture_output=True, timeout=180)
        m = re.search(r'<pre id="report-check">(.*?)</pre>', dom, re.S)
        r = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&")) if m else {"error": "no measurement"}
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def check(ok, what):
        nonlocal failed
        print(("ok - " if ok else "not ok - ") + a.name + ": " + what)
        failed += 0 if ok else 1

    if "error" in r:
        check(False, "Chromium measured the page (%s)" % r["error"])
        return 1
    check(r["coverage"] >= 0.9 and r["svg"][2] >= 0.7 * r["page_width"],
          "the drawn regions cover %.0f%% of the map's frame (%.0f x %.0f px on a page %d px wide)"
          % (100 * r["coverage"], r["svg"][2], r["svg"][3], r["page_width"]))
    check(r["paths"] > 0 and not r["untitled"],
          "every region drawn has a tooltip with its name and code (%d paths, %d regions%s)"
          % (r["paths"], r["codes"], "; without: " + ",".join(r["untitled"][:5]) if r["untitled"] else ""))
    check(not r["outside_inset"], "every path of an inset lies within its frame (%d insets%s)"
          % (r["insets"], "; outside: " + ",".join(r["outside_inset"][:5]) if r["outside_inset"] else ""))
    if a.inset:
        hit = sorted(set(c for c in r["inset_codes"] if c.startswith(a.inset)))
        check(bool(hit), "regions %s* are drawn in an inset (%s)" % (a.inset, ",".join(hit) or "none"))
    check(r["labels"] >= a.min_labels and not r["beyond_box"],
          "%d labels, each within the box the generator computed%s"
          % (r["labels"], "; beyond: " + ",".join(r["beyond_box"][:5]) if r["beyond_box"] else ""))
    check(not r["not_inside"], "every label lies inside its region as drawn%s"
          % ("; not: " + ",".join(r["not_inside"][:5]) if r["not_inside"] else ""))
    check(not r["overlaps"], "no two labels overlap%s"
          % ("; overlapping: " + ",".join(r["overlaps"][:5]) if r["overlaps"] else ""))
    if a.no_data:
        check(r["nodata"] > 0, "regions without data are drawn grey with their reason (%d)" % r["nodata"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
