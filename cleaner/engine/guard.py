"""The guard of a cut (``stop-at-prose``): where the article takes over again.

truncate-at, truncate-at-cluster and drop-block remove everything in their reach,
so a false marker ("Related Articles" in a sidebar in the middle of a story, a line
of code that starts with ``@``) would cost the page. What they are meant to remove
looks alike on every site: comment threads and link lists are broken up by short
lines (names, dates, "Reply", titles), whereas an article is long lines, one after
another. So a guarded cut ends before the first run of ``lines`` prose lines,
lines of at least ``words`` words that the rule itself does not match (a reader
comment the rule recognises is no article), and what follows stays. With
``long-line``, one line of that many words ends it too: an old layout-table page
puts a whole article into one cell, so into one line, and a list has no such line.
With ``sentence-words``, a shorter line counts as prose when it ends as a sentence
ends: news is often written in paragraphs of one or two sentences, under 30 words,
whereas the titles of a link list do not end with a full stop (or a danda, an
ideographic full stop: each script's own mark). A reader comment
does, so the comment clusters leave it out (on the evaluation pages it stopped their
cuts inside threads far more often than it kept an article line); ``comments.thread``
has it at 10 words, where it cost one residue line. With ``speech-words``, a line
that reports speech ("the council said ...") counts as prose: a story names the people
it quotes, and readers' messages do not report speech. Around such a line, the story
goes on in sentences that report no speech ("The crossing will be staffed by a
volunteer."): with ``narration-words``, such a sentence counts in a run that also holds
reported speech (alone, it would stop cuts inside threads of readers who write in the
third person). With ``end-lines``, a run that reaches the end of the cut's reach needs
only that many lines, one of them reported speech: a story often closes on one line.
With ``tables``, a data table ends the cut where its header row starts: a story resumes
after a "Related" box with a table of results, and no list of links or reader thread
holds a header row over a ``|---|`` line (on the evaluation pages, setting it on every
bundled cut changed no line they remove). With ``closing-words``, the last line of the
reach, that long and ending as a sentence, is the article's closing paragraph: no list
or thread ends on one. Some markers are the article's own and open no cut: with
``quoted``, one that a line ending with a colon introduces ("the heading reads:"), with
the article going on under it (:func:`announced`, :func:`prose_below`); with
``section-words``, one over a paragraph that long, the title of a section of a how-to
(:func:`heads_section`). Where the article resumes, the line just above
that ends with a colon introduces it and stays with it (``introduced``). Words are
counted as :mod:`cleaner.engine.words` counts them (by characters in Chinese, Japanese
and Thai, written without spaces).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import regex

from cleaner.engine.bullets import list_marker
from cleaner.engine.lines import Lines, first_live, live_lines
from cleaner.engine.tables import heads_table
from cleaner.engine.words import line_has_words
from cleaner.packs.model import ProseStop


def prose_resumes(
    lines: Lines,
    start: int,
    end: int,
    guard: ProseStop,
    *,
    live: Callable[[int], bool],
    own: Callable[[int], bool],
    dropped: Callable[[int], bool] | None = None,
) -> int | None:
    """The first line after ``start`` (and before ``end``) of a run of ``guard.lines``
    prose lines, counting only ``live`` lines (blank and removed ones neither extend
    nor break a run); None when the cut may go on to ``end``. ``own`` tells whether
    the rule matches a line: such a line is part of what the rule removes. ``dropped``
    tells a line another rule drops by itself: the last line of the reach that
    ``closing-words`` reads is the last one it leaves ("Follow us on Facebook" or a
    share row under release notes' closing paragraph: QA round V, V3)."""
    first, run, between = -1, 0, 0  # a run of lines that count by themselves
    told, story, apart, speech = -1, 0, 0, False  # a run with reported speech, narration included
    last = -1  # the last live line of the reach, for closing-words
    items, marker = 0, None  # the bulleted list right under the marker, for list-end (-1: none)

    def alive(j: int) -> bool:  # live, and no line another rule drops by itself
        return live(j) and (dropped is None or not dropped(j))

    titles = past_subheadings(guard, lines[start])
    for j in range(start + 1, end):
        if not live(j):
            continue
        line = lines[j]
        if guard.closing_words is not None and alive(j):
            last = j
        if guard.list_end is not None and items >= 0 and not own(j) and alive(j):
            # a line the rule or another rule takes neither extends nor ends the list
            item = list_marker(line)
            if item is not None and (items == 0 or item == marker):
                items, marker = items + 1, item
            elif items >= 2 and item is None and _resumes_after_list(lines, j, end, guard, alive, own):
                return j
            else:
                items = -1
        if guard.tables and "|" in line and heads_table(lines, j):
            return j if run == 0 else first
        if guard.long_line is not None and line_has_words(line, guard.long_line) and not own(j):
            return j if run == 0 else first
        kind = _kind(line, guard)
        if kind and own(j):
            kind = _NONE
        if not kind and titles and run and _subheading(line) and not own(j):
            continue  # a section's title between two paragraphs: as a blank line
        if kind:
            if story == 0:
                told, speech = j, False
            story, apart, speech = story + 1, 0, speech or kind == _SPEECH
            if speech and story >= guard.lines:
                return told
        else:
            apart += 1
            if apart > guard.gap:
                story = 0
        if kind >= _PROSE:
            if run == 0:
                first = j
            run, between = run + 1, 0
            if run >= guard.lines:
                return first
        else:
            between += 1
            if between > guard.gap:
                run = 0
    if guard.end_lines is not None and speech and story >= guard.end_lines:
        return told
    if guard.closing_words is not None and last >= 0 and not own(last):
        closing = _paragraph(lines[last], guard.closing_words) and not _last_item(
            lines, start, last, live, own
        )
        return last if closing else None
    return None


def bulleted_list(
    lines: Lines, start: int, stop: int, *, live: Callable[[int], bool], own: Callable[[int], bool]
) -> bool:
    """Whether the lines a cut from ``start`` takes up to ``stop`` (those the rule matches
    aside) are two items or more with the same list marker: with ``list-end``, a list
    however short, which ``min-cut`` does not spare ("Most read" over two "- ..." teasers,
    then the story's or the page's next sentence: QA round Y, Y1)."""
    markers = [list_marker(lines[j]) for j in range(start + 1, stop) if live(j) and not own(j)]
    return len(markers) >= 2 and markers[0] is not None and all(m == markers[0] for m in markers)


def _resumes_after_list(
    lines: Lines, at: int, end: int, guard: ProseStop, live: Callable[[int], bool], own: Callable[[int], bool]
) -> bool:
    """Whether the unbulleted line ``at``, right after a bulleted list's items, is where the
    article resumes: a sentence of ``list-end`` words or more, or a section's title over
    one, and the article goes on after that sentence (:func:`goes_on`: the text ends, or
    prose or a section follows). A site's footer under a "Related" list opens on a
    sentence too ("Comments are closed for this article.", "The Echo has served the town
    since 1874.") and goes on in its links and labels ("Contact us", "Terms and
    conditions"): there the cut goes on (QA round Y, Y2). ``live`` leaves out the lines
    other rules drop: a share row under the story's last line is no footer."""
    words = guard.list_end
    assert words is not None  # asked only under list-end
    sentence = at
    if not _paragraph(lines[at], words):
        if not (_subheading(lines[at]) or _ONE_WORD_TITLE.match(lines[at])):
            return False
        below = first_live(range(at + 1, end), live)
        if below is None or own(below) or not _paragraph(lines[below], words):
            return False
        sentence = below
    return goes_on(lines, sentence, end, guard, live=live, own=own)


def _last_item(
    lines: Lines, start: int, last: int, live: Callable[[int], bool], own: Callable[[int], bool]
) -> bool:
    """Whether line ``last`` of a cut's reach is the last item of the list the cut takes,
    not the article's closing paragraph (``closing-words``): the lines above it in the
    reach (two or more, those the rule matches aside) are all written as it is, with the
    same list marker or none. A "Most Read" list at the end of the text ends on a teaser
    with its standfirst ("Fly-tipping fines to double from April as council cracks down
    ...": QA round S, S5), written as the titles above it; release notes' closing
    paragraph follows bulleted items ("- Editors can pin ...") and a heading. A teaser's
    standfirst is one sentence: a last line of two or more under items of one each is a
    paragraph ("The Briefing is produced by ... Send your questions to ...", a podcast's
    credits under its unbulleted titles: QA round U, U6)."""
    marker, items, several = list_marker(lines[last]), 0, False
    for j in range(start + 1, last):
        if live(j) and not own(j):
            if list_marker(lines[j]) != marker:
                return False
            items += 1
            several = several or _several_sentences(lines[j])
    return items >= 2 and (several or not _several_sentences(lines[last]))


def _several_sentences(line: str) -> bool:
    """Whether ``line`` holds a sentence's end before its own: a full stop, a question or
    an exclamation mark, then a capital ("... by Kit Dalton. Send your questions ...")."""
    return _INNER_END.search(line) is not None


def past_subheadings(guard: ProseStop, marker: str) -> bool:
    """Whether a cut from ``marker`` passes over subheadings (``subheadings``): not when
    the marker :func:`counts` what follows."""
    return guard.subheadings and not counts(marker)


def counts(marker: str) -> bool:
    """Whether ``marker`` is a count of comments and nothing else ("3 Comments",
    "Comments (3)", "12 thoughts on “The closures”", the post's title quoted as comment
    systems write it): the page counted a thread's comments, and under such a heading a
    short line in sentence case is a commenter's display name ("Proud local", "Angry of
    Ashford"), not a section's title (QA round S, S2). A heading that goes on in its own
    words ("3 thoughts on Rovers' derby win", "212 responses to the consultation") is
    the article's, over its own sections (QA round U, U5)."""
    return _COUNTED.match(marker) is not None


def introduced(
    lines: Lines,
    start: int,
    stop: int,
    *,
    live: Callable[[int], bool],
    own: Callable[[int], bool],
    subheadings: bool = False,
) -> int:
    """Where a cut from ``start`` that the article stops at ``stop`` ends: a line just
    above that ends with a colon ("The full result:", "Officers gave this advice:")
    introduces what follows, so it is the article's too; with ``subheadings``, so is a
    section's title just above ("Step 1: Create a child theme" over its paragraph)."""
    above = first_live(range(stop - 1, start, -1), live)
    if above is None or own(above):
        return stop
    line = lines[above]
    if _INTRODUCES.search(line) is not None or (subheadings and _subheading(line)):
        return above
    return stop


def in_introduced_run(
    lines: Lines, at: int, *, live: Callable[[int], bool], label: Callable[[int], bool]
) -> bool:
    """Whether line ``at`` is in a run of short lines that a line ending with a colon
    opens ("The poem, in full:", "The words are simple, and anyone will know the
    tune:"): a poem, a chant, a list the article quotes. Its lines can look like readers'
    ("Thank you for the morning rain", "Hey!"), but a reader thread does not open on a
    sentence that announces it; "Comments:" is a label, so the line needs a few words.
    Nor is a line ``label`` tells an introduction: one a rule drops ("Share this
    article:" over a share bar and a thread: dropped later in the pass, it would spare
    the thread once, and a second cleaning would cut it; QA round Q, Q1: cleaning must
    be idempotent), or a thread's own heading the rule names ("Comments on this
    article:", "Reader comments (6):")."""
    seen = 0
    for j in range(at - 1, -1, -1):
        if not live(j):
            continue
        line = lines[j]
        if _INTRODUCES.search(line) is not None:
            return introduces(line) and not label(j)
        seen += 1
        if seen > _RUN_LINES or line_has_words(line, _SHORT_WORDS):
            return False  # prose, or a run too long to be one quoted piece
    return False


def prose_follows(lines: Lines, at: int, *, live: Callable[[int], bool]) -> bool:
    """Whether the run of short lines that line ``at`` is in ends on prose (a line of 12
    words or more, within 40 lines): a guide goes on after the examples it shows, whereas
    a site's promo block under its own colon line ("Never miss a story from the Gazette:")
    runs into the page's footer or its end (QA round S, S1)."""
    below = itertools.islice(live_lines(range(at + 1, len(lines)), live), _RUN_LINES + 1)
    return any(line_has_words(lines[j], _SHORT_WORDS) for j in below)


def introduces(line: str) -> bool:
    """Whether ``line`` introduces what follows: it ends with a colon and has three words
    or more ("When the centres open:"); "Comments:" or "Quick links:" is a label."""
    return _INTRODUCES.search(line) is not None and line_has_words(line, _INTRODUCTION_WORDS)


def announced(
    lines: Lines,
    at: int,
    *,
    live: Callable[[int], bool],
    own: Callable[[int], bool],
    dropped: Callable[[int], bool],
) -> bool:
    """Whether the marker at ``at`` is what the article quotes (``quoted``): its nearest
    line above ends with a colon after a few words ("On a fresh install of the default
    theme, the heading reads:"), so it is an example, not the heading of a thread or a
    list. "Comments:" is a label, not an introduction; nor is a line the rule matches (a
    thread's heading over another) or one a drop-line rule takes ("Share this article:")."""
    above = first_live(range(at - 1, -1, -1), live)
    return above is not None and introduces(lines[above]) and not own(above) and not dropped(above)


def prose_below(
    lines: Lines,
    at: int,
    end: int,
    guard: ProseStop,
    *,
    live: Callable[[int], bool],
    own: Callable[[int], bool],
    voice: bool = False,
) -> int | None:
    """The line under the marker at ``at`` (the next live one before ``end``) when it is
    article prose by the guard's measure (a line of ``words`` words, or a sentence of
    ``sentence-words``...), not one the rule matches and not in the first person singular
    outside quotes; None otherwise. A thread opens on a name, a date or a form's short
    lines, or on a reader's comment, which says "I" (on the check half of the evaluation
    pages, a thread under a line ending with a colon opened so), a list on its first
    title; an article speaks of what it quotes. With ``voice`` (the article says "I"
    right above the marker: :func:`in_own_voice`), "I" under it is the author's too."""
    below = first_live(range(at + 1, end), live)
    if below is None or own(below) or _kind(lines[below], guard) < _PROSE:
        return None
    return None if not voice and _says(_FIRST_PERSON, lines[below]) else below


def in_own_voice(lines: Lines, at: int, *, live: Callable[[int], bool]) -> bool:
    """Whether the nearest live line above the marker at ``at`` speaks in the first person
    singular outside quotes ("On my blog the heading reads:"): a personal blog's how-to
    quotes the heading it changed, and goes on in its author's voice ("I wanted something
    friendlier, so I changed it ...": QA round S, S13)."""
    above = first_live(range(at - 1, -1, -1), live)
    return above is not None and _says(_FIRST_PERSON, lines[above])


def goes_on(
    lines: Lines,
    at: int,
    end: int,
    guard: ProseStop,
    *,
    live: Callable[[int], bool],
    own: Callable[[int], bool],
    titles: bool = True,
) -> bool:
    """Whether the article goes on after the paragraph at ``at`` (under a marker it owns):
    the text ends there, or the next line is prose or a section's title. Under a thread's
    heading, the first comment is followed by "Reply", a reader's name or a date ("3
    Comments", a comment about the council in the third person, "Reply", "Anna P": QA round
    S, S3); under a section's title, a paragraph by the next paragraph, the next title and
    its paragraph, or another such title the rule matches ("Top Stories", "Most Read" as
    the sections of an article about homepages). Without ``titles`` (under a marker that
    counts a thread's comments: :func:`counts`), a title is a commenter's name."""
    after = first_live(range(at + 1, end), live)
    if after is None:
        return True
    line = lines[after]
    if own(after) or _kind(line, guard) >= _PROSE:
        return True
    if not titles or not _subheading(line):
        return False
    # a section's title heads a paragraph; a link list's titles follow one another
    # ("Most Read" over a long first teaser, then "Bridge to reopen next week": S16)
    below = first_live(range(after + 1, end), live)
    return below is None or _kind(lines[below], guard) >= _PROSE or line_has_words(lines[below], _SHORT_WORDS)


def heads_section(line: str, words: int) -> bool:
    """Whether ``line``, under a marker, makes it the heading of a section of the
    article (``section-words``): a paragraph of ``words`` words or more that ends as a
    sentence ends ("Join the conversation" over a paragraph about a letters module)."""
    return _paragraph(line, words)


def heads_last_paragraph(lines: Lines, below: int, end: int, *, live: Callable[[int], bool]) -> bool:
    """Whether line ``below``, right under a marker, is the text's last line and a
    paragraph of two sentences or more, however short (asked under ``closing-words``):
    the marker is the title of the article's last section ("In other news" over "The
    decision can be appealed. A ruling is due in June.": QA round X, X5); a list has more
    than one item, and a teaser is one sentence. A thread's guard has no
    ``closing-words``: one reader's comment of two sentences under "Comments" is a
    thread."""
    line = lines[below]
    last = first_live(range(below + 1, end), live) is None
    return last and _several_sentences(line) and _ends_a_sentence(line)


def _subheading(line: str) -> bool:
    """A section's title: 2 to 8 words in sentence case (a capital, then a word in lower
    case: no name), no figure (no date or count), not ending as a sentence or a label does;
    maybe after the section's number ("Step 1: Create a child theme", "2. Add the filter",
    "Schritt 3: Cache leeren"), which a how-to puts before each of its titles."""
    title = _SECTION_NUMBER.sub("", line, count=1)
    return _SUBHEADING.match(title) is not None and line_has_words(title, 2) and not line_has_words(line, 9)


def _paragraph(line: str, words: int) -> bool:
    return line_has_words(line, words) and _ends_a_sentence(line)


# A run of quoted short lines: lines under 12 words (a poem's, a chant's; a paragraph of
# a story has more), at most 40 of them above a line, under an introduction of 3+ words.
_SHORT_WORDS, _RUN_LINES, _INTRODUCTION_WORDS = 12, 40, 3


# A line that introduces what follows: it ends with a colon (maybe then spaces or a cell's
# closing pipe), after a word: "Turnout:" is a label, but it is the article's as well.
_INTRODUCES = regex.compile(r"\w[\"\u201d\u2019)]?:[\s|]*+$")


# A sentence's end: a full stop, "!" or "?" (not an ellipsis: a teaser cut short ends
# "..."), then maybe closing quotes or brackets: '... he said.', '... "not yet."', the
# German '... Glück.\u201c' and the French '... chance. \u00bb' (a space before it). Other
# scripts end sentences with their own marks: the danda of Hindi and the other Indic
# scripts (\u0964, \u0965), the Urdu full stop (\u06d4) and Arabic question mark (\u061f),
# the ideographic full stop and full-width marks of Chinese and Japanese (\u3002 \uff0e
# \uff01 \uff1f, half-width \uff61), the Armenian full stop (\u0589), the Ethiopic full
# stop and question mark (\u1362 \u1367), the Myanmar and Khmer ones (\u104b, \u17d4);
# then maybe CJK closing quotes and brackets (\u300d \u300f \uff09 \u3011 \u300b).
_ENDS = ".!?\u0964\u0965\u06d4\u061f\u3002\uff0e\uff01\uff1f\uff61\u0589\u1362\u1367\u104b\u17d4"
_CLOSERS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb)]\u300d\u300f\uff09\u3011\u300b"
_INNER_END = regex.compile(
    r"[.!?][\"'\u201d\u2019)]*+\s++[\"'\u201c\u2018(]?\p{Lu}|[\u3002\uff01\uff1f](?=.*\S)"
)
_SENTENCE_END = regex.compile(
    rf"(?<![.\u2026])[{regex.escape(_ENDS)}](?:\s?[{regex.escape(_CLOSERS)}])*+\s*+$"
)


