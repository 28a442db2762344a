"""Whether the page names a node as the notice itself, not as an example of one.

``keep-introduced`` spares a node under the article's own sentence ending with a colon,
with prose after it: a guide shows its examples so (a ``disclosure-example``, a
``copyright-format`` line). But a site sets its real affiliate box in the same place, right
under the paragraph that introduces the products it links to ("…the council recommends
these models:"), and it names that box for the notice alone: ``affiliate-disclosure``
(QA round S, S9). So a node with a class made of nothing but the words the guarded rules'
selectors look for (``[class*="affiliate" i]``, ``[class*="disclosure" i]``: separators and
digits aside) is the notice, whatever is above it; a class with a word of its own
(``disclosure-example``, ``post-disclaimer``) leaves the guard to decide, and so does a
node the page sets as a quotation or as code (``<blockquote class="disclosure">``): a
guide quotes what it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborNode as Node

# the word a selector looks for in a class: [class*="disclosure" i], [class~=cookie], .consent
_SELECTED_WORD = re.compile(r"""\[class[*~|^$]?=\s*["']?([A-Za-z][\w-]*)|\.([A-Za-z][\w-]*)""")
_QUOTING = frozenset({"blockquote", "q", "pre", "code", "samp"})
_LANDMARKS = frozenset({"body", "main", "article"})


def selected_words(selectors: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern of the class words that ``selectors`` look for, longest first; None if
    they name none."""
    words = {w.lower() for s in selectors for m in _SELECTED_WORD.finditer(s) for w in m.groups() if w}
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def names_notice(node: Node, words: re.Pattern[str] | None) -> bool:
    """Whether one of ``node``'s classes is made of ``words`` alone (``affiliate-disclosure``,
    ``cookieConsent``), and the node is no quotation or code, nor inside one."""
    if words is None or _quoted(node):
        return False
    classes = (node.attributes.get("class") or "").split()
    return any(not re.sub(r"[\W\d_]", "", words.sub("", name)) for name in classes if words.search(name))


def _quoted(node: Node) -> bool:
    current: Node | None = node
    while current is not None and current.tag not in _LANDMARKS:
        if current.tag in _QUOTING:
            return True
        current = current.parent
    return False
