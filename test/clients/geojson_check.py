"""Reads palliative.coverage_geojson through psycopg2, as a web map would, and
checks it is valid GeoJSON with one feature per region of the level."""
import json
import sys

import psycopg2

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what)


def valid_ring(ring):
    return (len(ring) >= 4 and ring[0] == ring[-1]
            and all(len(p) == 2 and -180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in ring))


conn = psycopg2.connect("")  # PG* variables
cur = conn.cursor()
for level in ("prefecture", "secondary"):
    cur.execute("SELECT count(*) FROM palliative.region WHERE level = %s AND geom IS NOT NULL", (level,))
    regions = cur.fetchone()[0]
    cur.execute("SELECT palliative.coverage_geojson(%s)", (level,))
    doc = cur.fetchone()[0]
    if isinstance(doc, str):
        doc = json.loads(doc)
    check(doc.get("type") == "FeatureCollection", level + ": a FeatureCollection")
    feats = doc.get("features", [])
    check(len(feats) == regions, "%s: one feature per region (%d features, %d regions)" % (level, len(feats), regions))
    codes = [f["properties"]["region_code"] for f in feats]
    check(len(set(codes)) == len(codes), level + ": region codes are unique")
    ok_geom = True
    for f in feats:
        g = f.get("geometry") or {}
        if f.get("type") != "Feature" or g.get("type") != "MultiPolygon":
            ok_geom = False
            break
        for poly in g["coordinates"]:
            if not all(valid_ring(r) for r in poly):
                ok_geom = False
    check(ok_geom, level + ": every feature is a closed MultiPolygon in lon/lat")
    shares = [f["properties"]["covered_share"] for f in feats]
    check(all(s is None or 0 <= s <= 1 for s in shares), level + ": covered_share is a share")
    check(any(s is not None for s in shares), level + ": coverage was computed")
    json.dumps(doc)  # serialisable back, no NaN or binary
try:
    cur.execute("SELECT palliative.coverage_geojson('county')")
    check(False, "an unknown level is an error")
except psycopg2.Error as e:
    check(e.pgcode == "22023", "an unknown level is 22023 (got %s)" % e.pgcode)
print("psycopg2: %d passed, %d failed" % (passed, failed))
sys.exit(0 if failed == 0 else 1)
