"""cleaner.html.prune: the nodes the packs' selectors match, removed before extraction."""

from __future__ import annotations

import pytest

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


def test_prune_rejects_invalid_css() -> None:
    with pytest.raises(RuleError, match="not valid CSS"):
        prune_html("<p>x</p>", ["div >"])
