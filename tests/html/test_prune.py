# ruff: noqa: RUF001 (Chinese and Japanese text writes full-width commas and question marks)
"""cleaner.html.prune: the nodes the packs' selectors match, removed before extraction."""

from __future__ import annotations

import pytest
import regex

from cleaner.errors import RuleError
from cleaner.html.extract import extract_body
from cleaner.html.page import Prune, Pruned
from cleaner.html.prune import PRUNED_TEXT, prune_html, prune_page
from tests.html.story import PARAGRAPHS


def test_prune_removes_matching_nodes_only() -> None:
    html = '<body><div class="share-bar">Share</div><p>Kept</p><aside class="promo">Buy</aside></body>'
    pruned = prune_html(html, ["div.share-bar", "aside"])
    assert "Share" not in pruned and "Buy" not in pruned
    assert "<p>Kept</p>" in pruned


def test_prune_never_removes_the_body() -> None:
    assert "Kept" in prune_html("<body class='x'><p>Kept</p></body>", ["body", ".x"])


def test_prune_reports_each_node_it_removed_with_its_selector_and_text() -> None:
    html = (
        "<body><p>The article, long enough to be most of the page, goes on and on here.</p>"
        '<div class="share">Share   this\n on <b>Facebook</b></div><div class="ad"><img src="x"></div>'
        '<aside class="promo">Buy <aside class="promo">now</aside></aside></body>'
    )
    page, pruned = prune_page(html, ["div.ad", "aside.promo", ".share"])
    assert "Share" not in page and "Buy" not in page
    # the empty ad held no text; the inner aside went with the outer one
    assert pruned == [Pruned(1, "Buy now", 7, 2), Pruned(2, "Share this on Facebook", 22, 4)]


def test_prune_reports_the_start_of_a_long_node_and_its_full_length() -> None:
    words = " ".join(["comment"] * 100)
    html = f"<body><p>{'Article text. ' * 200}</p><section id='c'>{words}</section></body>"
    (record,) = prune_page(html, ["#c"])[1]
    assert record.chars == len(words)
    assert record.words == 100  # all of them, for --max-loss
    assert len(record.text) == PRUNED_TEXT
    assert record.text == words[: PRUNED_TEXT - 1] + "…"


def test_prune_reports_nothing_it_left() -> None:
    html = "<body class='x'><article><h1>Title</h1><p>Kept</p></article></body>"
    assert prune_page(html, ["body", "article"])[1] == []


# The bundled notices rule's kind of selector: a class-name match, which also hits links and
# spans inside sentences (review sites mark every product link "affiliate").
NOTICES = ['[class*="affiliate" i]', '[class*="tooltip" i]', '[class*="copyright" i]']
REVIEW = (
    "<html><body><article><h1>The best travel kettles</h1>"
    "<p>We boiled water in nine folding kettles on campsites and in hotel rooms over a summer.</p>"
    '<p>Our favourite is the <a class="affiliate-link" href="https://shop.test/k1">Brewline Fold 600</a>'
    ", which boils half a litre in four minutes and packs down flat.</p>"
    '<p>The <span class="tooltip" title="Watts">W</span> rating matters less than the lid.</p>'
    '<p><em>Photo by <span class="copyright-holder">Ines Moreau</span></em></p>'
    "</article>"
    '<div class="affiliate-disclosure"><p>We earn a commission when you buy through our links.</p></div>'
    "</body></html>"
)


def test_prune_never_cuts_words_out_of_a_sentence() -> None:
    page, pruned = prune_page(REVIEW, NOTICES)
    for kept in ("Brewline Fold 600", ">W<", "Ines Moreau"):
        assert kept in page
    # the block-level notice still goes, and is the only node reported
    assert "commission" not in page
    assert pruned == [Pruned(0, "We earn a commission when you buy through our links.", 52, 10)]


def test_extract_body_keeps_an_affiliate_link_in_its_sentence() -> None:
    body = extract_body(REVIEW, selectors=NOTICES)
    assert "Our favourite is the Brewline Fold 600, which boils half a litre" in body
    assert "The W rating matters less than the lid." in body
    assert "commission" not in body


