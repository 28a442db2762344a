"""Generated corpora for the learner's tests: sites whose pages repeat their chrome
around articles made of random words, with the article-like lines a site also
repeats (a dateline, a regular byline, an agency credit, a quote)."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = tuple(
    [
        "council",
        "bridge",
        "river",
        "vote",
        "budget",
        "mayor",
        "school",
        "road",
        "city",
        "night",
        "water",
        "plan",
        "report",
        "winter",
        "market",
        "station",
        "police",
        "farmers",
        "court",
        "hospital",
        "museum",
        "league",
        "players",
        "season",
    ]
)

NAV = "Home | World | Sport | Weather | Travel"
FOOTER = "© 2010 Example News Group. All rights reserved."
TAIL = "More from Example News"
TAIL_LINKS = ("Sign up for our morning briefing", "Download the Example News app")
DATELINE = "Updated January {day}, 2010"
BYLINE = "By Jane Porter"
CREDIT = "The Associated Press contributed to this report."
QUOTE = '"We will rebuild the bridge before the winter," the mayor said again.'
OTHER_CHROME = "Share this post with your friends"


# A magazine whose readers comment under the articles: the chrome zone after the
# article (ZONE), then a bare "Comments" and the comments, prose; and a lone ADVERT
# between two paragraphs. DAILY_BLOCK: two lines of chrome in the middle of an article,
# with the footer still to come.
MAG_NAV = "Magazine | Politics | Culture | Books"
ZONE = ("If you value this piece, become a member.", "Reprint this piece from our rights page.")
ADVERT = "Advertisement from our sponsors"
DAILY_BLOCK = ("Advertisement from the Daily", "Scroll on to keep reading")
DAILY_FOOTER = ("About us | Contact | Jobs", "© 2015 Daily Example Ltd")
READERS = ("leftcadio", "marta_k", "oldreader", "jb1952", "northwind")
VOICES = ("I think the", "You are wrong about the", "My neighbours and I saw the", "We all know the")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def news_page(rng: random.Random, n: int) -> str:
    """A page of news.example.com: chrome at both ends, an article in between."""
    article = [sentence(rng, rng.randint(25, 40)) for _ in range(rng.randint(4, 6))]
    lines = [NAV, f"Posted {rng.randint(2, 59)} minutes ago", DATELINE.format(day=n % 28 + 1), BYLINE]
    lines += article[:2] + ([QUOTE] if n % 3 == 0 else []) + article[2:] + [CREDIT]
    lines += [f"Comments ({rng.randint(1, 300)})", TAIL, *TAIL_LINKS, FOOTER]
    return "\n".join(lines) + "\n"


def blog_page(rng: random.Random, n: int) -> str:
    return "\n".join([sentence(rng, 30), sentence(rng, 28), OTHER_CHROME]) + "\n"


def magazine_page(rng: random.Random, n: int, voice: bool = False) -> str:
    """A page of mag.example.org: reader comments after the chrome zone, on three pages
    in four: prose, each signed on a short line of its own, as a thread is; or, with
    ``voice``, a sentence each in the reader's own voice, unsigned."""
    article = [sentence(rng, rng.randint(25, 40)) for _ in range(rng.randint(4, 6))]
    comments: list[str] = []
    for _ in range(rng.randint(2, 6) if n % 4 else 0):
        if voice:
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))
            comments.append(f"{rng.choice(VOICES)} {words}.")
            continue
        signature = f"posted by: {rng.choice(READERS)} at 06/{n % 28 + 1}/2010"
        comments += [sentence(rng, rng.randint(20, 35)), signature]
    lines = [MAG_NAV, *article[:2], ADVERT, *article[2:], *ZONE, "Comments", *comments]
    return "\n".join(lines) + "\n"


def daily_page(rng: random.Random, n: int, footer: bool = True) -> str:
    """A page of daily.example.net: a block of chrome mid-article, a footer after it
    (or none: the extractor dropped it, and the block is the page's last chrome)."""
    article = [sentence(rng, rng.randint(25, 40)) for _ in range(rng.randint(4, 6))]
    return "\n".join([*article[:2], *DAILY_BLOCK, *article[2:], *(DAILY_FOOTER if footer else ())]) + "\n"


