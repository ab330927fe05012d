"""Who carried out an attack, and on what basis (claimed, attributed, unknown).

Armed groups named in an attack sentence are read as its authors; a state force only when the
syntax makes it the agent (subject of an active attack verb, "frappe américaine", passive agent),
since sentences name US forces mostly as the target.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.lang import load_language
from sitrep.normalize import fold_token
from sitrep.packs import Pack

AGENT_DEPS = {"nsubj", "obl:agent", "agent"}


def _words(doc_lang: str, key: str) -> set[str]:
    return set(load_language(doc_lang).lexicon.get(key, []))


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"aux:pass", "auxpass", "nsubj:pass"} for child in verb.children)


def _is_agent(span: Span, attack_tokens: set[int], weapon_tokens: set[int], targets: list[Span]) -> bool:
    """The actor span is syntactically the doer of an attack predicate of its sentence."""
    if not span.doc.has_annotation("DEP"):
        return _is_agent_by_position(span, attack_tokens, weapon_tokens, targets)
    root = span.root
    head = root.head
    if root.dep_ == "amod" and head.i in weapon_tokens:  # "drone américain"
        return True
    if root.dep_ in AGENT_DEPS and head.i in attack_tokens and not (root.dep_ == "nsubj" and _is_passive(head)):
        return True
    if root.dep_ == "amod" and (head.i in attack_tokens or head.norm_ in _words(span.doc.lang_, "origin_nouns")):
        return True
    if root.dep_ in {"nsubj", "nsubj:pass"}:
        following = span.doc[span.end:min(span.end + 3, span.sent.end)]
        return any(t.i in attack_tokens and t.pos_ in {"VERB", ""} for t in following) and not _is_passive_window(following)
    return False


AGENT_REACH = 4  # tokens between a state's name and the attack word it leads ("the US terrorist army drones targeted")


def _is_agent_by_position(span: Span, attack_tokens: set[int], weapon_tokens: set[int], targets: list[Span]) -> bool:
    """Without a parse: "US airstrikes", "US drone strike" / "غارة أمريكية" (an adjective next to the
    attack or weapon word, on the language's side), or the subject shortly before an active attack
    word, with no passive, no verb of saying and no "that" in between."""
    lexicon = load_language(span.doc.lang_).lexicon
    after = lexicon.get("adjective_position", "after") == "after"
    qualified = attack_tokens | weapon_tokens
    if (span.start - 1 in qualified) if after else (span.end in qualified):
        return True
    if lexicon.get("word_order", "svo") != "svo":  # verb first: position does not tell subject from object
        return False
    end = max([t.end for t in targets if t.start <= span.start < t.end] + [span.end])  # "U.S. bases came under attack"
    blockers = _words(span.doc.lang_, "passive_auxiliaries") | _words(span.doc.lang_, "complementizers") \
        | {fold_token(w) for w in lexicon.get("report_lemmas", [])}
    for token in span.doc[end:min(end + AGENT_REACH, span.sent.end)]:
        if token.norm_ in blockers:
            return False
        if token.i in attack_tokens:
            return True
    return False


def _is_passive_window(tokens: Span) -> bool:
    return any(t.norm_ in _words(tokens.doc.lang_, "passive_auxiliaries") for t in tokens)


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token belongs to (climbing through nouns it modifies)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _governs(actor: Span, place: Span | None) -> bool:
    """The actor's clause is the one that holds the place (not "after X attacked Y" nor "X's fighters killed")."""
    if place is None or not actor.doc.has_annotation("DEP"):
        return True
    return place.root in _clause_verb(actor.root).subtree


def speakers(speech: list[Span], actors: list[Span], others: list[Span] = ()) -> list[str]:
    """Actors that are the subject of a verb of saying ("the US military confirmed", "أعلنت المقاومة").

    Without a parse, an actor next to the verb speaks, unless another speaker (an outlet, a
    source) or a "that" (que, that, إن) stands between them: "وقالت مصادر أمنية إن المقاومة...".
    """
    found = []
    for verb in speech:
        for actor in actors:
            root = actor.root
            if root.dep_.startswith("nsubj") and root.head.i in {t.i for t in verb}:
                found.append(actor.kb_id_)
            elif not actor.doc.has_annotation("DEP") and _adjacent(verb, actor, others):
                found.append(actor.kb_id_)
    return list(dict.fromkeys(found))


def _adjacent(verb: Span, actor: Span, others: list[Span]) -> bool:
    start, end = (verb.end, actor.start) if verb.end <= actor.start else (actor.end, verb.start)
    if end - start > 3:
        return False
    blockers = _words(actor.doc.lang_, "complementizers")
    if any(t.norm_ in blockers for t in actor.doc[start:end]):
        return False
    return not any(start <= other.start < end or start < other.end <= end for other in others)


def speaks_for_group(speech: list[Span], actors: list[Span], pack: Pack) -> bool:
    """A group is the subject of a verb of saying: its statement is its own claim."""
    return any(pack.actors[name].kind == "group" for name in speakers(speech, actors))


def _named_as_target(span: Span, attack_tokens: set[int], harm_tokens: set[int] = frozenset()) -> bool:
    """"frappes contre des groupes pro-iraniens", "US airstrikes hit Iran-backed militias": the group is hit.

    A target marker just before it, or (subject-verb-object languages) the object of an attack verb.
    """
    markers = _words(span.doc.lang_, "target_markers")
    before = span.doc[max(span.sent.start, span.start - 3):span.start]
    if any(t.norm_ in markers or t.i in harm_tokens for t in before):  # "killed a Kataib Hezbollah commander"
        return True
    if span.doc.has_annotation("DEP"):
        return span.root.dep_ in {"obj", "dobj"} and span.root.head.i in attack_tokens
    svo = load_language(span.doc.lang_).lexicon.get("word_order", "svo") == "svo"
    return svo and any(i in attack_tokens for i in range(span.start - 2, span.start))


def sentence_actor(actors: list[Span], attack: list[Span], claimed: bool, pack: Pack,
                   place: Span | None = None, targets: list[Span] | None = None,
                   weapons: list[Span] | None = None, harm: list[Span] | None = None) -> tuple[str | None, str]:
    """(actor, basis) of the attack on `place` that a sentence reports.

    A state that is syntactically the attacker ("a US drone strike killed ...") comes before a
    group merely named in the sentence; otherwise an armed group named there is the author.
    """
    attack_tokens = {t.i for span in attack for t in span}
    weapon_tokens = {t.i for span in weapons or [] for t in span}
    harm_tokens = {t.i for span in harm or [] for t in span}
    groups = [a for a in actors if pack.actors[a.kb_id_].kind == "group" and pack.actors[a.kb_id_].role_default == "actor"
              and _governs(a, place) and not _named_as_target(a, attack_tokens, harm_tokens)]
    groups.sort(key=lambda a: pack.actors[a.kb_id_].generic)
    agents = [a for a in actors if pack.actors[a.kb_id_].kind == "state"
              and _is_agent(a, attack_tokens, weapon_tokens, targets or []) and _governs(a, place)]
    chosen = (agents if agents and not claimed else groups) or agents
    if chosen:
        return chosen[0].kb_id_, "claimed" if claimed else "attributed"
    return None, "unknown"
