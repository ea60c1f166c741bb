"""Strike-events analytics: everything but the UI.

The data's route: file -> reader -> Article -> extraction steps -> StrikeReports ->
store (merged into Events, corrections applied) -> frame -> aggregation -> figure.
"""

from pathlib import Path

__version__ = "0.1.0"

#: The project root (``analytics/..``); data paths are resolved from here, never the cwd.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
