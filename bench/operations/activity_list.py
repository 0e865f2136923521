"""The public list of activities, over the city-sized set of 100,000."""

from bench.measure import Result, measure_page
from bench.registry import Context, operation


@operation("activity_list")
def activity_list(ctx: Context) -> Result:
    """The first page of upcoming published activities, soonest first."""
    return measure_page(ctx, "/hoat-dong/")