# Speech reported by the story: "the council said", "she told reporters", "according to",
# "Head teacher Paul Grant added"; not in the first or second person ("I said this would
# happen", "my wife told me", "you said"): a reader tells what was said to them, a story
# reports who said what. Words inside quotes are the speaker's: '"She was a mum to all of
# us," said Karen Jones' is a report.
_REPORTED_SPEECH = regex.compile(
    r"\b(?:said|says|told|added|explained|confirmed|according to)\b", regex.IGNORECASE
)
_FIRST_OR_SECOND_PERSON = regex.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b")
# A capital first, a word in lower case later, nothing but letters, spaces, hyphens and
# apostrophes: "Changing it safely", "What we dropped"; not "Ann Smith", "March 3, 2024",
# "Reply", "Posted by: Ann" or "Tags: news".
_SUBHEADING = regex.compile(
    r"\s*+\p{Lu}[\p{L}'\u2019-]*+(?:\s++[\p{L}'\u2019-]++)*?\s++\p{Ll}[\p{L}'\u2019-]*+(?:\s++[\p{L}'\u2019-]++)*+\s*+$"
)
# A section's title of one word: "Conservation", "Reaction".
_ONE_WORD_TITLE = regex.compile(r"\s*+\p{Lu}\p{Ll}++\s*+$")
# A section's number before its title: a capitalised word and a number with a colon or a
# full stop ("Step 1:", "Part 2.", "Étape 3 :"), or a number alone ("2.", "3)").
_SECTION_NUMBER = regex.compile(r"\s*+(?:\p{Lu}\p{Ll}++\s++)?\d{1,2}\s?[:.)]\s++")
# A count of comments, the whole line: a number and the word for them, or the word and the
# number ("3 Comments", "3 Reader Comments", "Comments (12)", "Kommentare: 4"), and after
# "on" or "to" only a quoted title ("12 thoughts on “The closures”").
_COMMENTS = (
    r"(?:comments?|responses?|replies|thoughts?|reactions?|kommentare?|commentaires?|comentarios?"
    r"|commenti|reacties|komentarz[ey]?)"
)
_COUNTED = regex.compile(
    rf"(?i)\W*+(?:\(?\d+\)?\s+(?:\p{{L}}+\s+)?{_COMMENTS}(?:\s+(?:on|to|zu|sur|en|su|op)\s+[\"\u201c\u201e\u2018'\u00ab].*)?"
    rf"|{_COMMENTS}\s*[(\[:]?\s*\d+\s*[)\]]?)\W*$"
)
_FIRST_PERSON = regex.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine)\b")
_QUOTED = regex.compile(r'"[^"]*+"|\u201c[^\u201c\u201d]*+\u201d|\u00ab[^\u00ab\u00bb]*+\u00bb')
_CAPITAL_START = regex.compile(r"\s*+\p{Lu}")

