"""Lines that repeat across a site's pages and are still article text.

A site repeats more than its chrome: the dateline ("Updated January 5, 2010"), the
byline of a regular writer, the agency credit ("The Associated Press contributed to
this report.") or a reporting scheme's, a quote that its articles come back to, or the
same in reported speech. The gold text of the evaluation sites keeps all of these, and
a count alone cannot tell them from a footer: on crawl-to-the-future they were most of
what the repeat baseline took from articles. A line is spared when :func:`article_reason`
names a reason. A series of stories also repeats a background sentence between its
paragraphs: :func:`states` tells a sentence of a report from chrome that speaks to its
reader, and where it sits (:meth:`cleaner.learn.counting.Counts._amid_prose`) does the rest.
"""

from __future__ import annotations

import re

from cleaner.engine.words import at_least, count_words
from cleaner.learn.thresholds import Thresholds

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_DATE = re.compile(rf"\b(?:{_MONTHS}|{_DAYS})\b\.?", re.IGNORECASE)
_CJK_DATE = re.compile(r"\d{1,4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日")
_WORD = re.compile(r"\S*[^\W_]\S*")  # a token with a letter or a digit: "|" and "-" are none
_DIGIT = re.compile(r"\d")
_NAME = r"[A-Z][\w.'\u2019-]*"
_BYLINE = re.compile(rf"\b[Bb]y:?\s+{_NAME}(?:\s+{_NAME})+")
_AGENCY = re.compile(
    r"\b(?:Associated Press|Reuters|AFP|Agence France-Presse|Bloomberg News|UPI|Press Association)\b"
    r"|\(AP\)|^AP$|contributed to (?:this|the) (?:report|story|article)|\bstaff writer\b|\bcorrespondent\b"
    r"|^Special to\b|^On the Net:?$"  # a writer's credit; the heading of an AP story's links
    # The credit of a reporting scheme or a partner: "Our coverage of the council is part of
    # the Local Democracy Reporting Service.", "This story is part of a series on ...",
    # "This article was produced in partnership with ...", "... contributed reporting."
    r"|\bpart of (?:the|a|an|our)\b[^.]*?\b(?:reporting|journalism|news)"
    r" (?:service|project|partnership|initiative|programme|program|network|collaborative)\b"
    r"|^(?:this|the) (?:story|article|report|piece|investigation|project)\b"
    r"[^.]*?\bpart of (?:a|an|our|the)\b[^.]*?\bseries\b"
    r"|\b(?:produced|published|reported|written|co-published) in (?:partnership|collaboration) with\b"
    r"|\bcontributed reporting\b",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"©|\(c\)|copyright|all rights reserved|redistribution", re.IGNORECASE)
