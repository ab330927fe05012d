"""sitrep: news reports of armed attacks -> a dated, placed, sourced incident database.

The public API (see `sitrep.api`):

- `sitrep.extract(text, published=..., url=..., language=...)` -> `Document` with events and evidence;
- `sitrep.open(db_url)` -> `Database` with `.ingest(paths)`, `.incidents(**filters)`, `.events(**filters)`,
  `.incident(id)` and `.tallies()`, each result set typed and with `.to_pandas()`.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from sitrep.api import Database, Day, Incident, ResultSet, Source, StoredEvent, Tally, open
from sitrep.errors import SitrepError
from sitrep.models import Document, Event, Evidence, Statistic

__version__ = "0.1.0"
__all__ = ["Database", "Day", "Document", "Event", "Evidence", "Incident", "ResultSet", "SitrepError", "Source",
           "Statistic", "StoredEvent", "Tally", "__version__", "extract", "open"]

if TYPE_CHECKING:
    from sitrep.api import extract as extract
else:
    from sitrep import api as _api

    class _ExtractPackage(types.ModuleType):
        """`sitrep.extract` is both the extraction stage (a package) and the public function.

        The package is made callable, so `sitrep.extract(text)` runs `sitrep.api.extract` while
        `from sitrep import extract; extract.Extractor` and `import sitrep.extract` keep working.
        """

        def __call__(self, text: str, **options: Any) -> Document:
            return _api.extract(text, **options)

    sys.modules["sitrep.extract"].__class__ = _ExtractPackage
