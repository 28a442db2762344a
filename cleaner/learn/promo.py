"""Whether a sentence a site repeats between its paragraphs speaks of the site itself.

A series' background sentence ("The council has to save £12 million over the next three
years ...") is about the story beside it. A site's own promo between the same paragraphs
("The Valley Gazette app is free to download on iPhone and Android devices ...", "Valley
Gazette subscribers get unlimited access to every story ...") reads as a sentence of a
report too, and sits amid prose as well: what tells it apart is that it is about the site.
It names the site, as the site's address or its copyright line names it, or one of the
things a news site sells its readers (its app, a subscription, its e-edition, a newsletter
or a podcast). The site's name and its products are read from the corpus, not from a list
of sites: the name of the domain ("valleygazette.co.uk": "Valley Gazette", "The Valley
Gazette"; "bbc.co.uk": "BBC") and the name its repeated copyright line gives ("© 2026
Valley Gazette", "Copyright 2024 The New York Times Company": "New York Times").

A story about the site itself, or about an app, says the same words in its own prose
("Valley Gazette readers raised £5,000 for the hospital", "the council's new app"): the
sentence then shares the story's topic, and is not taken for a promo on that page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleaner.learn.article import says

# What a news site sells its readers, named in its promos.
_PRODUCTS = re.compile(
    r"\b(?:apps?|e-editions?|newsletters?|podcasts?|subscribers?|subscriptions?)\b", re.IGNORECASE
)
# A copyright notice, and what comes before the owner's name in it.
_RIGHTS = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
_RIGHTS_LEAD = re.compile(
    r"^(?:\s|©|\(c\)|copyright\b|\d{4}(?:\s*[-\u2013/]\s*\d{2,4})?|[,.:])+", re.IGNORECASE
)
_TOKEN = re.compile(r"[^\W_][\w'\u2019&-]*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_NAME_MAX_WORDS = 6  # a publisher's name: "The New York Times Company"


def site_names(site: str, lines: Iterable[str]) -> frozenset[str]:
    """The site's names, each as a key (:func:`_key`): the first label of ``site`` (its
    registered domain, "valleygazette" of "valleygazette.co.uk") and the owner's name in
    each copyright notice among ``lines`` (the page's lines the site repeats): "Valley
    Gazette" of "© 2026 Valley Gazette"; without a leading "The", and without its last
    word when it has three or more ("Example News Group": "Example News")."""
    label = site.split(".", 1)[0]
    names = {label} if len(label) >= 3 and label != "www" else set()
    for line in lines:
        if not _RIGHTS.search(line):
            continue
        words = _capitalised_run(_RIGHTS_LEAD.sub("", _RIGHTS.split(line, 1)[-1]))
        if words and words[0].lower() == "the":
            words = words[1:]
        if words:
            names.add(_key(words))
            if len(words) >= 3:
                names.add(_key(words[:-1]))
    return frozenset(names)


def promotes(line: str, names: frozenset[str], prose: str) -> bool:
    """Whether ``line`` speaks of the site: it names it (one of ``names``: two or more
    capitalised words, or one word that is not the sentence's first or is in capitals,
    "BBC") or a product of it (its app, subscribers, e-edition ...), which the page's own
    ``prose`` (lower-cased) does not say."""
    for name in _named(line, names):
        if not says(prose, name.lower()):
            return True
    return any(not says(prose, found.group().lower()) for found in _PRODUCTS.finditer(line))


def _named(line: str, names: frozenset[str]) -> Iterable[str]:
    """The spans of ``line`` (as written) that give one of ``names``."""
    if not names:
        return
    for opens, run in _runs(line):
        for start in range(len(run)):
            for end in range(start + 1, min(len(run), start + _NAME_MAX_WORDS) + 1):
                words = run[start:end]
                if len(words) == 1 and opens and not start and not words[0].isupper():
                    continue  # "Independent experts said ..." opens a sentence
                if _key(words) in names:
                    yield " ".join(_POSSESSIVE.sub("", w) for w in words)


def _runs(text: str) -> list[tuple[bool, list[str]]]:
    """The runs of capitalised words of ``text``, each unbroken by punctuation or a
    lower-case word, and whether it opens the text."""
    runs: list[tuple[bool, list[str]]] = []
    run: list[str] = []
    opens, end = False, 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        if run and (not word[0].isupper() or text[end : match.start()].strip()):
            runs.append((opens, run))
            run = []
        if word[0].isupper():
            if not run:
                opens = not any(c.isalnum() for c in text[: match.start()])
            run.append(word)
        end = match.end()
    if run:
        runs.append((opens, run))
    return runs


def _capitalised_run(text: str) -> list[str]:
    """The capitalised words that open ``text`` ("Valley Gazette. All rights reserved":
    "Valley", "Gazette")."""
    runs = _runs(text)
    return runs[0][1][:_NAME_MAX_WORDS] if runs and runs[0][0] else []


def _key(words: list[str]) -> str:
    """Words as one lower-case string of letters and digits: "The Valley Gazette's" gives
    "thevalleygazette", which "thevalleygazette.com" also gives."""
    return "".join(c for w in words for c in _POSSESSIVE.sub("", w).lower() if c.isalnum())
