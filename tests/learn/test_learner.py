"""Learning a generated corpus: the chrome becomes rules, the article stays."""

from __future__ import annotations

import random

import pytest
import yaml

from cleaner.api import Cleaner
from cleaner.learn.learner import learn
from cleaner.learn.pages import read_page
from cleaner.learn.sites import SiteNamer
from cleaner.learn.thresholds import DEFAULT
from cleaner.packs.loader import parse_pack
from tests.learn import corpus


def _learn(rows: list[dict[str, object]]):
    namer = SiteNamer()
    return learn(read_page(str(r["text"]), namer(str(r["url"])), DEFAULT) for r in rows)


def _rules(text: str) -> dict[str, dict]:
    return {rule["id"]: rule for rule in yaml.safe_load(text)["rules"]}


def test_each_site_gets_a_pack_of_its_own_chrome() -> None:
    learned = _learn(corpus.records())
    assert sorted(learned.packs) == ["example.com", "other.org"]
    news = yaml.safe_load(learned.packs["example.com"])
    assert news["sources"] == ["example.com"]
    lines = [r["drop-line"].get("line") for r in news["rules"] if "drop-line" in r]
    assert {corpus.NAV, corpus.FOOTER, corpus.TAIL, *corpus.TAIL_LINKS} <= set(lines)
    blog = _rules(learned.packs["other.org"])
    assert [r.get("drop-line", {}).get("line") for r in blog.values()] == [corpus.OTHER_CHROME, None]


def test_a_line_only_ever_followed_by_chrome_is_also_a_tail_cut() -> None:
    rules = _rules(_learn(corpus.records()).packs["example.com"])
    cuts = {r["truncate-at"].get("line"): r for r in rules.values() if "truncate-at" in r}
    assert corpus.TAIL in cuts
    assert cuts[corpus.TAIL]["min-words-before"] == DEFAULT.tail_min_words_before
    assert corpus.NAV not in cuts  # prose follows it
    text = _learn(corpus.records()).packs["example.com"]
    assert "&id" not in text and "*id" not in text  # each rule written out in full, no YAML aliases


def test_fewer_pages_than_tail_min_pages_make_no_cut() -> None:
    pages = min(DEFAULT.tail_min_pages, DEFAULT.zone_min_pages) - 2
    rules = _rules(_learn(corpus.records(pages=pages)).packs["example.com"])
    assert not [r for r in rules.values() if "truncate-at" in r]


def test_varying_numbers_become_templates() -> None:
    rules = _rules(_learn(corpus.records()).packs["example.com"])
    patterns = {r["drop-line"].get("regex") for r in rules.values() if "drop-line" in r} - {None}
    assert patterns == {r"^\s*Posted \d+ minutes ago\s*$", r"^\s*Comments \(\d+\)\s*$"}


def test_article_like_lines_are_spared_with_their_reason() -> None:
    learned = _learn(corpus.records())
    matchers = " ".join(str(r.get("drop-line")) for r in _rules(learned.packs["example.com"]).values())
    for line in ("Updated January", corpus.BYLINE, corpus.CREDIT, "rebuild the bridge"):
        assert line not in matchers
    reasons = {s.reason for s in learned.spared["example.com"]}
    assert reasons == {"dateline", "byline", "credit", "quote"}


def test_learned_packs_clean_the_pages_and_keep_the_articles(tmp_path) -> None:
    rows = corpus.records()
    learned = _learn(rows)
    for site, text in learned.packs.items():
        (tmp_path / f"{site}.yaml").write_text(text, encoding="utf-8")
    cleaner = Cleaner([tmp_path], defaults=False)
    page = corpus.news_page(random.Random(99), 3)
    cleaned = cleaner.clean(page, "https://news.example.com/x").splitlines()
    assert cleaned[0].startswith("Updated January")
    assert corpus.BYLINE in cleaned and corpus.CREDIT in cleaned and corpus.QUOTE in cleaned
    assert not {corpus.NAV, corpus.FOOTER, corpus.TAIL} & set(cleaned)
    assert [line for line in cleaned if len(line.split()) >= 25] == [
        line for line in page.splitlines() if len(line.split()) >= 25
    ]
    assert cleaner.clean(page, "https://elsewhere.net/x") == page  # another site: untouched


def test_the_same_corpus_gives_the_same_packs() -> None:
    assert _learn(corpus.records()).packs == _learn(corpus.records()).packs