def footerless_records(pages: int = 30, seed: int = 13) -> list[dict[str, object]]:
    """``pages`` pages of daily.example.net without their footer."""
    rng = random.Random(seed)
    texts = [daily_page(rng, n, footer=False) for n in range(pages)]
    return [{"id": f"d{n}", "url": f"https://daily.example.net/{n}", "text": t} for n, t in enumerate(texts)]


# A paper that puts a newsletter box in the middle of every story (BRIEFING): on most
# pages the story goes on after it, short stories end there (one page in fifteen).
BRIEFING = ("Sign up to the Morning Briefing", "The best of our journalism, every weekday at 7am")


def briefing_page(rng: random.Random, n: int, style: str = "long") -> str:
    """A page of paper.example.co.uk: a headline, the story's opening, the box, and (but
    on every fifteenth page) the rest of the story. ``style`` "long": paragraphs of 40 to
    90 words, two before the box; "wire": written as wire copy, every paragraph a sentence
    of 12 to 18 words, five before the box; "lede": three paragraphs of 30 to 40 words (a
    lede of three sentences), then paragraphs of one sentence, 12 to 16 words."""
    lede, wire = style == "lede", style == "wire"
    low, high = (12, 16) if lede else (12, 18) if wire else (40, 90)
    lines = [sentence(rng, rng.randint(6, 9))[:-1]]
    if lede:
        lines += [" ".join(sentence(rng, rng.randint(10, 13)) for _ in range(3)) for _ in range(3)]
    else:
        lines += [sentence(rng, rng.randint(low, high)) for _ in range(5 if wire else 2)]
    lines += BRIEFING
    if n % 15:
        rest = rng.randint(3, 5) if lede else rng.randint(2, 4)
        lines += [sentence(rng, rng.randint(low, high)) for _ in range(rest)]
    return "\n".join(lines) + "\n"


def briefing_records(pages: int = 60, seed: int = 17, style: str = "long") -> list[dict[str, object]]:
    rng = random.Random(seed)
    texts = [briefing_page(rng, n, style) for n in range(pages)]
    return [{"id": str(n), "url": f"https://paper.example.co.uk/{n}", "text": t} for n, t in enumerate(texts)]


# A portal whose pages end on links to related topics, short lines the site repeats:
# TOPICS name what the articles beside them are about (an article on the party says
# "Green Party" in its own prose), TOOLS are the site's furniture, which the site's
# legal footer, a long line but no article's, names too.
TOPICS = ("| · | Green Party |", "| · | Democratic National Convention |")
TOOLS = ("| Story Tools |", "| Search News |")
FOOTER_LEGAL = (
    "Copyright 2010 Portal Example. The Story Tools and any other material on this site may"
    " not be reproduced without written permission, as the terms of service say."
)