COMPARISON = (
    "<html><body><article><h1>The best travel kettles</h1>"
    "<p>We boiled water in nine folding kettles on campsites and in hotel rooms over a summer.</p>"
    '<h2><a class="affiliate-link" href="https://shop.test/k1">Brewline Fold 600</a></h2>'
    "<p>It boils half a litre in four minutes, packs down flat and survived a fall off a table.</p>"
    '<div class="affiliate-button"><a href="https://shop.test/k1">Check price</a></div>'
    "<table><tr><th>Kettle</th><th>Half a litre</th></tr>"
    '<tr><td><a class="affiliate-link" href="https://shop.test/k1">Brewline Fold 600</a></td>'
    "<td>4 min</td></tr>"
    '<tr><td><a class="affiliate-link" href="https://shop.test/k2">Camplo Mini</a></td>'
    "<td>6 min</td></tr></table>"
    '<dl><dt><span class="tooltip" title="Watts">W</span></dt><dd>The power a kettle draws.</dd></dl>'
    "</article></body></html>"
)


def test_prune_never_empties_a_heading_a_table_cell_or_a_definition_term() -> None:
    page, pruned = prune_page(COMPARISON, NOTICES)
    assert "<h2><a" in page
    assert page.count("Brewline Fold 600") == 2
    assert "Camplo Mini" in page
    assert ">W</span></dt>" in page
    # a button alone in its own box is a notice's kind of line, and still goes
    assert [p.text for p in pruned] == ["Check price"]


def test_extract_body_keeps_the_names_in_a_comparison_table() -> None:
    body = extract_body(COMPARISON, selectors=NOTICES)
    assert "| Brewline Fold 600 | 4 min |" in body
    assert "| Camplo Mini | 6 min |" in body
    assert "Check price" not in body


STORY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
SPONSORED = ['[class*="sponsor" i]']
FIXTURES = (
    "<html><body><article><h1>Weekend fixtures</h1>"
    "<p>Four of the league's clubs play at home this weekend, and two of the matches are sold out.</p>"
    "<table><tr><th>Home</th><th>Away</th><th>Kick-off</th></tr>"
    '<tr class="sponsor-row"><td>Hale Rovers</td><td>Eastford</td><td>15:00</td></tr>'
    '<tr><td class="sponsor-cell">Millbridge</td><td>Northam</td><td>17:30</td></tr></table>'
    "</article></body></html>"
)


def test_prune_never_takes_a_row_or_a_cell_out_of_a_data_table() -> None:
    _, pruned = prune_page(FIXTURES, SPONSORED)
    assert pruned == []
    body = extract_body(FIXTURES, selectors=SPONSORED)
    assert "| Hale Rovers | Eastford | 15:00 |" in body
    assert "| Millbridge | Northam | 17:30 |" in body


def test_prune_may_take_a_column_out_of_a_layout_table() -> None:
    layout = (
        f"<html><body><table><tr><td><h1>Weekend fixtures</h1>{STORY}</td>"
        '<td class="sponsor-column"><table><tr><td>Our sponsors: Acme Tyres</td></tr></table></td>'
        "</tr></table></body></html>"
    )
    _, pruned = prune_page(layout, SPONSORED)
    assert [p.text for p in pruned] == ["Our sponsors: Acme Tyres"]
    box = "<table><tr><td class='sponsor'>Acme Tyres</td></tr></table>"
    boxes = f"<html><body><h1>Fixtures</h1>{STORY}{box}</body></html>"
    assert [p.text for p in prune_page(boxes, SPONSORED)[1]] == ["Acme Tyres"]  # one column of boxes


NOTICE = '<div class="promo-box"><p>Get 20% off your first order with the code SPRING.</p></div>'
CARD = (
    '<div class="promo-card"><p>The spring menu is the best the restaurant has served in years: '
    "the lamb is slow-cooked for a day, the wild garlic comes from the owner's farm, and the "
    '<span class="promo-note">rhubarb tart</span> alone is worth the train fare.</p></div>'
)


