"""An incident's status and confidence, from who reports it and how.

Status, first rule that holds:
- `confirmed`: a report cites an official of the side the attack targeted (Pentagon, CENTCOM,
  US officials for US forces; the list is the pack's officials.yaml) and does not deny it;
- `denied`: a report says the targeted side denies it;
- `claimed`: the group that carried it out says so itself (actor_basis "claimed");
- `reported`: media report it, or attribute it to someone.

Confidence, in [0, 1]: sources are grouped into independent ones (copies of one article and
articles of one outlet form one group); a group weighs as its strongest report,

    w = BASE_WEIGHT[official | claimed | reported] * (HEDGE_FACTOR if hedged else 1)

and the incident's confidence is the chance that at least one group is right, each taken alone:

    confidence = 1 - prod(1 - w_group)    (times DENIAL_FACTOR when the status is denied)

One hedged media report gives 0.25, two independent media reports 0.75, an official 0.9.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.consolidate.provenance import Source

CONFIRMED, DENIED, CLAIMED, REPORTED = "confirmed", "denied", "claimed", "reported"
STATUSES = (CONFIRMED, DENIED, CLAIMED, REPORTED)
BASE_WEIGHT = {"official": 0.9, "claimed": 0.7, "reported": 0.5}
HEDGE_FACTOR = 0.5  # "reportedly", "selon des sources": half the weight
DENIAL_FACTOR = 0.5


def incident_status(sources: Iterable[Source]) -> str:
    """confirmed, denied, claimed or reported (see the module docstring)."""
    sources = list(sources)
    if any(source.official and not source.denied for source in sources):
        return CONFIRMED
    if any(source.denied for source in sources):
        return DENIED
    if any(source.claimed for source in sources):
        return CLAIMED
    return REPORTED


def source_weight(source: Source) -> float:
    """How much one report supports the incident."""
    kind = "official" if source.official else "claimed" if source.claimed else "reported"
    return BASE_WEIGHT[kind] * (HEDGE_FACTOR if source.hedged else 1.0)


def confidence(sources: Iterable[Source], status: str) -> float:
    """1 - prod(1 - w) over independent source groups, each weighing as its strongest report."""
    groups: dict[str, float] = {}
    for source in sources:
        group = source.independent_of or source.doc_id
        groups[group] = max(groups.get(group, 0.0), source_weight(source))
    doubt = 1.0
    for weight in groups.values():
        doubt *= 1.0 - weight
    value = (1.0 - doubt) * (DENIAL_FACTOR if status == DENIED else 1.0)
    return round(value, 3)
