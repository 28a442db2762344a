"""What the packs cost in article words, page by page, on the evaluation pages of ../shared/eval.

    python benchmarks/word_loss.py                 # every dataset, both halves, and sites/
    python benchmarks/word_loss.py --rules DIR     # with extra packs (a learned folder)

score.py and sites.py count lines: a line is content when its words are in the gold word
for word. An old layout-table page writes its whole story as one line, beside a caption or
a byline the gold leaves out; that line counts as residue, and a cut that takes it shows
as one line lost, or none. Three dev pages lost their whole story that way before
``long-line``. Here a page's loss is counted in words: the gold's 4-word shingles found
in the text before cleaning and no longer found after it.

Prints, per dataset and half, the pages that lose at least ``--share`` (10%) of those
shingles and the share lost over all pages. Pages of the train half and of sites/ are
named with the rules that removed the most lines; pages of the check half are only
counted, never shown (they stand in for pages nobody has read). A script, not a test:
tests/test_word_loss.py holds the train half and sites/ (packs, and packs with what learn
finds there) to it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleaner import Cleaner

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DATASETS = ("l3s-gn1", "scrapinghub-aeb", "wcxb")
SITES = "crawl-to-the-future"


@dataclass(frozen=True)
class Page:
    group: str  # "DATASET train", "DATASET check" or "sites"
    name: str
    url: str | None
    gold: str
    extracted: str

    @property
    def shown(self) -> bool:
        return not self.group.endswith(" check")


@dataclass(frozen=True)
class Loss:
    page: Page
    before: int  # gold shingles in the text before cleaning
    after: int  # ... and after it
    rules: tuple[tuple[str, int], ...]  # the rules that removed the most lines, with their counts

    @property
    def share(self) -> float:
        return (self.before - self.after) / self.before if self.before else 0.0


def _score_module(eval_dir: Path):
    """score.py of the evaluation: its shingles and its halves (a hash of the host) are the
    ones every figure is measured with."""
    sys.path.insert(0, str(eval_dir))
    try:
        return importlib.import_module("score")
    finally:
        sys.path.remove(str(eval_dir))


def pages(eval_dir: Path = EVAL, halves: tuple[str, ...] = ("train", "check")) -> Iterator[Page]:
    """The annotated pages with a gold text: each dataset's pages of ``halves``, then sites/."""
    yield from dev_pages(eval_dir, halves)
    yield from site_pages(eval_dir)


def dev_pages(eval_dir: Path = EVAL, halves: tuple[str, ...] = ("train", "check")) -> Iterator[Page]:
    """Each dataset's pages of ``halves``; a page of another half is not read."""
    half_of = _score_module(eval_dir).half_of
    for dataset in DATASETS:
        for meta in _metas(eval_dir / "dev" / dataset):
            url, name = _url(meta), _stem(meta)
            half = half_of({"url": url, "name": name})
            if half in halves and (texts := _texts(meta)) is not None:
                yield Page(f"{dataset} {half}", name, url, *texts)


def site_pages(eval_dir: Path = EVAL) -> Iterator[Page]:
    """The pages of sites/ (many pages of each of a few sites)."""
    for meta in _metas(eval_dir / "sites" / SITES):
        if (texts := _texts(meta)) is not None:
            yield Page("sites", _stem(meta), _url(meta), *texts)


def _metas(folder: Path) -> list[Path]:
    """A page's NAME.json (not the folder's INDEX.json), in name order."""
    return sorted(meta for meta in folder.glob("*.json") if meta.name != "INDEX.json")


def _stem(meta: Path) -> str:
    return meta.name.removesuffix(".json")


def _url(meta: Path) -> str | None:
    return json.loads(meta.read_text(encoding="utf-8")).get("url")


def _texts(meta: Path) -> tuple[str, str] | None:
    """The page's gold and extracted texts, or None if it lacks one."""
    gold, extracted = (meta.with_name(f"{_stem(meta)}.{kind}.txt") for kind in ("gold", "extracted"))
    if not gold.exists() or not extracted.exists():
        return None
    return gold.read_text(encoding="utf-8"), extracted.read_text(encoding="utf-8")


def losses(cleaner: Cleaner, found: Iterator[Page], eval_dir: Path = EVAL) -> Iterator[Loss]:
    """Each page's gold shingles before and after ``cleaner``."""
    shingles: Callable[[str], Counter] = _score_module(eval_dir).shingles
    for page in found:
        gold = shingles(page.gold)
        before = sum((gold & shingles(page.extracted)).values())
        result = cleaner.run(page.extracted, source=page.url)
        after = sum((gold & shingles(result.text)).values())
        rules = Counter(removal.rule_id for removal in result.removals).most_common(2)
        yield Loss(page, before, after, tuple(rules))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="the evaluation folder (../shared/eval)")
    parser.add_argument("--rules", type=Path, action="append", default=[], help="extra pack file or folder")
    parser.add_argument("--share", type=float, default=0.1, help="share of a page that counts as damage")
    args = parser.parse_args()
    if not (args.eval / "dev").is_dir():
        print(f"{args.eval}/dev not found", file=sys.stderr)
        return 2
    cleaner = Cleaner(rules=args.rules) if args.rules else Cleaner()
    groups: dict[str, list[Loss]] = {}
    for loss in losses(cleaner, pages(args.eval), args.eval):
        groups.setdefault(loss.page.group, []).append(loss)
    for group, found in groups.items():
        damaged = [loss for loss in found if loss.share >= args.share]
        before = sum(loss.before for loss in found)
        lost = sum(loss.before - loss.after for loss in found)
        print(
            f"{group:22} {len(found):5} pages  losing >= {args.share:.0%}: {len(damaged):3}"
            f"  gold shingles lost {lost / before if before else 0:.2%}"
        )
        for loss in damaged:
            if loss.page.shown:
                rules = ", ".join(f"{rule} x{count}" for rule, count in loss.rules)
                print(f"    {loss.page.name}: {loss.before - loss.after} of {loss.before} ({rules})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