def test_a_node_over_the_rules_word_limit_stays_and_so_do_the_parts_of_it_that_match() -> None:
    html = f"<html><body><article><h1>Review</h1>{STORY}{CARD}{NOTICE}</article></body></html>"
    page, pruned = prune_page(html, [Prune('[class*="promo" i]', max_words=20)])
    assert "slow-cooked" in page and "rhubarb tart" in page
    assert [p.text for p in pruned] == ["Get 20% off your first order with the code SPRING."]
    # without a limit, the card goes as the notice does
    assert len(prune_page(html, ['[class*="promo" i]'])[1]) == 2


SECTIONS = (
    '<div class="cookie-guide"><h2>Why cookies spread</h2><p>Butter that is too warm lets the dough run.</p>'
    '<p class="cookie-tip">Chill it first.</p></div>'
    '<div class="faq"><div class="disclosure"><button aria-expanded="true">Can I freeze the dough?</button>'
    '<div class="disclosure-panel"><p>Yes, for up to three months.</p></div></div></div>'
    '<div class="cookie-banner"><p>We use cookies.</p><button>Accept</button></div>'
)


@pytest.mark.parametrize("keep", [True, False])
def test_keep_sections_spares_a_node_with_a_heading_or_a_toggle_and_its_parts(keep: bool) -> None:
    html = f"<html><body><article><h1>Baking</h1>{STORY}{SECTIONS}{STORY}</article></body></html>"
    selectors = [Prune(s, keep_sections=keep) for s in ('[class*="cookie" i]', '[class*="disclosure" i]')]
    page, _ = prune_page(html, selectors)
    kept = ("Why cookies spread", "Chill it first.", "Can I freeze the dough?", "three months")
    assert all((text in page) is keep for text in kept)
    assert "We use cookies" not in page


@pytest.mark.parametrize("where", ["end", "top"])
def test_keep_sections_spares_no_box_with_a_heading_at_an_edge_of_the_page(where: str) -> None:
    # A notice at the article's top ("How we make money", "Medical disclaimer") or at its
    # end has its own heading too, but prose on one side only.
    box = '<div class="affiliate-note"><h3>How we earn money</h3><p>We are paid when you buy.</p></div>'
    body = f"{STORY}{box}" if where == "end" else f"{box}{STORY}"
    html = f"<html><body><article><h1>Baking</h1>{body}</article><p>© Bakers</p></body></html>"
    _, pruned = prune_page(html, [Prune('[class*="affiliate" i]', keep_sections=True)])
    assert [p.text for p in pruned] == ["How we earn money We are paid when you buy."]


FAQ_ITEM = '<div class="faq-disclosure"><h3><button aria-expanded="false">{q}</button></h3><p>{a}</p></div>'
FAQ = "".join(
    FAQ_ITEM.format(q=q, a=a)
    for q, a in (
        ("Do I need a ticket?", "No, the harbour walk is free and open to everyone who comes."),
        ("Is there parking?", "Only at the park and ride on the hill above the village."),
        ("What if it rains?", "The festival goes ahead in all weathers unless the quay is closed."),
    )
)


@pytest.mark.parametrize("keep", [True, False])
@pytest.mark.parametrize("toggle", ['<button aria-expanded="false">', "<button>", ""])
def test_keep_sections_spares_the_last_of_a_series_of_sections_at_the_end_of_the_page(
    keep: bool, toggle: str
) -> None:
    # QA round T, T17: an FAQ's accordions are named "disclosure" (WAI-ARIA's pattern);
    # the last has no prose after it, but the ones before it are sections, and so is it,
    # its question in a toggle or a plain heading (QA round V, V4)
    faq = FAQ.replace('<button aria-expanded="false">', toggle)
    faq = faq if toggle else faq.replace("</button>", "")
    html = f"<html><body><article><h1>Harbour festival</h1>{STORY}{faq}</article></body></html>"
    page, _ = prune_page(html, [Prune('[class*="disclosure" i]', keep_sections=keep)])
    kept = ("Is there parking?", "What if it rains?", "quay is closed")
    assert all((text in page) is keep for text in kept)