# A line opening on a quotation mark, or quoting a dozen characters or more.
# What someone said, told in the article's own words: "The council said it does not comment
# on individual cases." is the quote a story comes back to, in reported speech.
_REPORTED = re.compile(r"\b(?:said|says|told|tells|added|according to)\b")
# Where a story is split over pages the notice is part of its text (the gold keeps it).
_CONTINUES = re.compile(r"\b(?:story|article) continues\b|\bcontinued (?:on|from)\b", re.IGNORECASE)
# A court reporter's closing line, the same notice for a story told day by day: "The trial
# continues.", "The inquest was adjourned until 3 May.", "Police inquiries continue.",
# "Mr Hale's trial, expected to last a week, continues." (not a "free trial", nor "your"
# case: an offer, or a line that speaks to its reader). A report ends so whenever the
# proceedings it follows have not (UK court copy, every day of a trial): a sentence of the
# article, too short for :func:`states` (which needs sentence_words), and the last line of
# every such page, where a count alone takes it for a footer.
_PROCEEDING = (
    r"(?:trial|retrial|inquest|hearing|case|appeal|inquiry|enquiry|inquiries|enquiries"
    r"|investigation|investigations|tribunal|proceedings|sentencing|court martial)"
)
_PROCEEDS = re.compile(
    rf"^\W*(?!.*\b(?:free|your|you|my)\b)(?:[\w'\u2019-]+\s+){{0,3}}?{_PROCEEDING}(?:,[^,]*,)?\s+"
    r"(?:continues?|(?:is|are) continuing|(?:will )?resumes?|(?:was|were|is|are|has been|have been) adjourned"
    r"|(?:is|are|was|were) (?:expected|due|set|scheduled) to (?:last|continue|resume|end|conclude|run))\b"
    r".{0,120}?\.[\"'\u2019\u201d)]*$",
    re.IGNORECASE,
)
_OPEN, _CLOSE = '"\u201c\u00ab\u201e', '"\u201d\u00bb'
_QUOTE = re.compile(f"^[{_OPEN}'\u2018\u2019\u201d]|[{_OPEN}][^{_CLOSE}]{{12,}}[{_CLOSE}]")
# What a line quotes, to the closing mark or, for a quote running on into the next
# paragraph, to the end of the line: 'I' and 'you' there are the speaker's, not the writer's.
_QUOTED = re.compile(f"[{_OPEN}][^{_CLOSE}]*(?:[{_CLOSE}]|$)|\u2018[^\u2019]*(?:\u2019(?!\\w)|$)")
# The writer's first or second person: a reader's comment says "I think you mean..." (not
# the all-capital "US", the country; lower-case "i" is how many readers write it).
_PERSON = re.compile(
    r"\b(?:I|i|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Uu]s|[Oo]urs?|[Oo]urselves|[Yy]ou|[Yy]ours?|[Yy]ourself)\b"
)
# A line opening on a call to its reader ("Read more of ...", "Click here to ..."): a
# report's sentence opens on its subject. Verbs that also open a report as nouns ("Share
# prices", "Support for", "Print sales") are not here.
_CALL = re.compile(
    r"\W*(?:click|tap|read|sign up|subscribe|follow|join|download|watch|listen|e-?mail|visit"
    r"|register|donate|reprint|scroll|don'?t)\b(?!-)",
    re.IGNORECASE,
)
# A sentence's end: a full stop, then any closing quotation marks or brackets.
# The full stops of scripts that write another: the ideographic and full-width ones of
# Chinese and Japanese, the danda of Hindi, the Urdu full stop.
_FULL_STOP = re.compile(f"[.\u3002\uff0e\u0964\u06d4][{_CLOSE}'\u2019)\\]\u300d\u300f]*$")


def article_reason(line: str, thresholds: Thresholds) -> str | None:
    """Why ``line`` reads as article text (``dateline``, ``byline``, ``credit``, ``quote``,
    ``reported speech``, ``continuation``, ``proceedings``), or is too short to tell
    (``too few words``); None when nothing says so."""
    words = word_count(line)
    if words < thresholds.min_words:
        return "too few words"
    if words <= thresholds.dateline_max_words and _is_dateline(line):
        return "dateline"
    if words <= thresholds.byline_max_words and _BYLINE.search(line):
        return "byline"
    if _AGENCY.search(line) and not _RIGHTS.search(line):
        return "credit"
    if _QUOTE.search(line):
        return "quote"
    if _REPORTED.search(_QUOTED.sub(" ", line)) and narrates(line, thresholds):
        return "reported speech"
    if _CONTINUES.search(line):
        return "continuation"
    if _PROCEEDS.match(line) and next((c for c in line if c.isalnum()), "").isupper():
        return "proceedings"
    return None


def narrates(line: str, thresholds: Thresholds) -> bool:
    """Whether ``line`` reads as a sentence of a report, told in the third person: at least
    ``zone_sentence_words`` words, opening on a capital letter, a digit or a quotation mark,
    ending on a full stop, and no "I", "we" or "you" outside what it quotes. A story
    written one sentence to a paragraph goes on so; a reader's one-line comment speaks
    for its writer or to another reader ("I think you mean 1948."), or does not end on a
    full stop ("Despicable!", "posted by: NAME at 06/04/2010 @ 10:30am")."""
    text = line.strip()
    if word_count(text) < thresholds.zone_sentence_words or not _FULL_STOP.search(text):
        return False
    first = next((c for c in text if c.isalnum() or c in _OPEN or c == "\u2018"), "")
    caseless = first.isalpha() and first.lower() == first.upper()  # Chinese, Hindi, Arabic
    if not (first.isupper() or caseless or first.isdigit() or first in _OPEN or first == "\u2018"):
        return False
    return not _PERSON.search(_QUOTED.sub(" ", text))


