"""Generated rule packs and documents that look like news text, for the benchmark and
for the tests that hold the RE2 scanner to the plain engine.

Everything is built from a seed, so a failure can be replayed. Nothing here is
copied from a real page: words are made of syllables, and boilerplate lines follow
the shapes the bundled packs remove (newsroom appeals, social calls, "Related"
tails, gallery counters), with the characters that trip up case folding and
Unicode classes (ß, ﬁ, curly quotes, non-breaking spaces, K as a Kelvin sign).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cleaner.packs.model import Action, Matcher, Pack, Position, Rule

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "do", "pa", "ber", "stra", "gen"]
_SYLLABLES += ["mun", "\u00dfen", "\ufb01n", "cor", "dia", "tion", "ing", "ver", "ham"]
# sharp s, fi ligature, curly quotes, no-break space, Kelvin sign, dotted and
# dotless i, em dash, line separator, one half, Arabic-Indic three
_ODD = ["\u00df", "\ufb01", "\u2019", "\u201c", "\u201d", "\u00a0", "\u212a", "\u00e9", "\u0130", "\u0131"]
_ODD += ["\u2014", "\u2028", "\u00bd", "\u0663"]
VERBS = ["Sign up", "Subscribe", "Follow", "Download", "Watch", "Listen", "Share", "Join", "Get", "Support"]
OBJECTS = ["our newsletter", "the app", "us on X", "the podcast", "our live blog", "the briefing"]
ENDINGS = ["for the latest news", "today", "here", "now", "for free", "every morning"]
MARKERS = ["Related Articles", "More Stories", "Read Next", "You May Also Like", "Recommended"]


@dataclass(frozen=True)
class Corpus:
    """Documents and the source each one comes from (``None``: no site packs)."""

    documents: tuple[str, ...]
    sources: tuple[str | None, ...]

    @property
    def size(self) -> int:
        return sum(len(d.encode("utf-8")) for d in self.documents)


def site_names(count: int) -> list[str]:
    return [f"site{k:03d}.example" for k in range(count)]


def _word(rng: random.Random) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
    return word.capitalize() if rng.random() < 0.1 else word


def _name(rng: random.Random) -> str:
    """A word of three syllables or more, as rules name things (no rule is about "ka")."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def sentence(rng: random.Random, words: int) -> str:
    parts = [_word(rng) for _ in range(words)]
    if rng.random() < 0.2:
        parts.insert(rng.randrange(len(parts)), rng.choice(_ODD))
    if rng.random() < 0.2:
        parts.insert(rng.randrange(len(parts)), str(rng.randint(1, 2030)))
    return " ".join(parts).capitalize() + rng.choice([".", ".", "!", "?", ":"])


def _boilerplate(rng: random.Random, site: str | None) -> str:
    shapes = [
        lambda: f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}",
        lambda: f"MORE: {sentence(rng, 6)}",
        lambda: f"Got a story? Email {_word(rng)}@{site or 'news.example'}",
        lambda: f"Follow {site or 'us'} on Twitter and Facebook",
        lambda: f"{sentence(rng, 5)} {(n := rng.randint(1, 30))} {n} {n} {sentence(rng, 4)}",
        lambda: f"{rng.randint(1, 59)} minutes ago",
        lambda: rng.choice(["Comments", "0 Comments", "Leave a comment", "Be the first to comment!"]),
        lambda: f"READ MORE: {sentence(rng, 8)}",
        lambda: f"{rng.choice(VERBS).upper()} {rng.choice(OBJECTS).upper()}",
        lambda: f"Straße {_word(rng)} {rng.choice(['STRASSE', 'strasse', 'Strasse'])}",
        lambda: f"[ad] {sentence(rng, 3)}",
        lambda: f"{_word(rng)} Newsletter: {rng.choice(ENDINGS)}",
    ]
    return rng.choice(shapes)()