def test_keep_sections_prunes_the_second_of_two_boxes_that_ask_at_the_end_of_the_page() -> None:
    # an ads explainer's two boxes ("Why do we show ads?", "How do we make money?") are
    # no FAQ: a series holds two sections alike before its last (QA round W)
    box = '<div class="disclaimer"><h3>{q}</h3><p>' + PARAGRAPHS[0] + "</p></div>"
    boxes = box.format(q="Why do we show ads?") + box.format(q="How do we make money?")
    html = f"<html><body><article><h1>Baking</h1>{STORY}{boxes}</article></body></html>"
    page, pruned = prune_page(html, [Prune('[class*="disclaimer" i]', keep_sections=True)])
    assert "Why do we show ads?" in page and "How do we make money?" not in page
    assert len(pruned) == 1


@pytest.mark.parametrize("words", ["We are paid when you buy.", PARAGRAPHS[0]])
def test_keep_sections_prunes_the_last_of_two_alike_boxes_with_headings_at_the_end_of_the_page(
    words: str,
) -> None:
    # two notices in a row, each with its heading, are no series of sections: a series
    # has toggles (QA round U, U11); the first stays when the second's long words count as
    # prose after it, as before
    box = f'<div class="affiliate-note"><h3>How we earn money</h3><p>{words}</p></div>'
    html = f"<html><body><article><h1>Baking</h1>{STORY}{box}{box}</article></body></html>"
    _, pruned = prune_page(html, [Prune('[class*="affiliate" i]', keep_sections=True)])
    assert len(pruned) == (2 if words.startswith("We are") else 1)


RECIPE_CARD = (
    '<div class="recipe-card cookie-recipe"><h2>Brown butter cookies</h2><p>Makes 16.</p>'
    "<h3>Ingredients</h3><ul><li>170g butter</li><li>260g plain flour</li></ul>"
    "<h3>Method</h3><ol><li>Brown the butter.</li><li>Bake for 12 minutes.</li></ol></div>"
)


COOKIE_NOTICES = [Prune('[class*="cookie" i]', keep_sections=True)]


def test_keep_sections_spares_a_box_titled_as_the_page_and_prunes_a_notice_beside_it() -> None:
    # QA round T, T16: a recipe card at the end of its post, in a class a cookie
    # notice's selector matches; its heading is the post's headline
    notice = '<div class="cookie-banner"><h2>Use of cookies</h2><p>We use cookies.</p></div>'
    article = f"<article><h1>Brown Butter  Cookies</h1>{STORY}{RECIPE_CARD}</article>"
    html = f"<html><body>{article}{notice}</body></html>"
    page, pruned = prune_page(html, COOKIE_NOTICES)
    assert "260g plain flour" in page and "Bake for 12 minutes." in page
    assert [p.text for p in pruned] == ["Use of cookies We use cookies."]


@pytest.mark.parametrize(
    ("headline", "selectors"),
    [
        ("Baking at home", COOKIE_NOTICES),  # titled otherwise than the page
        # a rule with no keep-sections: a related list's card of the page itself
        ("Brown butter cookies", ['[class*="cookie" i]']),
        # a box titled as the page with no list or table of its own: a notice (QA round U, U12)
        ("Brown butter cookies", "no lists"),
    ],
)
def test_prune_takes_a_card_not_titled_as_the_page_or_under_a_rule_with_no_sections(
    headline: str, selectors: list[Prune | str] | str
) -> None:
    card = RECIPE_CARD
    if selectors == "no lists":
        card, selectors = regex.sub(r"</?(?:ul|ol)>|<li>|</li>", " ", card), COOKIE_NOTICES
    html = f"<html><body><article><h1>{headline}</h1>{STORY}{card}</article></body></html>"
    page, _ = prune_page(html, selectors)
    assert "260g plain flour" not in page


def test_prune_rejects_invalid_css() -> None:
    with pytest.raises(RuleError, match="not valid CSS"):
        prune_html("<p>x</p>", ["div >"])


# --- keep-sections: prose however the page marks it up (QA round P, P13) ------

INTRO = (
    "We tested nine folding bicycles on a daily commute across the city for two months, "
    "and these are the three we would buy with our own money."
)
OUTRO = [
    "All three folded in under twenty seconds, and none of them scratched the floor of "
    "the train when we carried them on board in the morning rush.",
    "Prices change often, so check the shop before you buy, and remember that the lightest "
    "bike in our test was also the slowest to unfold at the station.",
]
REVIEW_CARD = (
    '<div class="product-card affiliate-product"><h2>Brompton C Line: best for trains</h2>'
    "<div>It folded smaller than any other bike we tried, and it rolled on its own wheels "
    "when folded, so we never had to carry it down the platform.</div></div>"
)
AFFILIATE_CARDS = [Prune('[class*="affiliate" i]', keep_sections=True)]


