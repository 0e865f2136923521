from bench.measure import Result, measure_page
from bench.registry import Context, operation


@operation("home_page")
def home_page(ctx: Context) -> Result:
    """The public home page, as a first-time visitor gets it."""
    return measure_page(ctx, "/")
