"""Chart functions: plain functions over the course data that return plotly figures."""

from .casualties import casualty_chart, casualty_points, casualty_spread
from .deployments import deployment_map, strength_chart
from .events import event_map, event_timeline
from .overview import course_timeline
from .places import places_map
from .populations import population_chart, population_points, population_spread
from .territory import territory_map, territory_timeline
from .treaties import treaty_timeline

__all__ = [
    "casualty_chart",
    "casualty_points",
    "casualty_spread",
    "deployment_map",
    "strength_chart",
    "event_map",
    "event_timeline",
    "course_timeline",
    "population_chart",
    "population_points",
    "population_spread",
    "places_map",
    "territory_map",
    "territory_timeline",
    "treaty_timeline",
]