def states(line: str, thresholds: Thresholds) -> bool:
    """Whether ``line`` reads as a sentence of the article itself, not of its chrome: a
    sentence of a report (:func:`narrates`) of at least ``sentence_words`` words, neither
    a call to its reader nor a rights notice. A background sentence a series of stories
    repeats ("The council has to save £12 million over the next three years ...") is
    one; chrome speaks to its reader ("Sign up for our daily newsletter.", "If you liked
    what you just read, you can subscribe ...", "Read the rest of our election coverage
    ..."), or is too short to tell."""
    return (
        word_count(line) >= thresholds.sentence_words
        and not _CALL.match(line)
        and not _RIGHTS.search(line)
        and narrates(line, thresholds)
    )


def article_like(line: str, thresholds: Thresholds) -> bool:
    """Whether ``line`` reads as article text by itself: a reason of :func:`article_reason`
    other than its length, or a sentence (:func:`states`)."""
    reason = article_reason(line, thresholds)
    return reason not in (None, "too few words") or states(line, thresholds)


def _is_dateline(line: str) -> bool:
    """A capitalised month or weekday name and a digit ("may" in "You may also like" is
    none), or a date as Chinese and Japanese write it ("2026年3月5日", "3月5日")."""
    if _CJK_DATE.search(line):
        return True
    return bool(_DIGIT.search(line)) and any(m.group()[0].isupper() for m in _DATE.finditer(line))


def label(line: str, thresholds: Thresholds) -> str | None:
    """The words of a short line (at most ``topic_words``), as a reader would write them
    in a sentence: from its first word to its last, lower-cased ("| · | Green Party |"
    gives "green party"); None for a longer line."""
    found = _WORD.findall(line)
    if not found or len(found) + unspaced_words(line) > thresholds.topic_words:
        return None
    start = line.find(found[0])
    return " ".join(line[start : line.rfind(found[-1]) + len(found[-1])].split()).lower()


def says(prose: str, phrase: str) -> bool:
    """Whether ``prose`` (lower-cased) holds ``phrase`` as whole words: "pop music" is in
    "the pop music of", not in "synthpop musicians". Chinese and Japanese have no spaces
    to tell a word's end: there an edge of ``phrase`` in those scripts may touch anything
    ("绿党" is in "绿党候选人")."""
    head, tail = _unspaced(phrase[:1]), _unspaced(phrase[-1:])
    start = prose.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if (head or not (start and prose[start - 1].isalnum())) and (
            tail or not (end < len(prose) and prose[end].isalnum())
        ):
            return True
        start = prose.find(phrase, start + 1)
    return False


def word_count(line: str) -> int:
    """Tokens with a letter or a digit: "| | art |" has one word; and the words of the
    scripts written without spaces as the engine counts them (:func:`unspaced_words`)."""
    return len(_WORD.findall(line)) + unspaced_words(line)


def _unspaced(text: str) -> bool:
    """Whether ``text`` holds a character of the scripts written without spaces, as the
    engine tells them (its count of one word searches for such a character first: a
    regex search, where counting the line's words again would split it once more)."""
    return not text.isascii() and at_least(1).unspaced(text, len(text))


def unspaced_words(line: str) -> int:
    """The words ``line`` holds beyond one for each run of non-space characters: none in
    a script written with spaces between its words; in Chinese, Japanese or Thai, as the
    engine's guards count them (:func:`cleaner.engine.words.count_words`: two Han or kana
    characters a word). Counted at spaces, a Chinese paragraph was one word, so no such
    chrome was ever learned (a line needs ``min_words``: "相关新闻", Related news, is two)
    and no paragraph was ever prose (``prose_words``: 40 characters) (QA round N, N4c)."""
    return count_words(line) - len(line.split()) if _unspaced(line) else 0
