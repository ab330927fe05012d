"""Mentions -> events: several mentions of one act in a document become one event with all evidence."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sitrep.extract.mentions import Mention
from sitrep.models import Event, Evidence
from sitrep.packs import Pack, Site
from sitrep.resolve.place import contains

CONTINUATION_REACH = 2  # sentences after the last mention that may still add to its event


@dataclass
class Draft:
    """An event being built from its mentions."""

    pack: Pack
    mentions: list[Mention] = field(default_factory=list)

    @property
    def site(self) -> Site | None:
        sites = [m.site for m in self.mentions if m.site is not None]
        installations = [s for s in sites if s.kind not in {"town", "region"}]
        return (installations or sites or [None])[0]

    @property
    def interval(self) -> tuple[date | None, date | None]:
        earliest = [m.earliest for m in self.mentions if m.earliest]
        latest = [m.latest for m in self.mentions if m.latest]
        if not earliest or not latest:
            return None, None
        low, high = max(earliest), min(latest)
        if low > high:  # mentions disagree: keep the first explicit one
            first = next((m for m in self.mentions if m.explicit_time and m.earliest), self.mentions[0])
            return first.earliest, first.latest
        return low, high

    @property
    def actor(self) -> tuple[str | None, str]:
        """The claimed actor if any, else the attributed one; a named group before a generic one.

        An attributed actor that speaks about the act itself in a report of it ("the US military
        confirmed the strike") has claimed it.
        """
        for basis in ("claimed", "attributed"):
            named = [m.actor for m in self.mentions if m.actor and m.actor_basis == basis]
            if named:
                actor = ([a for a in named if not self.pack.actors[a].generic] or named)[0]
                if basis == "attributed" and any(actor in m.speakers for m in self.mentions):
                    return actor, "claimed"
                return actor, basis
        return None, "unknown"


def _same_place(draft: Draft, mention: Mention) -> bool:
    site = draft.site
    if site is None or mention.site is None:
        return False
    return site.key == mention.site.key or contains(site, mention.site) or contains(mention.site, site)


def _same_time(draft: Draft, mention: Mention) -> bool:
    low, high = draft.interval
    if low is None or mention.earliest is None or mention.latest is None:
        return low is None or not mention.explicit_time
    return mention.earliest <= high and low <= mention.latest


def _is_state(actor: str | None, pack: Pack) -> bool:
    return actor is not None and pack.actors[actor].kind == "state"


def _none_stated(count: int | None) -> int | None:
    return 0 if count == 0 else None


def _same_actor(draft: Draft, mention: Mention) -> bool:
    """States striking and groups attacking at one place and time are two events, not one."""
    actor, _ = draft.actor
    if actor is None or mention.actor is None:
        return True
    return _is_state(actor, draft.pack) == _is_state(mention.actor, draft.pack)


def assemble(items: list, text: str, pack: Pack) -> list[Event]:
    """Build events from the reader's items (mentions, ("continue", m), ("merge_only", m))."""
    drafts: list[Draft] = []
    last: Draft | None = None
    for item in items:
        mode, mention = item if isinstance(item, tuple) else ("new", item)
        if mode == "continue":
            reach = last is not None and mention.sentence_index - last.mentions[-1].sentence_index <= CONTINUATION_REACH
            if reach and (not mention.explicit_time or _same_time(last, mention)) and _same_actor(last, mention):
                # a sentence without a place adds sources, weapons and claims, not casualties: its dead
                # may be another act's ("l'attaque contre l'hôpital, qui a fait 450 morts"). Its counts
                # stand only when it names no weapon of its own ("a third rocket fell on a village
                # without casualties" is about that rocket): a stated none, or counts "in the attack"
                mention.site = None
                if mention.weapons:
                    mention.killed, mention.injured = None, None
                elif not mention.refers_back:
                    mention.killed, mention.injured = _none_stated(mention.killed), _none_stated(mention.injured)
                last.mentions.append(mention)
            continue
        match = None if mention.distinct else next(
            (d for d in drafts if not d.mentions[0].distinct
             and _same_place(d, mention) and _same_time(d, mention) and _same_actor(d, mention)), None)
        if match is not None:
            match.mentions.append(mention)
            last = match
        elif mode == "new":
            last = Draft(pack, [mention])
            drafts.append(last)
    events: list[Event] = []
    for draft in drafts:
        for copy in range(max(m.attacks for m in draft.mentions)):  # "deux attaques" at one place: two events
            event = _event(f"e{len(events) + 1}", draft, text)
            if event is not None:
                events.append(replace(event, distinct=True) if copy else event)
    return events


def _weapons(draft: Draft) -> list[str]:
    counted = [w for m in draft.mentions for w in m.counted]
    if counted:
        return list(dict.fromkeys(counted))
    found = list(dict.fromkeys(w for m in draft.mentions for w in m.weapons))
    return found or ["unknown"]


def _kind(weapons: list[str], state: bool, shelling: bool, intercepted: bool) -> str:
    if state and shelling:
        return "artillery_shelling"
    if state and set(weapons) & {"aircraft", "missile", "drone"}:
        return "air_strike"
    for weapon, kind in (("drone", "drone_attack"), ("rocket", "rocket_or_missile_attack"),
                         ("missile", "rocket_or_missile_attack"), ("aircraft", "air_strike"),
                         ("artillery", "artillery_shelling"), ("mortar", "artillery_shelling"),
                         ("ied", "ied_or_bomb"), ("small_arms", "armed_clash")):
        if weapon in weapons:
            return kind
    return "interception" if intercepted else "other_attack"


def _first(values):
    return next((v for v in values if v is not None), None)


def _event(event_id: str, draft: Draft, text: str) -> Event | None:
    site = draft.site
    if site is None or site.admin1 is None:  # an event is placed at a site or at least a province
        return None
    earliest, latest = draft.interval
    explicit_best = [m.best for m in draft.mentions if m.explicit_time and m.best and earliest and earliest <= m.best <= latest]
    best = explicit_best[0] if explicit_best else (latest if earliest == latest else _first(m.best for m in draft.mentions))
    if best is not None and earliest is not None and not (earliest <= best <= latest):
        best = None
    actor, basis = draft.actor
    weapons = _weapons(draft)
    counts = [m.counted[w] for m in draft.mentions for w in weapons if w in m.counted]
    targets = [m.target for m in draft.mentions if m.target]
    evidence = [Evidence(text[m.start:m.end].strip(), m.start + _lead(text[m.start:m.end]),
                         m.start + _lead(text[m.start:m.end]) + len(text[m.start:m.end].strip()))
                for m in draft.mentions]
    return Event(
        id=event_id,
        date=best.isoformat() if best else None,
        date_earliest=earliest.isoformat() if earliest else None,
        date_latest=latest.isoformat() if latest else None,
        date_precision="day" if earliest and earliest == latest else ("interval" if earliest else "unknown"),
        time_of_day=_first(m.time_of_day for m in draft.mentions),
        site=site.name if site.kind != "region" else None,  # a region is not a site: admin1 says it
        place_text=_first(m.place_text for m in draft.mentions),
        admin1=site.admin1,
        country=site.country,
        lat=site.lat,
        lon=site.lon,
        event_kind=_kind(weapons, _is_state(actor, draft.pack), any(m.shelling for m in draft.mentions),
                         all(m.intercepted for m in draft.mentions)),
        weapons=weapons,
        munition_count=counts[0] if counts else None,
        actor=actor,
        actor_basis=basis,
        target=max(targets, key=targets.count) if targets else None,  # ties: the first reported
        killed=_first(m.killed for m in draft.mentions),
        injured=_first(m.injured for m in draft.mentions),
        damage="reported" if any(m.killed or m.injured for m in draft.mentions) else "unknown",
        reported_by=list(dict.fromkeys(s for m in draft.mentions for s in m.reported_by)),
        hedged=all(m.hedged for m in draft.mentions),
        distinct=draft.mentions[0].distinct,
        denied=any(m.denied for m in draft.mentions),
        evidence=_unique_evidence(evidence),
    )


def _lead(passage: str) -> int:
    return len(passage) - len(passage.lstrip())


def _unique_evidence(items: list[Evidence]) -> list[Evidence]:
    seen, result = set(), []
    for item in items:
        if (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            result.append(item)
    return result
