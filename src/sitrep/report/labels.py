"""The words of a report in each language (labels/<code>.yaml) and the one-line incident summaries.

A summary is generated from the incident's resolved fields, never copied from an article:
"Drone attack at al-Tanf garrison (SY); claimed by Islamic Resistance in Iraq; 2 injured".
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from sitrep.report.gather import CountRange

LANGUAGES = ("en", "fr")


@cache
def load_labels(lang: str) -> dict[str, Any]:
    """The labels of one report language."""
    if lang not in LANGUAGES:
        raise ValueError(f"report language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return yaml.safe_load(files("sitrep.report").joinpath("labels", f"{lang}.yaml").read_text(encoding="utf-8"))


def place_of(incident: Mapping[str, Any], labels: Mapping[str, Any]) -> str:
    """The place an incident is told at: site, else region, with the country code."""
    place = incident.get("site") or incident.get("admin1") or labels["unknown"]
    return f"{place} ({incident['country']})" if incident.get("country") else place


def incident_summary(incident: Mapping[str, Any], ranges: Mapping[str, CountRange], labels: Mapping[str, Any]) -> str:
    """One line from the resolved fields: kind and place; munitions; actor and claim; casualties."""
    words = labels["summary"]
    kind = labels["kinds"].get(incident.get("event_kind") or "other_attack", incident.get("event_kind"))
    parts = [words["at"].format(kind=kind, place=place_of(incident, labels))]
    if incident.get("munition_count"):
        parts[0] += f", {words['munitions'].format(n=incident['munition_count'])}"
    actor = incident.get("actor")
    claimed = incident.get("status") == "claimed" or any(m.get("claimed") for m in incident.get("members") or [])
    if actor and claimed:
        parts.append(words["claimed_by"].format(actor=actor))
    elif actor:
        parts.append(words["attributed_to"].format(actor=actor))
    else:
        parts.append(words["no_actor"])
    if incident.get("status") == "denied":
        parts.append(words["denied"])
    casualties = [words[name].format(n=ranges[name].text()) for name in ("killed", "injured") if name in ranges]
    if casualties:
        parts.append(", ".join(casualties))
    return "; ".join(parts)