def document(rng: random.Random, site: str | None, paragraphs: int = 12) -> str:
    """An article of ``paragraphs`` paragraphs with boilerplate here and there,
    often a related-articles tail, sometimes CRLF line ends."""
    lines: list[str] = []
    if rng.random() < 0.2:
        lines.append(_boilerplate(rng, site))
    for _ in range(paragraphs):
        roll = rng.random()
        if roll < 0.12:
            lines.append(_boilerplate(rng, site))
        elif roll < 0.17:
            lines.append("")
        elif roll < 0.19:
            lines += ["[ad]", sentence(rng, 5), "[/ad]"]
        lines.append(" ".join(sentence(rng, rng.randint(5, 25)) for _ in range(rng.randint(1, 5))))
    if rng.random() < 0.4:
        lines.append(rng.choice(MARKERS))
        lines += [sentence(rng, 8) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        lines += ["", _boilerplate(rng, site)]
    text = "\n".join(lines) + rng.choice(["\n", "", "\n\n"])
    return text.replace("\n", "\r\n") if rng.random() < 0.05 else text


def corpus(seed: int, count: int, sites: list[str], paragraphs: int = 12) -> Corpus:
    """``count`` documents; a third come with no source, the rest from ``sites``."""
    rng = random.Random(seed)
    sources = [None if rng.random() < 0.33 or not sites else rng.choice(sites) for _ in range(count)]
    return Corpus(tuple(document(rng, s, paragraphs) for s in sources), tuple(sources))


def _literal_rule(rng: random.Random, rid: str) -> Rule:
    kind = rng.choice(["prefix", "prefix", "contains", "suffix", "line"])
    phrase = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if kind == "suffix":
        phrase = rng.choice(ENDINGS)
    if kind == "line":
        phrase = rng.choice([*MARKERS, "Comments", "Advertisement", f"{phrase} {rng.choice(ENDINGS)}"])
    action = Action.STRIP if kind == "contains" and rng.random() < 0.3 else Action.DROP_LINE
    position = Position.ANY
    if action is Action.DROP_LINE and rng.random() < 0.15:
        position = rng.choice([Position.TAIL, Position.HEAD])
    return Rule(
        id=rid,
        action=action,
        matcher=Matcher(
            kind, (phrase, f"{_name(rng)} {rng.choice(OBJECTS)}") if rng.random() < 0.3 else (phrase,)
        ),
        ignore_case=rng.random() < 0.5,
        max_words=rng.choice([None, 10, 25, 40]) if action is Action.DROP_LINE else None,
        position=position,
    )


_REGEXES = [
    r"^\s*(?:{verb})\b.{{0,40}}\b(?:{obj})\b",
    r"^\s*{word}\s*[:\-\u2013]\s*\S",
    r"(?<=^|[.!?]\s)[ \t]*(\d{{1,3}})(?:[ \t]\1)+(?=\s+\p{{Lu}}|\s*$)",
    r"^\s*\d{{1,2}} (?:seconds?|minutes?|hours?) ago\s*$",
    r"^(?:{verb}) (?!to )\w+ {obj}",
    r"\b{word}(?:ing|ed|s)?\b\s+newsletters?\b",
    r"^\s*[A-Z][A-Z ]{{3,20}}:\s",
    r"(?i:{word}) (?-i:{obj})",
    r"^\s*(?>{verb})\s++{obj}",
    r"[\p{{Lu}}\d]{{2,}}\s+(?:{obj})",
    r"^\W*{word}\W*$",
]


def _regex_rule(rng: random.Random, rid: str) -> Rule:
    template = rng.choice(_REGEXES)
    value = template.format(verb=rng.choice(VERBS), obj=rng.choice(OBJECTS), word=_name(rng))
    action = Action.DROP_LINE if rng.random() < 0.8 else Action.STRIP
    return Rule(
        id=rid,
        action=action,
        matcher=Matcher("regex", (value,)),
        ignore_case=rng.random() < 0.4,
        max_words=rng.choice([None, 15, 40]) if action is Action.DROP_LINE else None,
    )


def _structural_rule(rng: random.Random, rid: str) -> Rule:
    if rng.random() < 0.5:
        return Rule(
            id=rid,
            action=Action.TRUNCATE_AT,
            matcher=Matcher("line", (rng.choice(MARKERS),)),
            ignore_case=rng.random() < 0.5,
            min_words_before=rng.choice([0, 20, 60]),
        )
    return Rule(
        id=rid,
        action=Action.DROP_BLOCK,
        matcher=Matcher("line", ("[ad]",)),
        end=Matcher("prefix", ("[/ad]",)),
        max_lines=rng.choice([3, 10, 50]),
    )


# Patterns RE2 cannot stand in for: fuzzy matching, and a repeat of alternatives
# (prone to backtracking, so it stays time-limited by regex). Each costs one regex
# search per line, whatever the scanner does.
UNTRANSLATABLE = [r"^(?:{word}){{e<=1}}$", r"^(?:\w+|\d+)+ {obj}$"]


def rule_packs(
    seed: int, sites: list[str], rules: int = 1000, generic: int = 200, untranslatable: int = 0
) -> list[Pack]:
    """``generic`` rules in generic packs, the rest spread over one pack per site:
    literals and regexes, every action, some guards; ``untranslatable`` of the
    generic rules are ones the scanner must leave to ``regex``."""
    rng = random.Random(seed)
    makers = [_literal_rule] * 5 + [_regex_rule] * 4 + [_structural_rule]
    packs: list[Pack] = []
    if untranslatable:
        slow = tuple(
            Rule(
                id=f"slow.r{k}",
                action=Action.DROP_LINE,
                matcher=Matcher(
                    "regex", (UNTRANSLATABLE[k % 2].format(word=_word(rng), obj=rng.choice(OBJECTS)),)
                ),
            )
            for k in range(untranslatable)
        )
        packs.append(Pack(name="slow", rules=slow))
        generic -= untranslatable

    def make(name: str, count: int, sources: tuple[str, ...]) -> None:
        made = tuple(rng.choice(makers)(rng, f"{name}.r{k:04d}") for k in range(count))
        packs.append(Pack(name=name, rules=made, sources=sources))

    for k in range(0, generic, 50):
        make(f"gen{k // 50}", min(50, generic - k), ())
    per_site, extra = divmod(rules - generic, max(1, len(sites)))
    for k, site in enumerate(sites):
        make(f"site{k:03d}", per_site + (1 if k < extra else 0), (site,))
    return packs