def portal_page(rng: random.Random, n: int) -> str:
    """A page of portal.example.net: an article, the related topics on every page, and
    the topic itself in the article's prose on every other page."""
    article = [sentence(rng, rng.randint(25, 40)) for _ in range(rng.randint(3, 5))]
    if n % 2:
        topic = TOPICS[n % 4 // 2].strip("| ·")
        article[1] = article[1][:-1] + f" and the {topic} candidate said so again."
    return "\n".join([*TOOLS[:1], *article, *TOPICS, *TOOLS[1:], FOOTER_LEGAL]) + "\n"


def portal_records(pages: int = 30, seed: int = 5) -> list[dict[str, object]]:
    rng = random.Random(seed)
    texts = [portal_page(rng, n) for n in range(pages)]
    return [{"id": f"p{n}", "url": f"https://portal.example.net/{n}", "text": t} for n, t in enumerate(texts)]


# A local paper's series of stories on the county's budget: each story repeats, between
# its paragraphs, the series' background sentence (BACKGROUND, a sentence of the report),
# the reporting scheme's credit (SCHEME) and the council's stock reply in reported speech
# (REPLY); and the paper puts its promos between the paragraphs too (PROMOS: a line that
# speaks to the reader, and a long one calling on the reader to read on).
BACKGROUND = (
    "The county must find savings of £9 million by 2027 because the grant it gets from"
    " central government has fallen by a quarter since 2021."
)
SCHEME = "This report is part of the Shire Public Interest Reporting Service, funded by local papers."
REPLY = "A county spokesman said it would not comment on the cuts before the vote."
PROMOS = (
    "Sign up for our daily newsletter.",
    "Read the rest of the coverage of the county budget in the special report section online.",
)
SHIRE_NAV = "Home | County | Schools | Roads | Contact"


def series_page(rng: random.Random, n: int) -> str:
    """A page of shirepost.example.org: a headline, then paragraphs with the series' own
    sentences and the paper's promos between them, the promos not in the same place on
    every page."""
    paragraphs = [sentence(rng, rng.randint(22, 35)) for _ in range(4)]
    lines = [SHIRE_NAV, sentence(rng, 7)[:-1], paragraphs[0], BACKGROUND, SCHEME, paragraphs[1]]
    lines += [PROMOS[n % 2], paragraphs[2], REPLY, PROMOS[1 - n % 2], paragraphs[3]]
    return "\n".join(lines) + "\n"


def series_records(pages: int = 15, seed: int = 23) -> list[dict[str, object]]:
    rng = random.Random(seed)
    texts = [series_page(rng, n) for n in range(pages)]
    return [{"url": f"https://shirepost.example.org/{n}", "text": t} for n, t in enumerate(texts)]


# The paper's own promos between the same paragraphs, told in the third person as a report
# is (SITE_PROMOS): they name the paper, as its address or its copyright line
# (PAPER_FOOTER) does, or what it sells; the stories never do. A paper that campaigns
# names itself in the campaign's stories, and in their background sentence (CAMPAIGN).
PAPER_FOOTER = "© 2026 The Shire Post"
SITE_PROMOS = (
    "The Shire Post app is free to download on iPhone and Android devices, with alerts for every"
    " breaking story.",
    "Subscribers get unlimited access to every story, the daily puzzle and the e-edition for £1 a week.",
    "Readers can now follow every Shire Post story on WhatsApp by joining the official channel from today.",
)
CAMPAIGN = (
    "The Shire Post has campaigned to keep every library of the county open since the cuts"
    " were announced in 2024."
)


def paper_page(rng: random.Random, n: int, footer: bool = True, campaign: bool = False) -> str:
    """A page of the Shire Post: a headline, five paragraphs with the background sentence
    (or the campaign's) after the first and the paper's promos between the others, in
    turn; its copyright line last when ``footer``. With ``campaign`` the story names the
    paper in its first paragraph."""
    paragraphs = [sentence(rng, rng.randint(22, 35)) for _ in range(5)]
    if campaign:
        paragraphs[0] = paragraphs[0][:-1] + ", the Shire Post campaign was told."
    promos = SITE_PROMOS[n % 3 :] + SITE_PROMOS[: n % 3]
    lines = [SHIRE_NAV, sentence(rng, 7)[:-1], paragraphs[0], CAMPAIGN if campaign else BACKGROUND]
    for paragraph, promo in zip(paragraphs[1:4], promos, strict=True):
        lines += [paragraph, promo]
    lines += [paragraphs[-1], *([PAPER_FOOTER] if footer else [])]
    return "\n".join(lines) + "\n"


def paper_records(
    url: str, pages: int = 15, seed: int = 31, footer: bool = True, campaign: bool = False
) -> list[dict[str, object]]:
    """``pages`` pages of the Shire Post, at ``url`` followed by the page's number."""
    rng = random.Random(seed)
    texts = [paper_page(rng, n, footer, campaign) for n in range(pages)]
    return [{"url": f"{url}{n}", "text": t} for n, t in enumerate(texts)]


# A court reporter's reports, day by day: each ends, as UK court copy does, on the
# proceedings' notice (COURT_CLOSE), the last line of every page.
COURT_CLOSE = "The trial continues."
COURT_NAV = "Home | Court | News | Sport"


def court_page(rng: random.Random, n: int) -> str:
    """A page of valleycourier.example: a headline, three paragraphs, the prosecutor's
    words in reported speech, and the notice."""
    lines = [COURT_NAV, sentence(rng, 8)[:-1], *(sentence(rng, rng.randint(22, 35)) for _ in range(3))]
    lines += [f"Prosecutor Anna Hart told the jury that the {sentence(rng, 10).lower()}", COURT_CLOSE]
    return "\n".join(lines) + "\n"


def court_records(pages: int = 24, seed: int = 29) -> list[dict[str, object]]:
    rng = random.Random(seed)
    texts = [court_page(rng, n) for n in range(pages)]
    return [{"url": f"https://www.valleycourier.example/court/{n}", "text": t} for n, t in enumerate(texts)]


# A Chinese local paper: words of two characters, no spaces between them. Its chrome: a
# menu, a "Related reading" heading over two headlines (CJK_RELATED), a copyright footer
# of one token (CJK_FOOTER); its article text it repeats: a dateline (CJK_DATELINE) and the
# background sentence of a series between two paragraphs (CJK_BACKGROUND).
CJK_WORDS = ("城市", "河流", "学校", "医院", "市场", "警方", "法院", "农民", "桥梁", "预算", "冬天", "车站")
CJK_NAV = "首页 新闻 体育 天气"
CJK_RELATED = "相关阅读"
CJK_FOOTER = "版权所有©2026河谷日报"
CJK_DATELINE = "2026年3月{day}日 来源\uff1a河谷日报"
CJK_BACKGROUND = "市政府今年必须节省九百万元\uff0c因为中央政府的拨款自2021年以来已经减少了四分之一。"


def cjk_sentence(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(CJK_WORDS) for _ in range(words)) + "。"


def cjk_page(rng: random.Random, n: int) -> str:
    """A page of the Chinese paper: menu, headline, dateline, four paragraphs of 20 to 35
    words with the background sentence after the first, then the related headlines and
    the footer."""
    paragraphs = [cjk_sentence(rng, rng.randint(20, 35)) for _ in range(4)]
    lines = [CJK_NAV, cjk_sentence(rng, 6)[:-1], CJK_DATELINE.format(day=n % 28 + 1)]
    lines += [paragraphs[0], CJK_BACKGROUND, *paragraphs[1:], CJK_RELATED]
    lines += [cjk_sentence(rng, rng.randint(5, 8))[:-1] for _ in range(2)]
    return "\n".join([*lines, CJK_FOOTER]) + "\n"


def cjk_records(pages: int = 12, seed: int = 37) -> list[dict[str, object]]:
    rng = random.Random(seed)
    return [{"url": f"https://www.hegu.example.cn/n/{n}", "text": cjk_page(rng, n)} for n in range(pages)]


def commented_records(pages: int = 30, seed: int = 11, voice: bool = False) -> list[dict[str, object]]:
    """``pages`` pages of mag.example.org and of daily.example.net, interleaved."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for n in range(pages):
        page = magazine_page(rng, n, voice)
        out.append({"id": f"m{n}", "url": f"https://mag.example.org/{n}", "text": page})
        out.append({"id": f"d{n}", "url": f"https://daily.example.net/{n}", "text": daily_page(rng, n)})
    return out


def records(pages: int = 30, seed: int = 7) -> list[dict[str, object]]:
    """``pages`` pages of news.example.com (two hosts) and of blog.other.org, interleaved."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for n in range(pages):
        host = "www.example.com" if n % 2 else "news.example.com"
        out.append({"id": f"n{n}", "url": f"https://{host}/2010/{n}", "text": news_page(rng, n)})
        out.append({"id": f"b{n}", "url": f"http://blog.other.org/p/{n}", "text": blog_page(rng, n)})
    return out


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
