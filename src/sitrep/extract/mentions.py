"""Sentences -> attack mentions: what a single sentence says happened, where, when and by whom."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from sitrep.extract.components import SPAN_KEY
from sitrep.lang import folded_words, load_language
from sitrep.normalize import fold_token
from sitrep.packs import Pack, Site
from sitrep.resolve.actor import sentence_actor, speakers, speaks_for_group
from sitrep.resolve.casualties import casualties
from sitrep.resolve.numbers import parse_number
from sitrep.resolve.place import border_side, resolve_outlet_conflicts, target_sites
from sitrep.resolve.time import TimeExpression

EXPLICIT_KINDS = {"date", "weekday", "days_ago", "ago", "vague"}
PENDING_REACH = 4  # sentences within which "l'attaque" can still refer to an attack named without its place
MUNITIONS = {"rocket", "missile", "drone", "mortar", "artillery"}  # weapons counted one by one
LISTING_SIZE = 3  # a sentence naming this many targets and no date is a summary, not a report
YEAR_LIKE = 1000  # a "count" this large is a year or an identifier, not munitions
MAX_ATTACKS = 5  # "deux attaques" at one place are two events; a larger count there is a tally


@dataclass
class Cues:
    """The matcher's spans of one sentence, by category."""

    sentence: Span
    spans: dict[str, list[Span]]

    def __getitem__(self, category: str) -> list[Span]:
        return self.spans.get(category, [])

    def has(self, category: str) -> bool:
        return bool(self.spans.get(category))


@dataclass
class Mention:
    """What one sentence reports about one attack."""

    sentence_index: int
    start: int
    end: int
    site: Site | None = None
    place_text: str | None = None
    earliest: date | None = None
    latest: date | None = None
    best: date | None = None
    explicit_time: bool = False
    time_of_day: str | None = None
    weapons: list[str] = field(default_factory=list)
    counted: dict[str, int] = field(default_factory=dict)
    actor: str | None = None
    actor_basis: str = "unknown"
    target: str | None = None
    reported_by: list[str] = field(default_factory=list)
    hedged: bool = False
    shelling: bool = False
    intercepted: bool = False  # the only thing told is that the weapon was stopped
    distinct: bool = False  # the text says this is another attack than one already told
    denied: bool = False  # a source denies that the attack happened
    speakers: list[str] = field(default_factory=list)  # actors speaking in the sentence (their own account)
    killed: int | None = None
    injured: int | None = None
    attacks: int = 1  # how many attacks the sentence counts at its one place ("deux attaques à la roquette")
    refers_back: bool = False  # "in the attack": the attack just told, not one named anew ("the attack on X")


