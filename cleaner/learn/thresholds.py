"""Every threshold of ``cleaner learn``, in one place, named and documented.

The figures in the comments are what each one was worth on the evaluation sites
(``../shared/eval/sites``, 1,001 pages of 10 sites, learned on top of the bundled
packs; README, "Learning site packs"). Memory is bounded by ``max_site_pages`` and
``table_cap`` whatever the corpus: a site is counted on its first pages only, and
lines seen on one page only are dropped whenever the table is full.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """What makes a repeated line a site's boilerplate, and what bounds the counting."""

    # A site needs this many distinct pages before anything is learned from it: with
    # fewer, a repeated line is as likely a quote or a series' title as chrome.
    min_site_pages: int = 5
    # A line must sit on at least this many distinct pages of its site...
    min_pages: int = 3
    # ...and on at least this share of the site's counted pages (on a big site, three
    # pages is a coincidence).
    min_share: float = 0.02
    # A line of at most short_words words must be on short_min_pages pages: a word
    # or two recur by chance (a party's name, a section of the site). On sites/ 4 or 6
    # pages only cost residue (50.8% and 50.4%, content lost unchanged): what a short
    # line takes from articles, topic_share spares.
    short_words: int = 2
    short_min_pages: int = 3
    # A line of at most topic_words words whose words the page's own prose also says
    # (lines of prose the site had not shown before), on at least topic_share of the
    # pages it is on, is a topic, not chrome: a related-topics link ("Green Party",
    # "Democratic National Convention") or a section's name ("pop music") beside an
    # article on that subject, which may as well head a part of one; the gold keeps its
    # words. On sites/ without it: 51.5% / 0.30% / 12 damaged; any share from one page
    # to 20%: 51.1% / 0.27% / 10 (one page also spares "Click Here", in an article on 1
    # of its 24 pages: 50.7%); 25%: 11 damaged. Lines of up to 2 words instead of 4:
    # 51.2%, the same pages kept (on sites/ no topic of 3-4 words is in the gold: those
    # of other news sites, "Democratic National Convention", are expected to be).
    topic_words: int = 4
    topic_share: float = 0.1
    # Pages of a site counted; later pages of the site are read but not counted.
    max_site_pages: int = 2000
    # Lines (site, line) held in the counting table before the rarest are dropped.
    table_cap: int = 500_000
    # A line needs this many words (tokens with a letter or digit) to be learned: a
    # single word ("Business", "Comments", "dance") is as often a subheading of the
    # site's articles as a menu label.
    min_words: int = 2
    # Lines longer than this are not counted (article text, or a whole menu run into one
    # line). 1,000 found 0.4 points more residue on sites/, at no content lost, but on
    # prose-heavy text cost 40% more CPU time and 2.8 times the memory.
    max_line_chars: int = 400
    # A line of at most this many words that names a month or a weekday and holds a
    # digit is a dateline ("Updated January 5, 2010"): article, kept whatever it repeats.
    dateline_max_words: int = 10
    # A line of at most this many words with "By Firstname Lastname" in it is a byline.
    byline_max_words: int = 12
    # The line kept as a rule's "keep" example is the nearest one of at least this many
    # words (prose first), and at most this many characters (a reader reads it).
    keep_example_words: int = 6
    keep_example_chars: int = 400
    # A line of at least this many words is prose: an article paragraph, a comment.
    prose_words: int = 20
    # A learned line becomes a tail cut (truncate-at) when no prose ever followed it on
    # the site's pages, and it came after this many words
    # (also the cut's min-words-before guard, so it never empties a short page).
    tail_min_words_before: int = 50
    # ...and it came after the article on at least this many pages: a cut takes the
    # rest of a page, so it needs more evidence than a line. On sites/ 15 to 25 pages
    # give what 20 gives; 10: 51.2% / 0.31% / 12 damaged.
    tail_min_pages: int = 20
    # Such a cut (a line no prose ever followed) ends, on a later page, at the first line
    # of prose after it (stop-at-prose, one line): prose_words words, or tail_stop_words
    # words ending as a sentence or reporting speech in the third person, or a data table;
    # and any learned cut at an update ("Update, Friday: ...": stop-at). A court report
    # ending "The trial continues." every day, then "Update, Friday: the jury returned its
    # verdict ...", lost its verdict to the cut learned there (QA round N, N7). On the
    # site's own pages no prose came after the line: on sites/ 51.3% / 0.19% / 8 at 3 to
    # 20 words, and with runs of two lines instead of one (what the cuts take there is
    # short lines: "Reuters Photo", "Links to other UK stories").
    tail_stop_words: int = 8
    # A learned line that prose follows (reader comments after the article) is still
    # a tail cut when it sat in the page's chrome zone after the article on at least
    # zone_min_pages pages and on zone_share of its pages: the page's last run of at
    # least zone_min_lines lines met on earlier pages of the site, after
    # tail_min_words_before words of the page's own lines. On sites/ the zone takes
    # learn from 41.1% to 51.3% of the residue (content lost 0.15% -> 0.19%, one page
    # damaged: a reader comment quoting the article, which the gold holds).
    # One line instead of two: 51.7% / 0.19% / 8, without zone_end_share too (with
    # neither that nor zone_goes_on_share, a lone "Advertisement" between two paragraphs
    # became a cut: 1.46% lost and 29 pages damaged, on an earlier set of packs); three:
    # 41.9% / 0.15% / 7 (on pages without comments that site's zone is two lines long).
    zone_min_lines: int = 2
    # 10 pages: 51.4% / 0.23% / 10 damaged (a "Page 1 / 2" whose next line is kept);
    # 12 to 18: as 15; 20 pages: 51.1% / 0.19% / 8.
    zone_min_pages: int = 15
    # 25% or 75%: no change on sites/ (fewer than 30 pages per site and era); on a
    # big site, a line in the zone on a few pages only is chrome elsewhere too.
    zone_share: float = 0.5
    # ...and on at least this share of its pages in the zone nothing of the page's own
    # prose came after it: pages without reader comments. A block of chrome in the
    # middle of an article is the page's last run where the footer was not extracted,
    # but the article goes on after it on (nearly) every page. On sites/ every zone cut
    # ends its page's own text on 82% to 100% of its pages, but that of the one site
    # whose zone reader comments follow, on 15% (3 of 20): anything up to 15% gives
    # the same; 20% keeps the comments (41.9% / 0.15% / 7). On random 80% samples of
    # sites/, 10% lost that cut once in six; 5% never in twelve.
    zone_end_share: float = 0.05
    # ...and on at most this share of its pages in the zone the page's own text ran
    # straight on after it as an article does: the first zone_goes_on_lines lines with
    # words after the zone were lines the site had not shown before, each of
    # prose_words words or, on a page of short paragraphs, of zone_goes_on_words times
    # the median length of the page's own lines before the zone. Short
    # stories end at a box in the middle of the site's articles ("Sign up to the
    # Morning Briefing"), which zone_end_share lets through, but longer ones go on
    # after it with their next paragraphs (in a QA corpus of 100 such pages, on 93 of
    # the 99 in the zone: without this guard the cut took the second half of 94
    # stories); reader comments open on a heading, a name, a one-line reply. On sites/
    # the zone cuts have it on no page, but that of the commented site on 2 of 20
    # (6% to 13% on twelve random 80% samples): any share from 10% to 100% (no guard)
    # gives 51.3% / 0.19% / 8, 5% loses that cut (41.9% / 0.15% / 7), as does one line
    # instead of two (a comment of 20+ words opens half its pages); three: as two.
    zone_goes_on_lines: int = 2
    # Half the median: on sites/ as prose_words alone (51.3% / 0.19% / 8; the commented
    # site's zone goes on on 2 pages of 20 from 0.5 up, 4 at 0.25, up to 27% of them
    # on 80% samples). A site writing one or two sentences to a paragraph (12 or 24
    # words), a box after five of them, short stories ending there: the box's zone
    # goes on on 93 pages of 99 at 0.25 or 0.5, 57 at 1, 20 with prose_words alone
    # (a cut that takes the rest of its stories). A site whose stories change from
    # long paragraphs to short ones after the box is what zone_sentence_lines is for.
    zone_goes_on_words: float = 0.5
    zone_goes_on_share: float = 0.25
    # The page's own text also runs straight on after the zone when its first
    # zone_sentence_lines lines with words after it, lines the site had not shown
    # before, each read as a sentence of a report (article.narrates): at least
    # zone_sentence_words words, opening on a capital, ending on a full stop, no "I",
    # "we" or "you" outside quotation marks. Stories often open on a lede of long
    # paragraphs and go on in paragraphs of one sentence: in a QA corpus of 100 pages
    # (three paragraphs of 30 to 40 words, the box, then five of 12 to 16 words), the
    # median test counted 6 of the 99 zone pages, and the cut took the rest of 93
    # stories (6,452 of 16,632 words); with this, all 93 go on and there is no cut.
    # One-line reader comments speak for their writer or to another reader ("I think
    # you mean 1948."), or end on "!" or a signature. On sites/ no zone page of any cut
    # counts by this alone: 51.3% / 0.19% / 8 for 2 to 4 lines and 6 to 12 words; the
    # commented site's share stays 2 of 20 pages (1 or 2 on twelve 80% samples, as
    # without it). Two lines: 3 of 20 (up to 3 of 15 on samples); without the person
    # test, 4 of 20, 2 to 4 on samples, where one loses the cut (and with two lines too
    # it goes: 41.9% / 0.15% / 7). A story told in the first person ("I", "we", "our
    # reporter") does not count so, nor one with a short line among the three (a
    # subheading): where most pages are such, the box may still become a cut.
    zone_sentence_lines: int = 3
    zone_sentence_words: int = 8
    # A line that reads as a sentence of a report (article.states: article.narrates, at
    # least sentence_words words, no call to the reader, no rights notice) and sat amid
    # the page's own prose on at least sentence_share of its pages (the nearest line
    # before it and after it, passing over the site's other article-like lines, is a
    # line of prose the site had not shown before; the first page a line is on never
    # counts) is article text: the background sentence a series of stories repeats
    # between two paragraphs (QA round N, N3: on 14 of its 15 pages; it went from every
    # story). On sites/ no frequent line is such a sentence amid prose, at 6 to 15 words
    # and any share: 51.3% / 0.19% / 8 with the guard or without. Without the position
    # test (every such sentence spared): 12 words, the same (the one learned line of 12+
    # words that reads as a sentence, AFP's rights notice at the pages' end, is a rights
    # notice); 8 words, 51.2%: "New to the Politics Blog? Refer to this helpful
    # glossary." (6 residue lines) would stay.
    sentence_words: int = 12
    sentence_share: float = 0.5


DEFAULT = Thresholds()
