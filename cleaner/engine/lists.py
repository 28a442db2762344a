"""An item of a list the article writes: no menu for a rule with ``keep-data-rows``.

A menu flattened into one line is items between middots or pipes ("Home · News ·
Sport"), and so is an item of a list the article writes: "When the centres open:" over
"* Ashford · Mon · Wed · Fri", "* Brook Lane · Tue · Thu · Sat" (trafilatura writes an
HTML list item as "- …"; other scrapers and markdown exports write "* …" or "1. …").
The line alone cannot tell them apart, and its bullet cannot either: a footer menu
flattened into one list item, or written so by a markdown scraper, is "- Home · News ·
Sport" alone. What tells them apart is around the line. An item of the article's list
has another item of the same list next to it (the same marker: "-", "*", "•", or a
number with a full stop or a bracket), or stands under a line that introduces it: one
that ends with a colon and has three words or more ("Opening times, by centre:"), as
:func:`cleaner.engine.guard.introduces` tells. A menu has neither. Blank lines do not
part a list (a loose list puts one between its items).

That neighbour or introduction must stay, or the next pass would answer otherwise
(cleaning must be idempotent): ``others(j)`` tells whether another drop-line rule
matches line ``j`` (a share bar's "- Facebook · Twitter" under a menu item is no item
of the article's list), and an introduction must not be the asking rule's match either
(``own``). Both are told from the line alone, so what is learnt about a neighbour in
one pass holds in the next. The search looks at 100 lines at most either way: a page
of a thousand menu lines that another rule took is no thousand walks over them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cleaner.engine.bullets import list_marker
from cleaner.engine.guard import introduces
from cleaner.engine.lines import Lines

# Lines the search looks at either way (blank, removed, or items another rule takes).
# Fewer lines lie between two items in a later pass, so an item spared stays spared.
_REACH = 100


def in_article_list(
    lines: Lines,
    removed: Sequence[int],
    i: int,
    *,
    own: Callable[[int], bool],
    others: Callable[[int], bool],
    menu: Callable[[int], bool] | None = None,
) -> bool:
    """Whether line ``i`` is an item of a list the article writes: another item of the
    same list that stays stands next to it (above or below, past blank and removed
    lines and past items another rule takes), or the list opens under an introduction
    that stays ("When the centres open:") and the item is no ``menu`` (one the rule's
    keep-data-rows ``menus`` name: "* Home | News | Sport" under "Explore more from the
    Gazette:" lists the site's own pages, QA round S, S11)."""
    marker = list_marker(lines[i])
    if marker is None:
        return False
    below = _beyond_taken_items(lines, removed, i, 1, marker, others)
    if below is not None and list_marker(lines[below]) == marker:
        return True
    above = _beyond_taken_items(lines, removed, i, -1, marker, others)
    if above is None:
        return False
    if list_marker(lines[above]) == marker:
        return True
    if menu is not None and menu(i):
        return False
    return introduces(lines[above]) and not own(above) and not others(above)


def _beyond_taken_items(
    lines: Lines, removed: Sequence[int], i: int, step: int, marker: str, others: Callable[[int], bool]
) -> int | None:
    """The nearest line from ``i`` in the direction ``step`` with text, not removed, and
    not an item of the list that another rule takes; None at the document's edge or
    beyond ``_REACH`` lines."""
    j, end = i + step, max(-1, min(len(lines), i + step * (_REACH + 1)))
    while j != end:
        line = lines[j]
        if not removed[j] and line.strip() and not (list_marker(line) == marker and others(j)):
            return j
        j += step
    return None