def test_a_site_with_too_few_pages_teaches_nothing() -> None:
    assert _learn(corpus.records(pages=DEFAULT.min_site_pages - 1)).packs == {}


def test_short_lines_the_articles_also_say_are_spared_as_topics(tmp_path) -> None:
    rows = corpus.portal_records()
    learned = _learn(rows)
    rules = _rules(learned.packs["example.net"])
    lines = {r["drop-line"].get("line") for r in rules.values() if "drop-line" in r}
    assert set(corpus.TOOLS) <= lines  # the site's furniture, though its legal footer names it
    assert not set(corpus.TOPICS) & lines
    spared = {s.line: s.reason for s in learned.spared["example.net"]}
    assert {topic: spared.get(topic) for topic in corpus.TOPICS} == dict.fromkeys(corpus.TOPICS, "topic")
    (tmp_path / "portal.yaml").write_text(learned.packs["example.net"], encoding="utf-8")
    cleaned = Cleaner([tmp_path], defaults=False).clean(str(rows[1]["text"]), str(rows[1]["url"]))
    assert [line for line in cleaned.splitlines() if line.startswith("| ")] == list(corpus.TOPICS)


def test_a_series_keeps_the_sentences_it_repeats_and_loses_its_promos(tmp_path) -> None:
    """QA round N, N3: a background sentence every story of a series repeats between its
    paragraphs, a reporting scheme's credit and a stock reply are article text; the
    promos the paper puts between the same paragraphs are not."""
    rows = corpus.series_records()
    learned = _learn(rows)
    pack = learned.packs["example.org"]
    lines = {r["drop-line"].get("line") for r in _rules(pack).values() if "drop-line" in r}
    assert {corpus.SHIRE_NAV, *corpus.PROMOS} <= lines
    assert not {corpus.BACKGROUND, corpus.SCHEME, corpus.REPLY} & lines
    spared = {s.line: s.reason for s in learned.spared["example.org"]}
    assert spared == {corpus.BACKGROUND: "sentence", corpus.SCHEME: "credit", corpus.REPLY: "reported speech"}
    (tmp_path / "shire.yaml").write_text(pack, encoding="utf-8")
    page = corpus.series_page(random.Random(3), 4)
    cleaned = Cleaner([tmp_path], defaults=False).clean(page, "https://shirepost.example.org/new")
    kept = set(cleaned.splitlines())
    assert {corpus.BACKGROUND, corpus.SCHEME, corpus.REPLY} <= kept
    assert not {corpus.SHIRE_NAV, *corpus.PROMOS} & kept


def test_a_rule_gets_its_keep_example_from_a_later_page_when_the_second_has_none() -> None:
    # The second page holds nothing but the chrome: no line there to show as "keep".
    rng = random.Random(7)
    texts = [f"Watch the video\n{corpus.sentence(rng, 30)}" for _ in range(6)]
    texts[1] = "Watch the video"
    rows = [{"url": f"http://clips.example/{n}", "text": text} for n, text in enumerate(texts)]
    [rule] = _rules(_learn(rows).packs["clips.example"]).values()
    assert rule["drop-line"] == {"line": "Watch the video"}
    assert rule["examples"]["keep"] == [texts[2].splitlines()[1]]


def test_lines_are_split_as_the_cleaner_splits_them() -> None:
    """U+2028, U+0085, a form feed or a vertical tab stay inside their line when
    cleaning: learned from pieces of such a line, a rule could never match it."""
    chrome = ["Share\u2028this story", "Print\x0cthis page", "Save\x85for\x0blater"]
    rows = [{**r, "text": "\n".join([*chrome, str(r["text"])])} for r in corpus.records()]
    pack = _learn(rows).packs["example.com"]
    lines = {r["drop-line"].get("line") for r in _rules(pack).values() if "drop-line" in r}
    assert set(chrome) <= lines
    page = "\n".join([*chrome, corpus.news_page(random.Random(5), 1)])
    cleaned = Cleaner([parse_pack(pack, path="<learned>")], defaults=False).clean(page, "example.com")
    assert not any(line in cleaned for line in chrome) and corpus.BYLINE in cleaned


