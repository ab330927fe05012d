"""Which named places in a sentence are where an attack happened.

Handles the traps by context: a place name inside a longer person's name ("Ilhan Omar",
"Bashar al-Assad"), an outlet that shares a town's name ("Al Mayadeen" the channel vs Mayadin),
launch origins ("tirées depuis ..."), time zones ("heure locale de Bagdad"), and enclosing towns
or provinces named beside a base.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from sitrep.normalize import fold
from sitrep.packs import Pack, Site

INSTALLATIONS = {"base", "airport", "border_crossing"}
PLACE_WINDOW = 3  # tokens between a place cue and the name it introduces
ORIGIN_WINDOW = 10  # tokens between an origin cue ("depuis") and a launch place


def resolve_outlet_conflicts(sites: list[Span], outlets: list[Span], cues: list[Span]) -> tuple[list[Span], list[Span]]:
    """Split names that are both a site and an outlet: a place cue before it makes it a place."""
    kept_sites, kept_outlets = [], list(outlets)
    for site in sites:
        rivals = [o for o in outlets if o.start < site.end and site.start < o.end]
        if not rivals:
            kept_sites.append(site)
        elif any(0 <= site.start - cue.end <= PLACE_WINDOW for cue in cues):
            kept_sites.append(site)
            kept_outlets = [o for o in kept_outlets if o not in rivals]
    return kept_sites, kept_outlets


def _inside_person(span: Span, other_sites: list[Span]) -> bool:
    """The match ends a person's name: "Bashar al-Assad", "Ilhan Omar".

    What comes before the match, inside a person entity or as a capitalised word right before it,
    is a given name unless another place name explains it ("frontière Qaïm-Bukamal").
    """
    site_tokens = {t.i for other in other_sites if other is not span for t in other}
    for ent in span.doc.ents:
        if ent.label_ in {"PER", "PERSON"} and ent.start < span.start and span.end <= ent.end:
            given = [t for t in span.doc[ent.start:span.start] if t.is_alpha]
            if given and not any(t.i in site_tokens for t in given):
                return True
    if span.start == span.sent.start:
        return False
    before = span.doc[span.start - 1]
    # a sentence's first word is capitalised anyway: only a tagger's PROPN makes it a given name there
    tags = {"PROPN"} if before.i == span.sent.start else {"PROPN", ""}
    return before.is_alpha and before.is_title and before.pos_ in tags and before.i not in site_tokens


def _is_origin(span: Span, origins: list[Span], stops: set[str], attack: set[int]) -> bool:
    """A launch place: after "depuis"/"from", with no target word or attack verb in between."""
    for origin in origins:
        if origin.end <= span.start <= origin.end + ORIGIN_WINDOW:
            between = span.doc[origin.end:span.start]
            if not any(t.norm_ in stops or t.i in attack for t in between):
                return True
    return False


def _border_crossing(first: Site, second: Site, pack: Pack) -> Site | None:
    names = (fold(first.name), fold(second.name))
    for site in pack.sites.values():
        if site.kind == "border_crossing" and all(n in fold(site.name) for n in names):
            return site
    return None


def _join_border_pairs(found: list[tuple[Site, Span]], pack: Pack) -> list[tuple[Site, Span]]:
    """Two towns written as a pair ("Qaïm-Bukamal") that name a border crossing become that crossing."""
    result: list[tuple[Site, Span]] = []
    skip = set()
    for i, (site, span) in enumerate(found):
        if i in skip:
            continue
        if i + 1 < len(found):
            other, other_span = found[i + 1]
            gap = span.doc[span.end:other_span.start]
            if len(gap) <= 1 and all(t.norm_ in {"-", "et", "and"} for t in gap):
                crossing = _border_crossing(site, other, pack)
                if crossing:
                    result.append((crossing, span.doc[span.start:other_span.end]))
                    skip.add(i + 1)
                    continue
        result.append((site, span))
    return result


def border_side(site: Site, countries: list[str], pack: Pack) -> Site:
    """A border crossing placed on the side of the border that the text names ("sur le sol syrien")."""
    if site.kind != "border_crossing" or not countries:
        return site
    for town in pack.sites.values():
        if town.kind == "town" and fold(town.name) in fold(site.name) and town.country == countries[0]:
            return replace(site, country=town.country, admin1=town.admin1)
    return site


def target_sites(sentence_sites: list[Span], origins: list[Span], not_place: list[Span],
                 stops: set[str], pack: Pack, attack: list[Span] = ()) -> list[tuple[Site, Span]]:
    """The sites a sentence reports as hit, most specific first, without enclosing places."""
    candidates = [
        (pack.sites[span.kb_id_], span) for span in sentence_sites
        if not _inside_person(span, sentence_sites)
        and not any(0 <= span.start - cue.end <= 1 for cue in not_place)
    ]
    candidates = _join_border_pairs(candidates, pack)
    attack_tokens = {t.i for a in attack for t in a}
    candidates = [(s, span) for s, span in candidates if not _is_origin(span, origins, stops, attack_tokens)]
    installations = [(s, span) for s, span in candidates if s.kind in INSTALLATIONS]
    if installations:
        candidates = installations
    else:
        towns = {s.admin1 for s, _ in candidates if s.kind == "town"}
        candidates = [(s, span) for s, span in candidates if s.kind == "town" or s.admin1 not in towns]
    unique: dict[str, tuple[Site, Span]] = {}
    for site, span in candidates:
        unique.setdefault(site.key, (site, span))
    return list(unique.values())


def contains(outer: Site, inner: Site) -> bool:
    """`outer` is a town or region that encloses `inner` (same province, less specific)."""
    rank = {"region": 0, "town": 1}
    if outer.kind not in rank or outer.key == inner.key:
        return False
    if inner.kind in rank and rank[inner.kind] <= rank[outer.kind]:
        return False
    # a region spanning several provinces (no admin1) is too wide to tell one attack from another
    return outer.admin1 is not None and outer.admin1 == inner.admin1 and outer.country == inner.country