def _article(paragraphs: list[str], markup: str, middle: str) -> str:
    """The story with ``middle`` after its first paragraph, each paragraph a ``<p>``, a
    ``<div>`` or text separated by a blank line (two ``<br>``)."""
    if markup == "br":
        first, rest = paragraphs[0], "<br><br>".join(paragraphs[1:])
        body = f"{first}<br><br>{middle}{rest}"
    else:
        first, *rest = (f"<{markup}>{p}</{markup}>" for p in paragraphs)
        body = first + middle + "".join(rest)
    return f"<html><body><article><h1>The best folding bikes</h1>{body}</article></body></html>"


@pytest.mark.parametrize("markup", ["p", "div", "br"])
def test_keep_sections_sees_prose_in_any_markup_of_the_articles_paragraphs(markup: str) -> None:
    page, pruned = prune_page(_article([INTRO, *OUTRO], markup, REVIEW_CARD), AFFILIATE_CARDS)
    assert pruned == []
    assert "Brompton C Line" in page and "platform" in page


def test_a_review_card_between_div_paragraphs_reaches_the_body() -> None:
    body = extract_body(_article([INTRO, *OUTRO], "div", REVIEW_CARD), selectors=AFFILIATE_CARDS)
    assert "Brompton C Line: best for trains" in body
    assert "we never had to carry it down the platform" in body


HEADLINE = "Why commuters in the city are choosing folding bikes over the bus this year, part"
RELATED = "<ul>" + "".join(f'<li><a href="/{i}">{HEADLINE} {i}</a></li>' for i in range(3)) + "</ul>"
HEADLINE_OF_12 = (
    "The council has voted to rebuild the old footbridge over the river after two years of campaigning"
)
COOKIES = "<p>We use cookies to remember your settings and to count visits, so that we see what is read.</p>"
EDGE_NOTE = (
    '<div class="affiliate-note"><h3>How we earn money</h3>'
    "<div>We are paid when you buy through our links.</div></div>"
)


@pytest.mark.parametrize(
    ("markup", "where", "beyond"),
    [
        # a list of links (long headlines) is no prose, in <li> or not
        ("div", "</article>", f"{EDGE_NOTE}</article>{RELATED}"),
        ("br", "</article>", f"{EDGE_NOTE}</article>{RELATED}"),
        # a headline is no prose before a box at the article's top, however long
        ("div", "<h1>The best folding bikes</h1>", f"<h1>{HEADLINE_OF_12}</h1>{EDGE_NOTE}"),
        # nor is a footer's or a cookie note's below the article
        ("p", "</article>", f"{EDGE_NOTE}</article><footer>{COOKIES}</footer>"),
    ],
)
def test_keep_sections_spares_no_box_at_an_edge_whatever_lies_beyond_the_article(
    markup: str, where: str, beyond: str
) -> None:
    html = _article([INTRO, *OUTRO], markup, "").replace(where, beyond)
    _, pruned = prune_page(html, AFFILIATE_CARDS)
    assert [p.text for p in pruned] == ["How we earn money We are paid when you buy through our links."]


# --- words in scripts written without spaces (QA round P, P22) ----------------


JA_STORY = (
    "<p>市の図書館は来月から開館時間を延長し、平日は午後九時まで利用できるようになると発表した。</p>",
    "<p>延長に合わせて閲覧室の席も五十席増やす予定で、学生や仕事帰りの利用者が増えると期待されている。</p>"
    "<p>市は利用者の意見を聞きながら、来年度には日曜日の開館時間も見直す方針だという。</p>",
)
JA_CARD = (
    '<div class="product-card affiliate-item"><h2>おすすめの電子書籍リーダー</h2>'
    "<p>画面が大きく、夜でも目が疲れにくい。電池は一度の充電で三週間ほど持ち、図書館の電子書籍もそのまま読める。</p></div>"
)
ZH_STORY = (
    "<p>市图书馆宣布，从下个月起延长开放时间，工作日晚上九点才闭馆，方便下班后的读者借书和学习。</p>",
    "<p>图书馆还将增加五十个阅览座位，并在二楼开设一间小组学习室，供学生和社区团体提前预约使用。</p>",
)
ZH_FAQ = (
    '<div class="faq-disclosure"><h3>周末的开放时间会改变吗？</h3>'
    "<p>周末的开放时间暂时不变，仍然是早上九点到下午五点，图书馆会在明年根据读者的意见再作调整。</p></div>"
)


