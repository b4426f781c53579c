"""One function per chart: (tables, ...) -> plotly Figure. Text from plans is escaped
before it reaches a figure, so that markup in a plan is shown, never run."""

from compare.report.plotting.changes import changes_bars, changes_sankey
from compare.report.plotting.corpus import deadline_timeline, tasks_per_plan
from compare.report.plotting.coverage import cluster_heatmap, theme_heatmap
from compare.report.plotting.overlaps import overlap_matrix
from compare.report.plotting.tasks import task_map
from compare.report.plotting.trends import (
    citations_heatmap,
    cluster_trends_heatmap,
    term_trends_heatmap,
    theme_trends_heatmap,
)

__all__ = [
    "changes_bars",
    "changes_sankey",
    "citations_heatmap",
    "cluster_heatmap",
    "cluster_trends_heatmap",
    "deadline_timeline",
    "overlap_matrix",
    "task_map",
    "tasks_per_plan",
    "term_trends_heatmap",
    "theme_heatmap",
    "theme_trends_heatmap",
]
