"""Frame -> frame: filters, totals and the counts and sums every chart plots.

Works on the frame convention of the store (one row per event or report, list fields as
``;``-joined strings, ``date`` as datetime64). :func:`prepare` turns such a frame into the
compact analysis frame the other functions take. Everything here aggregates first and
explodes list fields only on the aggregated rows, so a million events stay fast.

This package re-exports its public names (``from analytics import aggregate as agg``,
``agg.Filters``, ``agg.prepare``, ...). The modules:

- :mod:`~analytics.aggregate.frame`: the analysis frame's columns, the list encoding, ``prepare``
- :mod:`~analytics.aggregate.filters`: ``Filters``, the masks and the filter widgets' options
- :mod:`~analytics.aggregate.grouping`: the bincount group-by under every count and sum
- :mod:`~analytics.aggregate.timeseries`: strikes and casualties per day, week or month
- :mod:`~analytics.aggregate.breakdowns`: by source, outlet, region, place, weapon, system
- :mod:`~analytics.aggregate.summary`: totals, the period comparison and the row tables
"""

from analytics.aggregate.breakdowns import (
    by_region,
    by_system,
    by_weapon,
    confirmation,
    interception,
    map_points,
    source_type_shares,
    top_outlets,
    top_sources,
)
from analytics.aggregate.filters import (
    FilterOptions,
    Filters,
    apply_filters,
    event_outlets_of,
    filter_mask,
    filter_options,
)
from analytics.aggregate.frame import (
    CORE_COLUMNS,
    DETAIL_COLUMNS,
    LIST_SEP,
    NO_REGION,
    prepare,
    split_list,
)
from analytics.aggregate.summary import (
    claims_table,
    disagreements,
    latest_events,
    period_comparison,
    table_rows,
    totals,
)
from analytics.aggregate.timeseries import (
    FREQS,
    Freq,
    approximate,
    casualties_over_time,
    strikes_over_time,
)

__all__ = [
    "CORE_COLUMNS",
    "DETAIL_COLUMNS",
    "FREQS",
    "LIST_SEP",
    "NO_REGION",
    "Filters",
    "Freq",
    "apply_filters",
    "approximate",
    "by_region",
    "by_system",
    "by_weapon",
    "casualties_over_time",
    "claims_table",
    "confirmation",
    "disagreements",
    "event_outlets_of",
    "filter_mask",
    "FilterOptions",
    "filter_options",
    "interception",
    "latest_events",
    "map_points",
    "period_comparison",
    "prepare",
    "source_type_shares",
    "split_list",
    "strikes_over_time",
    "table_rows",
    "top_outlets",
    "top_sources",
    "totals",
]
