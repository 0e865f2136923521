"""The map's GeoJSON of every site, as the public map asks for it."""

import json

from bench.measure import Result, measure_page
from bench.registry import Context, operation

PATH = "/api/v1/sites.geojson"


@operation("sites_geojson")
def sites_geojson(ctx: Context) -> Result:
    """All sites with a position the public may see (cached answer)."""
    result = measure_page(ctx, PATH)
    body = json.loads(ctx.browser().get(PATH).body)
    result.counts.append(("features", str(len(body["features"]))))
    return result