@pytest.mark.parametrize(
    ("story", "section", "kept"),
    [(JA_STORY, JA_CARD, "電子書籍リーダー"), (ZH_STORY, ZH_FAQ, "周末的开放时间会改变吗")],
)
def test_keep_sections_spares_a_chinese_or_japanese_section_between_paragraphs(
    story: tuple[str, str], section: str, kept: str
) -> None:
    html = f"<html><body><article><h1>図書館</h1>{story[0]}{section}{story[1]}</article></body></html>"
    selectors = [Prune(s, keep_sections=True) for s in ('[class*="affiliate" i]', '[class*="disclosure" i]')]
    page, pruned = prune_page(html, selectors)
    assert pruned == []
    assert kept in page


def test_a_long_chinese_section_is_over_the_rules_word_limit_and_a_short_notice_is_not() -> None:
    section = '<div class="promo-guide">' + ZH_STORY[0] + ZH_STORY[1] + "</div>"  # about 85 words
    notice = '<div class="promo-box"><p>首次订购立减二十元。</p></div>'  # 5
    story = "".join(ZH_STORY)
    html = f"<html><body><article><h1>图书馆</h1>{story}{section}{notice}</article></body></html>"
    page, pruned = prune_page(html, [Prune('[class*="promo" i]', max_words=40)])
    assert "小组学习室" in page.split("promo-guide")[1]
    assert [p.text for p in pruned] == ["首次订购立减二十元。"]


def test_an_english_menu_on_a_japanese_page_is_no_wrapper_of_the_article() -> None:
    # By spaces, the Japanese article was a few words and the menu most of the page's.
    menu = "<nav>" + " ".join(f'<a href="/{i}">Section {i}</a>' for i in range(8)) + "</nav>"
    html = f"<html><body>{menu}<article><h1>図書館</h1>{''.join(JA_STORY)}</article></body></html>"
    _, pruned = prune_page(html, ["nav"])
    assert [p.text for p in pruned] == [" ".join(f"Section {i}" for i in range(8))]


# --- keep-introduced: an example the article shows (QA round R, R11) ----------

GUIDE_LEAD = (
    "<p>Readers complain about two small parts of a story page more than any other, and "
    "this guide shows one good example of each from the sites we audited in the spring.</p>"
)
GUIDE_TAIL = (
    "<p>It works because it says plainly what the reader needs to know, in the same type "
    "as the story, and nobody we asked missed it or misread it.</p>"
)
INTRODUCTION = "<p>Here is the best one from the sites we audited, reproduced as it appeared there:</p>"
DISCLOSURE = (
    '<blockquote class="disclosure-sample"><p>We are paid a commission when you buy '
    "through these links.</p></blockquote>"
)
EXAMPLES = {
    '[class*="disclosure" i]': DISCLOSURE,
    '[class*="copyright" i]': '<p class="copyright-form">© 2026 Riverside Press. All rights reserved.</p>',
    '[class*="breadcrumb" i]': (
        '<div class="breadcrumb-sample">Home &gt; Sport &gt; Cycling &gt; Six riders for the classics</div>'
    ),
}
DISCLOSURES = [Prune('[class*="disclosure" i]', keep_introduced=True)]


def _guide(*middle: str) -> str:
    body = GUIDE_LEAD + "".join(middle) + GUIDE_TAIL
    return f"<html><body><main><article><h1>Page furniture</h1>{body}</article></main></body></html>"