def test_a_court_reports_closing_notice_is_spared_and_what_follows_it_kept(tmp_path) -> None:
    """QA round N, N7: "The trial continues." ends every report of a court reporter; it
    was learned as a line and as a cut, and an updated report lost its verdict after it."""
    rows = corpus.court_records()
    learned = _learn(rows)
    pack = learned.packs["www.valleycourier.example"]
    assert corpus.COURT_CLOSE not in pack
    assert {s.line: s.reason for s in learned.spared["www.valleycourier.example"]} == {
        corpus.COURT_CLOSE: "proceedings"
    }
    (tmp_path / "court.yaml").write_text(pack, encoding="utf-8")
    update = [
        "Update, Friday: the jury returned its verdict at 3.40pm and the defendant showed no reaction.",
        "He will be sentenced on 14 April, and the judge told him to expect a prison sentence.",
    ]
    page = corpus.court_page(random.Random(5), 99) + "\n".join(update) + "\n"
    cleaned = Cleaner([tmp_path], defaults=False).clean(page, "https://www.valleycourier.example/court/99")
    assert cleaned.splitlines() == page.splitlines()[1:]  # the menu goes, the report stays whole


@pytest.mark.parametrize(
    ("url", "footer"),
    [("https://www.shirepost.example.org/news/", True), ("https://www.shirepost.co.uk/news/", False)],
    ids=["named by its copyright line", "named by its address"],
)
def test_a_papers_own_promos_between_paragraphs_are_learned_its_background_kept(
    tmp_path, url, footer
) -> None:
    """QA round Q, Q6: promos a paper puts between the paragraphs of every story, told in
    the third person ("The Shire Post app is free to download ...", "Subscribers get
    unlimited access ..."), were spared as a series' background sentence. They speak of
    the paper, which the stories never name; the background sentence stays spared."""
    rows = corpus.paper_records(url, footer=footer)
    learned = _learn(rows)
    [(site, pack)] = learned.packs.items()
    lines = {r["drop-line"].get("line") for r in _rules(pack).values() if "drop-line" in r}
    assert set(corpus.SITE_PROMOS) <= lines
    assert corpus.BACKGROUND not in lines
    assert {s.line: s.reason for s in learned.spared[site]} == {corpus.BACKGROUND: "sentence"}
    (tmp_path / "paper.yaml").write_text(pack, encoding="utf-8")
    page = corpus.paper_page(random.Random(3), 20, footer)
    kept = set(Cleaner([tmp_path], defaults=False).clean(page, f"{url}new").splitlines())
    assert corpus.BACKGROUND in kept
    assert not set(corpus.SITE_PROMOS) & kept


def test_a_campaigns_background_sentence_naming_the_paper_is_kept_where_its_stories_name_it() -> None:
    """A paper's campaign names the paper in its stories and in the sentence they repeat:
    that sentence shares the stories' topic, and is spared; the app and the subscription
    still speak of what the stories never mention."""
    learned = _learn(corpus.paper_records("https://www.shirepost.co.uk/news/", campaign=True))
    rules = _rules(learned.packs["shirepost.co.uk"]).values()
    lines = {r["drop-line"].get("line") for r in rules if "drop-line" in r}
    assert set(corpus.SITE_PROMOS[:2]) <= lines
    assert {s.line: s.reason for s in learned.spared["shirepost.co.uk"]}.get(corpus.CAMPAIGN) == "sentence"


def test_a_chinese_sites_chrome_is_learned_and_its_article_text_kept(tmp_path) -> None:
    """QA round N, N4c: counted at spaces, a Chinese line is one word, so the "Related
    reading" heading and the copyright footer were never learned (a line needs two
    words), while a dateline with a second token was learned as chrome."""
    rows = corpus.cjk_records()
    learned = _learn(rows)
    pack = learned.packs["example.cn"]
    lines = {r["drop-line"].get("line") for r in _rules(pack).values() if "drop-line" in r}
    assert {corpus.CJK_NAV, corpus.CJK_RELATED, corpus.CJK_FOOTER} <= lines
    spared = {s.line: s.reason for s in learned.spared["example.cn"]}
    assert spared[corpus.CJK_BACKGROUND] == "sentence"
    assert spared[corpus.CJK_DATELINE.format(day=1)] == "dateline"
    (tmp_path / "hegu.yaml").write_text(pack, encoding="utf-8")
    page = corpus.cjk_page(random.Random(3), 40)
    cleaned = (
        Cleaner([tmp_path], defaults=False).clean(page, "https://www.hegu.example.cn/n/new").splitlines()
    )
    assert cleaned == [line for line in page.splitlines() if line not in lines]
    assert cleaned[1:7] == page.splitlines()[2:8]  # the dateline, the paragraphs, the background
