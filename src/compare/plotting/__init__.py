"""One function per chart: (tables, ...) -> plotly Figure. Text from plans is escaped
before it reaches a figure, so that markup in a plan is shown, never run."""

from .changes import changes_bars, changes_sankey
from .corpus import deadline_timeline, tasks_per_plan
from .coverage import cluster_heatmap, theme_heatmap
from .overlaps import overlap_matrix
from .tasks import task_map
from .trends import citations_heatmap, cluster_trends_heatmap, term_trends_heatmap, theme_trends_heatmap

__all__ = [
    "changes_bars", "changes_sankey", "cluster_heatmap", "deadline_timeline", "overlap_matrix",
    "task_map", "tasks_per_plan", "theme_heatmap", "cluster_trends_heatmap",
    "term_trends_heatmap", "theme_trends_heatmap", "citations_heatmap",
]