@pytest.mark.parametrize("selector", list(EXAMPLES))
@pytest.mark.parametrize("keep", [True, False])
def test_keep_introduced_spares_an_example_under_a_paragraph_ending_with_a_colon(
    selector: str, keep: bool
) -> None:
    html = _guide(INTRODUCTION, EXAMPLES[selector])
    page, pruned = prune_page(html, [Prune(selector, keep_introduced=keep)])
    assert (pruned == []) is keep
    assert ("class=" in page.split("<article>")[1]) is keep


@pytest.mark.parametrize(
    "before",
    [
        "<p>Disclosure:</p>",  # a label, not the article's sentence
        "<p>Before you buy, please read how we are paid on this:</p>",  # 11 words
        f"{INTRODUCTION}<h2>How we are paid</h2>",  # a heading parts the introduction from the node
        INTRODUCTION.replace(":</p>", ".</p>"),  # no colon: prose on both sides is no sign
    ],
)
def test_keep_introduced_spares_no_notice_under_a_label_or_a_paragraph_that_does_not_introduce_it(
    before: str,
) -> None:
    _, pruned = prune_page(_guide(before, DISCLOSURE), DISCLOSURES)
    assert [p.text for p in pruned] == ["We are paid a commission when you buy through these links."]


def test_keep_introduced_spares_no_node_the_page_names_as_the_notice_itself() -> None:
    """A site's affiliate box right under the paragraph that introduces the products it
    links to is the notice, not the article's example (QA round S, S9)."""
    products = "<p>Residents who want to cut their waste can start with a composter; we recommend these:</p>"
    box = '<div class="affiliate-disclosure"><p>We are paid a commission when you buy.</p></div>'
    rules = [Prune(f'[class*="{word}" i]', keep_introduced=True) for word in ("disclosure", "affiliate")]
    _, pruned = prune_page(_guide(products, box), rules)
    assert [p.text for p in pruned] == ["We are paid a commission when you buy."]
    _, pruned = prune_page(_guide(products, box.replace("affiliate-disclosure", "disclosure-example")), rules)
    assert pruned == []


def test_keep_introduced_spares_no_notice_that_ends_the_article() -> None:
    # "…as it appeared there:" over the box, but no prose of the article after it
    _, pruned = prune_page(_guide(INTRODUCTION, DISCLOSURE).replace(GUIDE_TAIL, ""), DISCLOSURES)
    assert [p.text for p in pruned] == ["We are paid a commission when you buy through these links."]


def test_the_bundled_notices_keep_a_guides_examples_and_prune_its_footer() -> None:
    from cleaner import Cleaner

    footer = '<footer><p class="copyright">© 2026 Riverside Press</p></footer>'
    examples = (EXAMPLES['[class*="disclosure" i]'], EXAMPLES['[class*="copyright" i]'])
    html = _guide(*(f"{INTRODUCTION}{example}{GUIDE_TAIL}" for example in examples))
    with Cleaner() as cleaner:
        result = cleaner.run_html(html.replace("</main>", f"</main>{footer}"))
    pruned = [(r.rule_id, r.text) for r in result.removals if r.pruned]
    assert pruned == [("prune.notices", "© 2026 Riverside Press")]
    assert "We are paid a commission when you buy through these links." in result.text
    assert "© 2026 Riverside Press. All rights reserved." in result.text


# A roundup told in cards with no heading, the class naming the affiliate links in them
# (QA round H, H1): each card is short, together they are most of the article.
DEAL_CARD = '<div class="deal-item affiliate-link-box"><p><strong>{name}</strong></p><p>{text}</p></div>'
DEALS = [
    ("Cast-iron pan, 45 pounds", "It heats evenly on gas and induction and outlasts any non-stick pan."),
    ("Digital scale, 12 pounds", "Accurate to a gram, with a tare button big enough for a floury thumb."),
    ("Stand mixer, 199 pounds", "It kneaded a stiff rye dough for ten minutes without walking about."),
    ("Jar set, 18 pounds", "Six jars with clip lids that kept pickles crisp for a month in the fridge."),
]


def _roundup(cards: int) -> str:
    deals = "".join(DEAL_CARD.format(name=n, text=t) for n, t in DEALS[:cards])
    return (
        "<html><body><article><h1>Kitchen deals this week</h1>"
        f"<p>Four things we would buy again at this week's prices.</p>{deals}</article></body></html>"
    )