def sentence_cues(doc: Doc) -> list[Cues]:
    """Group the matcher's spans by sentence."""
    by_sentence: dict[int, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    sentences = list(doc.sents)
    starts = [s.start for s in sentences]
    index = 0
    for span in doc.spans[SPAN_KEY]:
        while index + 1 < len(starts) and starts[index + 1] <= span.start:
            index += 1
        by_sentence[index][span.label_].append(span)
    return [Cues(sentence, dict(by_sentence.get(i, {}))) for i, sentence in enumerate(sentences)]


class MentionReader:
    """Reads attack mentions sentence by sentence, keeping the narrative's time and base in focus."""

    def __init__(self, pack: Pack, lang: str, published: date | None) -> None:
        self.pack = pack
        self.lexicon = load_language(lang).lexicon
        self.lang = lang
        self.published = published
        self.stops = set(self.lexicon.get("target_prepositions", []))
        self.counted_attacks = folded_words(lang, "counted_attacks")
        self.focus: TimeExpression | None = None
        self.last_base: Site | None = None
        self.pending: Mention | None = None
        self.last_group: str | None = None

    # -- time ---------------------------------------------------------------------------------
    def sentence_times(self, cues: Cues, times: list[TimeExpression]) -> list[TimeExpression]:
        sentence = cues.sentence
        inside = [t for t in times if sentence.start_char <= t.start < sentence.end_char and t.kind not in {"part", "since"}]
        return [t.shifted(self.focus) for t in inside]

    def choose_time(self, cues: Cues, times: list[TimeExpression]) -> TimeExpression | None:
        """The expression dating the attack: explicit before relative-to-focus, nearest to the trigger.

        In "L'attaque ... intervient après les frappes de vendredi", the date belongs to the other
        act: a sentence about an attack already told ("l'attaque") that sets it after another one
        keeps the first attack's time, unless every place it names comes after the sequence word:
        then the sentence reports the other act, with its date.
        """
        if not times:
            return None
        triggers = cues["ATTACK"] or cues["WEAPON"]
        explicit = [t for t in times if t.kind in EXPLICIT_KINDS] or times
        if not triggers:
            return explicit[0]
        nearest = {id(t): min(triggers, key=lambda a: abs(a.start_char - t.start)) for t in explicit}
        anaphors = cues["ANAPHOR"]
        if anaphors and triggers[0].start >= anaphors[0].start and triggers[0].end <= anaphors[0].end:
            sequence = [c.start_char for c in cues["SEQUENCE"] if c.start_char > anaphors[0].end_char]
            places = [s.start_char for s in cues["SITE"]]
            if sequence and places and min(places) > sequence[0]:
                # "Cette attaque fait suite à deux assauts visant mercredi la base de Harir": the sentence
                # places the earlier act, so it is that act's date the sentence gives
                return min((t for t in explicit if t.start > sequence[0]), default=None,
                           key=lambda t: abs(nearest[id(t)].start_char - t.start))
            own = [t for t in explicit if nearest[id(t)] is triggers[0] or not any(c < t.start for c in sequence)]
            if not own:
                return None
            explicit = own
        return min(explicit, key=lambda t: abs(nearest[id(t)].start_char - t.start))

    def is_report_time(self, cues: Cues, chosen: TimeExpression) -> bool:
        """The date is when something was said (a claim, a report), so the act may be a day earlier."""
        speech = cues["REPORT"] + cues["ATTRIBUTION"] + cues["CLAIM"]
        if not speech:
            return False
        attack = cues["ATTACK"] or cues["WEAPON"]
        nearest_speech = min(abs(s.start_char - chosen.start) for s in speech)
        nearest_attack = min((abs(a.start_char - chosen.start) for a in attack), default=10**6)
        return nearest_speech < nearest_attack

    def dating(self, cues: Cues, chosen: TimeExpression | None) -> tuple[date | None, date | None, date | None, bool, str | None]:
        """(earliest, latest, best, explicit, time_of_day) for a mention."""
        part = next((t.time_of_day for t in cues_parts(cues, self._times)), None)
        if chosen is not None and chosen.kind != "focus":
            if chosen.earliest is None:
                return None, None, None, True, chosen.time_of_day or part
            earliest, latest = chosen.earliest, chosen.latest
            best = latest if earliest == latest else chosen.best
            if best is not None and self.is_report_time(cues, chosen):
                earliest = best - timedelta(days=1)
            return earliest, latest, best, True, chosen.time_of_day or part
        if self.focus is not None and self.focus.earliest is not None:
            f = self.focus
            return f.earliest, f.latest, f.latest if f.earliest == f.latest else f.best, False, part
        if self.published is not None:
            return self.published - timedelta(days=1), self.published, self.published, False, part
        return None, None, None, False, part

    # -- mentions -----------------------------------------------------------------------------
    def read(self, cues_list: list[Cues], times: list[TimeExpression],
             tallies: set[int]) -> list[Mention | tuple[str, Mention]]:
        """Mentions in reading order; a ("continue", mention) item adds to the previous event.

        Sentences in `tallies` state aggregate counts and are not read as attacks.
        """
        self._times = times
        out: list[Mention | tuple[str, Mention]] = []
        for index, cues in enumerate(cues_list):
            if cues.has("SKIP") and cues["SKIP"][0].start - cues.sentence.start <= 1:
                continue
            chosen = self.choose_time(cues, self.sentence_times(cues, times))
            if index not in tallies:
                out.extend(self._read_sentence(index, cues, chosen))
            groups = [a.kb_id_ for a in cues["ACTOR"] if self.pack.actors[a.kb_id_].kind == "group"]
            self.last_group = groups[-1] if groups else self.last_group
            self._move_focus(cues, chosen)
        return out

    def _move_focus(self, cues: Cues, chosen: TimeExpression | None) -> None:
        """The narrative's time becomes the dates of what this sentence reported."""
        if chosen is None or not chosen.specific or chosen.earliest is None:
            return
        earliest, latest, best, _, _ = self.dating(cues, chosen)
        self.focus = replace(chosen, kind="date", earliest=earliest, latest=latest, best=best)

    def _read_sentence(self, index: int, cues: Cues, chosen: TimeExpression | None) -> list:
        sites, outlets = resolve_outlet_conflicts(cues["SITE"], cues["OUTLET"], cues["PLACE_CUE"])
        targets = target_sites(sites, cues["ORIGIN"], cues["NOT_PLACE"], self.stops, self.pack, cues["ATTACK"])
        is_attack = cues.has("ATTACK") or cues.has("INTERCEPT")
        precise = chosen is not None and chosen.kind in EXPLICIT_KINDS - {"vague"} and chosen.specific
        claimed = self._claimed(cues, outlets)
        if not is_attack and not claimed:
            self._remember_bases(targets)
            if targets and cues.has("LOCATION") and self.pending is not None:
                return self._locate_pending(index, targets)
            return []
        background = cues.has("BACKGROUND") and not precise
        listing = len(targets) >= LISTING_SIZE and not precise
        threat = cues.has("THREAT")
        template = self._mention(index, cues, outlets, chosen, claimed)
        if background or listing or (not is_attack and not targets):
            self._remember_bases(targets)
            return [("continue", template)] if claimed and not background else []
        if not targets:
            if cues.has("BASE_ANAPHOR") and self.last_base is not None:
                if template.actor and self.pack.actors[template.actor].side == "US forces":
                    return []  # "les forces américaines stationnées dans la même base ont bombardé ...": where they are
                template.site, template.place_text = self.last_base, None
                template.target = "US forces"
                return [template]
            self._hold_pending(template, precise and is_attack)
            return [("continue", template)]
        mentions = []
        countries = [c.kb_id_ for c in cues["COUNTRY"]]
        pending = self._take_pending(template) if not template.explicit_time and cues.has("ANAPHOR") else None
        weapons_of = _weapons_by_site(cues["WEAPON"], [span for _, span in targets])
        for site, span in targets:
            mention = self._copy(template)
            mention.site, mention.place_text = border_side(site, countries, self.pack), span.text
            mention.actor, mention.actor_basis = self._actor(cues, claimed, span)
            if len(targets) > 1:
                own = weapons_of.get(span.start, [])
                mention.weapons = list(dict.fromkeys(w.kb_id_ for w in own))
                mention.counted = munition_counts(own, cues["DUAL"], self.lang)
            if pending is not None:
                _add_details(mention, pending)
            if len(targets) == 1 and not cues.has("PERIOD"):
                mention.attacks = attack_count(cues["ATTACK"], self.counted_attacks, self.lang)
            mention.target = self._target(cues, span, mention.actor, site)
            mentions.append(("merge_only", mention) if threat else mention)
        self._remember_bases(targets)
        return mentions

    def _claimed(self, cues: Cues, outlets: list[Span]) -> bool:
        """The sentence carries the group's own claim, not a report about it."""
        if cues.has("NEGATION"):
            return False
        if cues.has("CLAIM"):
            return True
        if speaks_for_group(cues["REPORT"] + cues["STATEMENT"], cues["ACTOR"], self.pack):
            return True
        kinds = {self.pack.actors[a.kb_id_].kind for a in cues["ACTOR"]}
        other_speakers = outlets or cues["SOURCE"] or [c for c in cues["CLAIMANT"] if c.kb_id_ not in self.pack.actors]
        return cues.has("STATEMENT") and "group" in kinds and not other_speakers

    def _actor(self, cues: Cues, claimed: bool, place: Span | None) -> tuple[str | None, str]:
        """The sentence's actor; "the group" / "le groupe" stands for the last group named."""
        actor, basis = sentence_actor(cues["ACTOR"], cues["ATTACK"], claimed, self.pack, place, cues["TARGET"],
                                      cues["WEAPON"], cues["KILLED"] + cues["INJURED"] + cues["EITHER"])
        if actor is None and cues.has("GROUP_ANAPHOR") and self.last_group is not None:
            return self.last_group, "claimed" if claimed else "attributed"
        return actor, basis

    def _hold_pending(self, mention: Mention, dated_attack: bool) -> None:
        """Keep an attack reported without its place, for a later "l'attaque ... à X" to complete."""
        if dated_attack:
            self.pending = self._copy(mention)
        elif self.pending is not None and mention.sentence_index - self.pending.sentence_index <= PENDING_REACH:
            _add_details(self.pending, mention)

    def _take_pending(self, mention: Mention) -> Mention | None:
        """The attack told without its place that this sentence's "l'attaque" refers to; dates `mention`."""
        pending = self.pending
        if pending is None or mention.sentence_index - pending.sentence_index > PENDING_REACH:
            return None
        mention.earliest, mention.latest, mention.best = pending.earliest, pending.latest, pending.best
        mention.explicit_time = True
        mention.time_of_day = mention.time_of_day or pending.time_of_day
        self.pending = None
        return pending

    def _locate_pending(self, index: int, targets: list[tuple[Site, Span]]) -> list[Mention]:
        """"The troops were stationed in Erbil": the attack told without its place happened there."""
        pending = self.pending
        if pending is None or index - pending.sentence_index > PENDING_REACH:
            return []
        site, span = targets[0]
        mention = self._copy(pending)
        mention.site, mention.place_text, mention.sentence_index = site, span.text, index
        self.pending = None
        return [mention]

    def _remember_bases(self, targets: list[tuple[Site, Span]]) -> None:
        for site, _ in targets:
            if site.kind in {"base", "airport"}:
                self.last_base = site

    def _copy(self, mention: Mention) -> Mention:
        return Mention(**{**mention.__dict__, "weapons": list(mention.weapons), "counted": dict(mention.counted),
                          "reported_by": list(mention.reported_by)})

    def _mention(self, index: int, cues: Cues, outlets: list[Span], chosen: TimeExpression | None, claimed: bool) -> Mention:
        earliest, latest, best, explicit, part = self.dating(cues, chosen)
        actor, basis = self._actor(cues, claimed, None)
        weapons = list(dict.fromkeys(w.kb_id_ for w in cues["WEAPON"]))
        killed, injured = casualties(cues["KILLED"], cues["INJURED"], cues["EITHER"], self.lang)
        return Mention(
            sentence_index=index,
            start=cues.sentence.start_char,
            end=cues.sentence.end_char,
            earliest=earliest, latest=latest, best=best, explicit_time=explicit, time_of_day=part,
            weapons=weapons,
            counted=munition_counts(cues["WEAPON"], cues["DUAL"], self.lang),
            actor=actor, actor_basis=basis,
            reported_by=list(dict.fromkeys([o.kb_id_ for o in outlets] + [s.kb_id_ for s in cues["SOURCE"]])),
            hedged=cues.has("HEDGE") or is_conditional(cues.sentence),
            shelling=cues.has("SHELLING") and not weapons,
            intercepted=cues.has("INTERCEPT") and not cues.has("ATTACK"),
            distinct=cues.has("DISTINCT"),
            denied=cues.has("DENIAL"),
            speakers=speakers(cues["REPORT"] + cues["STATEMENT"] + cues["CLAIM"], cues["ACTOR"],
                              cues["OUTLET"] + cues["SOURCE"]),
            killed=killed,
            injured=injured,
            refers_back=self._refers_back(cues["ANAPHOR"]),
        )

    def _refers_back(self, anaphors: list[Span]) -> bool:
        """"in the attack" refers to the attack just told; "the attack on X" names another."""
        specifiers = folded_words(self.lang, "hit_markers", "target_markers")
        return any(span.end >= span.sent.end or fold_token(span.doc[span.end].text) not in specifiers
                   for span in anaphors)

    def _target(self, cues: Cues, site_span: Span, actor: str | None, site: Site) -> str | None:
        """The target category nearest to the place; the attacker's own side is never its target."""
        order = list(self.lexicon.get("targets", {}))
        own_side = self.pack.actors[actor].side if actor else None
        candidates = [t for t in cues["TARGET"] if t.kb_id_ != own_side]
        if candidates:
            nearest = min(candidates, key=lambda t: (min(abs(t.start - site_span.end), abs(site_span.start - t.end)),
                                                       order.index(t.kb_id_)))
            return nearest.kb_id_
        if site.kind in {"base", "airport"} and own_side != "US forces":
            return "US forces"
        return None


def _weapons_by_site(weapons: list[Span], sites: list[Span]) -> dict[int, list[Span]]:
    """Which weapons go with which place when a sentence names several.

    Weapons interleaved with places go to the next place written after them ("a rocket salvo at X
    and a drone to strike Y"); weapons all before or all after the list go to every place ("des
    drones ont visé X et Y", "X and Y with drones").
    """
    first, last = min(s.start for s in sites), max(s.end for s in sites)
    if all(w.end <= first or w.start >= last for w in weapons):
        return {site.start: list(weapons) for site in sites}
    assigned: dict[int, list[Span]] = {}
    for weapon in weapons:
        following = [site for site in sites if site.start >= weapon.end]
        for site in [min(following, key=lambda s: s.start)] if following else sites:
            assigned.setdefault(site.start, []).append(weapon)
    return assigned


def _add_details(mention: Mention, other: Mention) -> None:
    """Fill what `mention` lacks (weapons, counts, actor, sources) from `other`."""
    mention.weapons = list(dict.fromkeys(mention.weapons + other.weapons))
    mention.counted = {**other.counted, **mention.counted}
    rank = {"claimed": 2, "attributed": 1, "unknown": 0}
    if other.actor and rank[other.actor_basis] > rank[mention.actor_basis]:
        mention.actor, mention.actor_basis = other.actor, other.actor_basis
    mention.reported_by = list(dict.fromkeys(mention.reported_by + other.reported_by))
    mention.killed = mention.killed if mention.killed is not None else other.killed
    mention.injured = mention.injured if mention.injured is not None else other.injured
    mention.target = mention.target or other.target


def cues_parts(cues: Cues, times: list[TimeExpression]) -> list[TimeExpression]:
    """Stand-alone parts of the day in a sentence ("à l'aube", "18h30")."""
    s = cues.sentence
    return [t for t in times if t.kind == "part" and s.start_char <= t.start < s.end_char]


def is_conditional(sentence: Span) -> bool:
    """A verb in the conditional mood: French reporting's hedge ("auraient été entendues")."""
    return any("Cnd" in t.morph.get("Mood") for t in sentence if t.pos_ in {"AUX", "VERB"})


def _number_before(span: Span, lang: str) -> int | None:
    """The count written before a weapon noun: its numeric modifier, or the one or two words before it."""
    doc = span.doc
    for child in span.root.children:
        if child.dep_ == "nummod" and child.i < span.start:
            value = parse_number(child.text, lang)
            if value is not None:
                return value
    for width in (2, 1):
        start = span.start - width
        if start >= span.sent.start and not (start > 0 and doc[start - 1].text in {"-", "/", ":"}):
            value = parse_number(doc[start:span.start].text, lang)
            if value is not None and value < YEAR_LIKE:
                return value
    return None


def attack_count(attacks: list[Span], counted_nouns: frozenset[str], lang: str) -> int:
    """How many attacks a sentence counts ("deux attaques", "two attacks"): the small number written before
    one of the language's `counted_attacks` nouns, else 1 ("quatre explosions" are not four attacks)."""
    counts = [value for span in attacks if fold_token(span.root.text) in counted_nouns
              and (value := _number_before(span, lang)) is not None and 1 < value <= MAX_ATTACKS]
    return max(counts, default=1)


def munition_counts(weapons: list[Span], duals: list[Span], lang: str) -> dict[str, int]:
    """Projectile counts written next to a weapon noun ("30 roquettes", "deux drones", "un drone").

    A weapon in the dual (Arabic "طائرتين مسيرتين") counts two.
    """
    counts: dict[str, int] = {}
    for dual in duals:
        counts.setdefault(dual.kb_id_, 2)
    for span in weapons:
        value = _number_before(span, lang)
        if value == 1 and span.kb_id_ not in MUNITIONS:
            continue
        if value is not None and 0 < value < 1000:
            counts.setdefault(span.kb_id_, value)
    return counts
