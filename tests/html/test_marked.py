"""cleaner.html.marked: the body's lines a page marks as quoted, code or a term, which
no text rule matches (QA round R: R8, R10, R17)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.html.marked import marked_lines

INTRO = (
    "<p>New staff on the web desk meet a lot of jargon in their first week, so this page "
    "explains the names we use for the parts of a story page that are not the story.</p>"
)
OUTRO = "<p>If you meet a term that is not here, ask the web editor and we will add it to this page.</p>"
GLOSSARY = (
    "<dl><dt>Read more</dt><dd>The link that cuts a teaser short on a section page.</dd>"
    "<dt>Share this</dt><dd>The row of buttons for the social networks under a story.</dd></dl>"
)
QUOTED = (
    "<p>The error message users see when the form fails tells them nothing they can act on:</p>"
    "<blockquote><p>Oops! Something went wrong while submitting the form.</p></blockquote>"
    "<p>The consent text, as most form builders ship it, is no better:</p>"
    "<pre><code>By entering your email address you agree to our Terms of Use and Privacy Policy.\n"
    "Your email address will not be published. Required fields are marked *</code></pre>"
)
TUTORIAL = (  # past comments.thread's first 80 words
    "<p>Comments make a blog feel alive, but left alone they fill up with spam within days. This "
    "tutorial walks through the settings that matter, in the order we change them on a new site.</p>"
    "<h2>Step 1: Change the heading of the comment form</h2>"
    "<p>Most themes print a heading above the form. On a fresh install of the default theme it reads:</p>"
    "<blockquote><p>Leave a Reply</p></blockquote>"
    "<p>You can change this text in the theme's comments template, or with a filter in a child "
    "theme, if you would rather invite readers with something warmer.</p>"
    "<h2>Step 2: Decide how the count is shown</h2>"
    "<p>Above the thread, the theme prints the number of approved comments.</p>"
)


def _page(*middle: str) -> str:
    article = f"<h1>Web page furniture</h1>{INTRO}{''.join(middle)}{OUTRO}"
    return f"<html><body><article>{article}</article></body></html>"


def _clean(html: str) -> str:
    with Cleaner() as cleaner:
        return cleaner.clean_html(html)


@pytest.mark.parametrize(
    ("middle", "kept"),
    [
        # R17: a glossary's terms, which cta.button and navigation.page-tools took
        (GLOSSARY, ["- Read more", "- Share this"]),
        # R8: a quotation and a code block, which cta.form-chatter took
        (
            QUOTED,
            [
                "Oops! Something went wrong while submitting the form.",
                "By entering your email address you agree to our Terms of Use and Privacy Policy.",
                "Your email address will not be published. Required fields are marked *",
            ],
        ),
        # R10: a quotation that comments.thread took for a thread's heading, and cut from
        (TUTORIAL, ["Leave a Reply", "Above the thread, the theme prints the number of approved comments."]),
    ],
)
def test_the_text_rules_leave_what_the_page_marks_as_a_quotation_code_or_a_term(
    middle: str, kept: list[str]
) -> None:
    lines = _clean(_page(middle)).splitlines()
    assert all(line in lines for line in kept)


def test_a_line_is_marked_by_its_words_whatever_the_spaces_and_the_list_items_dash() -> None:
    html = "<dl><dt>Read  <b>more</b></dt><dd>A link.</dd></dl><pre>a = 1\n\nb = 2</pre>"
    body = "- Read more\n- A link.\na = 1\n\nb = 2\n"
    assert marked_lines(html, body) == (0, 2, 4)


def test_a_line_the_body_holds_more_often_than_the_page_marks_it_is_not_marked() -> None:
    # a share bar's "Share this" and the glossary's term: which is which is not known
    html = "<div>Share this</div><dl><dt>Share this</dt><dd>The row of buttons.</dd></dl>"
    assert marked_lines(html, "Share this\n- Share this\n- The row of buttons.") == ()


def test_a_quotation_that_is_mostly_a_link_is_not_marked() -> None:
    # a news site's "See also: <a>…</a>" box set in a <blockquote>
    link = '<a href="/x">How the council spent its budget this year</a>'
    html = f"<blockquote><b>See also: </b>{link}</blockquote>"
    assert marked_lines(html, "See also: How the council spent its budget this year") == ()


CALL = "Sign up for our newsletter to get every council story in your inbox."
FOLLOW = "Follow us on Twitter for live updates from the council chamber."
QUOTE = "<blockquote><p>{}</p></blockquote>"


def test_a_quotation_that_only_calls_the_reader_in_the_sites_voice_is_the_sites() -> None:
    """A CMS's in-article callouts set in <blockquote> go to the rules (QA round S, S10)."""
    callouts = f'<blockquote class="wp-block-quote"><p>{CALL}</p></blockquote>' + QUOTE.format(FOLLOW)
    lines = _clean(_page(callouts)).splitlines()
    assert CALL not in lines and FOLLOW not in lines
    assert len(lines) == 3  # the title, INTRO and OUTRO


@pytest.mark.parametrize(
    "quotation",
    [
        "<p>The banner the paper ran above every story for a year read:</p>" + QUOTE.format(CALL),
        f"<blockquote><p>{CALL}</p><footer>— <cite>the Gazette's 2019 banner</cite></footer></blockquote>",
        f"<blockquote><p>{CALL}</p><p>That line did more for us than any headline.</p></blockquote>",
        QUOTE.format("We cannot keep five centres open on the budget we have."),  # a speaker's "we"
    ],
)
def test_a_quotation_introduced_attributed_or_not_all_calls_stays_marked(quotation: str) -> None:
    html = _page(quotation)
    body = _clean(html)
    assert marked_lines(html, body), body


def test_a_page_with_none_of_those_elements_marks_nothing() -> None:
    assert marked_lines("<p>Read more</p>", "Read more") == ()