def test_cards_a_notice_selector_matches_over_most_of_the_page_all_stay() -> None:
    notices = [Prune('[class*="affiliate" i]', keep_sections=True, rule="notices")]
    page, pruned = prune_page(_roundup(4), notices)
    assert pruned == []
    assert all(name in page for name, _ in DEALS)


def test_two_notices_unlike_each_other_go_however_short_the_story() -> None:
    # a cookie banner and its settings dialog: two notices, not a series of cards
    words = " ".join(["cookies"] * 30)
    html = (
        "<html><body><article><h1>Bridge reopens</h1><p>The bridge reopened on Monday.</p></article>"
        f'<div class="cookie-banner">{words}</div><div class="cookie-settings">{words}</div></body></html>'
    )
    page, pruned = prune_page(html, [Prune('[class*="cookie" i]', keep_sections=True, rule="notices")])
    assert len(pruned) == 2 and "cookies" not in page


def test_cards_that_are_not_most_of_their_article_still_go() -> None:
    # two of the four cards: half of the article's words, not more
    html = _roundup(4).replace("deal-item affiliate-link-box", "deal-item", 2)
    _, pruned = prune_page(html, [Prune('[class*="affiliate" i]', keep_sections=True, rule="notices")])
    assert len(pruned) == 2


def test_the_page_limit_is_asked_only_of_rules_that_keep_sections() -> None:
    _, pruned = prune_page(_roundup(4), [Prune('[class*="affiliate" i]', rule="promo")])
    assert len(pruned) == 4


def test_the_rules_other_nodes_still_go_beside_the_cards() -> None:
    html = _roundup(4).replace(
        "</article>", '<p class="affiliate-disclosure">We earn a commission on what you buy.</p></article>'
    )
    # a class of the rule's words alone ("affiliate", "disclosure") is the notice itself
    selectors = ('[class*="affiliate" i]', '[class*="disclosure" i]')
    page, pruned = prune_page(html, [Prune(s, keep_sections=True, rule="notices") for s in selectors])
    assert [p.text for p in pruned] == ["We earn a commission on what you buy."]
    assert "commission" not in page and all(name in page for name, _ in DEALS)


def test_the_last_card_of_a_series_with_headings_stays_at_the_articles_end() -> None:
    # QA round H, H1b: the first card is a section (a heading, prose after it); the last
    # has no prose after it, but the two are most of the article
    card = '<div class="deal-item affiliate-link-box"><h2>{}</h2><p>{}</p></div>'
    cards = "".join(card.format(name, text) for name, text in DEALS[:2])
    html = (
        "<html><body><article><h1>Two kitchen deals</h1>"
        f"<p>Two things we would buy again at this week's prices, tested for a month.</p>{cards}"
        "</article></body></html>"
    )
    page, pruned = prune_page(html, [Prune('[class*="affiliate" i]', keep_sections=True, rule="notices")])
    assert pruned == []
    assert DEALS[1][0] in page


def test_cards_of_a_series_may_differ_in_tag_and_in_classes_of_their_own() -> None:
    # QA round AH, AH2, AH3: a "featured" card, classes "affiliate-a"/"affiliate-b", a <section>
    html = _roundup(4).replace('<div class="deal-item affiliate-link-box">', '<div class="affiliate-a">', 1)
    html = html.replace('<div class="deal-item affiliate-link-box">', '<div class="affiliate-b featured">', 1)
    html = html.replace('<div class="deal-item affiliate-link-box">', '<section class="affiliate-a">', 1)
    page, pruned = prune_page(html, [Prune('[class*="affiliate" i]', keep_sections=True, rule="notices")])
    assert pruned == []
    assert all(name in page for name, _ in DEALS)


def test_boxes_outside_an_article_or_main_are_no_articles_cards() -> None:
    # on a page with no <article> or <main>, boxes alike are the page's notices (a cookie
    # banner and its settings beside a short story: QA round AH, AH10)
    html = _roundup(4).replace("<article>", "<div>").replace("</article>", "</div>")
    _, pruned = prune_page(html, [Prune('[class*="affiliate" i]', keep_sections=True, rule="notices")])
    assert len(pruned) == 4