# What a line is to the guard: nothing, a report's sentence (counts beside reported speech),
# prose, reported speech.
_NONE, _NARRATION, _PROSE, _SPEECH = 0, 1, 2, 3


def _kind(line: str, guard: ProseStop) -> int:
    if (
        guard.speech_words is not None
        and line_has_words(line, guard.speech_words)
        and _REPORTED_SPEECH.search(line) is not None
        and _third_person(line)
    ):
        return _SPEECH
    if line_has_words(line, guard.words):
        return _PROSE
    if (
        guard.sentence_words is not None
        and line_has_words(line, guard.sentence_words)
        and _ends_a_sentence(line)
    ):
        return _PROSE
    if (
        guard.narration_words is not None
        and line_has_words(line, guard.narration_words)
        and _CAPITAL_START.match(line) is not None
        and _ends_a_sentence(line)
        and _third_person(line)
    ):
        return _NARRATION
    return _NONE


def _ends_a_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line[-16:]) is not None


def _third_person(line: str) -> bool:
    """No I, we or you outside quotes."""
    return not _says(_FIRST_OR_SECOND_PERSON, line)


def _says(persons: regex.Pattern[str], line: str) -> bool:
    """Whether ``line`` names one of ``persons`` outside its quotes: the quoted words
    are someone else's."""
    return persons.search(_QUOTED.sub(" ", line)) is not None
