"""A generated archive of news articles with planted conflicts, deterministic from a seed.

    python benchmarks/generate.py 1000 /tmp/archive            # planted conflicts
    python benchmarks/generate.py 1000 /tmp/clean --clean      # the same archive, no conflict
    python benchmarks/generate.py 1000 /tmp/restated --restated   # one story restated for a year

The archive is made of stories: three to six articles from different outlets, a few
days apart, on one country's monthly figures (annual inflation, unemployment and the
central bank's policy rate for one month of one year). Paragraph order, wording,
outlets and dates vary; each story's numbers agree across its articles, except in
one story out of ``--conflict-every``, where one article misstates annual inflation
by a few points. Stories never share a country and month, so each planted conflict
is exactly one expected FG301 finding, and the clean variant must give none.

``--restated`` writes a different archive: variants of ``data/articles``, each dated on
a day of 2023 and with about 15% of its numbers changed, as a newsroom that covers one
story for years has. Its articles restate the same few claims thousands of times, with
a handful of values each, so its checks meet large groups of conflicting claims.
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = (
    "Argentina Australia Austria Belgium Brazil Bulgaria Canada Chile Colombia Croatia Denmark Egypt Estonia "
    "Finland France Germany Ghana Greece Hungary Iceland India Indonesia Ireland Israel Italy Japan Kenya Latvia "
    "Lithuania Malaysia Mexico Morocco Nigeria Norway Pakistan Peru Philippines Poland Portugal Romania Serbia "
    "Slovakia Slovenia Spain Sweden Switzerland Thailand Tunisia Turkey Uganda Uruguay Vietnam Zambia"
).split()
OUTLETS = ("Daily Ledger", "Northern Wire", "The Courier", "Market Post", "Evening Standard Review", "Civic Times")
YEARS = range(1951, 2025)
ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
# A whole number or a decimal, not part of a longer number or a word ("1,000" restates its "1").
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:\.\d+)?(?!\w)")

LEADS = (
    "Annual inflation in {country} {verb} to {inflation}% in {month} {year}, the statistics office said on {weekday}.",
    "{country}'s annual inflation rate {verb} to {inflation}% in {month} {year}, official data showed on {weekday}.",
    "Consumer prices in {country} were up {inflation}% year on year in {month} {year}, the statistics office said.",
)
JOBS = (
    "Unemployment in {country} stood at {unemployment}% in {month} {year}.",
    "{country}'s jobless rate was {unemployment}% in {month} {year}, the labour ministry said.",
)
RATES = (
    "The central bank kept its policy rate at {rate}% in {month} {year}.",
    "{country}'s central bank held its benchmark rate at {rate}% in {month} {year}.",
)
COLOUR = (
    "Economists said food and energy prices drove most of the change, while rents rose more slowly.",
    "Shoppers in the capital said they had cut back on meat and travel over the winter.",
    "The finance minister told parliament the government would review public sector pay in the spring.",
    "Analysts expect the figures for the following month to be published in about four weeks.",
    "Business groups asked for lower taxes on fuel, saying transport costs were squeezing small firms.",
)


@dataclass(frozen=True)
class Story:
    """One country's figures for one month, told by several articles."""

    number: int
    country: str
    year: int
    month: int
    inflation: float
    unemployment: float
    rate: float
    articles: int
    conflict: bool


def stories(count: int, seed: int, conflict_every: int, clean: bool) -> list[Story]:
    """``count`` articles' worth of stories, each on a country and month no other story has."""
    rng = random.Random(seed)
    slots = [(c, y, m) for c in COUNTRIES for y in YEARS for m in range(1, 13)]
    rng.shuffle(slots)
    out, total = [], 0
    while total < count:
        if len(out) >= len(slots):
            raise SystemExit(f"at most {len(slots)} stories; ask for fewer articles")
        country, year, month = slots[len(out)]
        size = min(rng.randint(3, 6), count - total)
        if count - total - size == 1:
            size += 1  # no story of one article: it could not disagree with anything
        n = len(out)
        out.append(
            Story(
                n,
                country,
                year,
                month,
                round(rng.uniform(1.0, 40.0), 1),
                round(rng.uniform(2.0, 20.0), 1),
                round(rng.uniform(0.5, 30.0), 2),
                size,
                not clean and n % conflict_every == conflict_every - 1,
            )
        )
        total += size
    return out


def article(story: Story, k: int, rng: random.Random) -> tuple[str, str]:
    """The file name and text of article ``k`` of a story."""
    published = datetime.date(story.year, story.month, calendar.monthrange(story.year, story.month)[1])
    published += datetime.timedelta(days=3 + k + rng.randint(0, 1))
    inflation = story.inflation
    if story.conflict and k == story.articles - 1:
        delta = rng.choice((-1, 1)) * rng.uniform(4.0, 9.0)
        # Never below zero: a story at 2% misstated downwards is misstated upwards instead.
        inflation = round(inflation + delta if inflation + delta > 0.5 else inflation + abs(delta), 1)
    values = {
        "country": story.country,
        "month": calendar.month_name[story.month],
        "year": story.year,
        "weekday": calendar.day_name[published.weekday()],
        "verb": rng.choice(("rose", "climbed", "eased", "slowed")),
        "inflation": f"{inflation:.1f}",
        "unemployment": f"{story.unemployment:.1f}",
        "rate": f"{story.rate:.2f}",
    }
    body = [rng.choice(JOBS).format(**values), rng.choice(RATES).format(**values)]
    body += rng.sample(COLOUR, 2)
    rng.shuffle(body)
    paragraphs = [rng.choice(LEADS).format(**values), *body]
    outlet = OUTLETS[(story.number + k) % len(OUTLETS)]
    title = f"{story.country}: prices and jobs in {values['month']} {story.year}"
    front = f"---\ntitle: {json.dumps(title)}\noutlet: {outlet}\ndate: {published.isoformat()}\n---\n"
    name = f"s{story.number:06d}-{k}.md"
    return name, front + "\n\n".join(paragraphs) + "\n"


def generate(folder: Path, count: int, seed: int = 1, conflict_every: int = 10, clean: bool = False) -> list[Story]:
    """Write ``count`` articles into ``folder`` (in subfolders of 1,000 files); return the stories."""
    folder.mkdir(parents=True, exist_ok=True)
    planned = stories(count, seed, conflict_every, clean)
    written = 0
    for story in planned:
        rng = random.Random(f"{seed}-{story.number}")
        for k in range(story.articles):
            name, text = article(story, k, rng)
            sub = folder / f"{written // 1000:04d}"
            sub.mkdir(exist_ok=True)
            (sub / name).write_text(text, encoding="utf-8")
            written += 1
    return planned


def restated(folder: Path, count: int, seed: int = 1, share: float = 0.15) -> None:
    """Write ``count`` variants of ``data/articles`` into ``folder`` (in subfolders of 1,000 files).

    Article ``n`` is ``data/articles``' article ``n`` modulo their number, dated on a day of
    2023, each number of its body changed (its whole part plus 1 to 9) with probability
    ``share``.
    """
    rng = random.Random(seed)
    sources = sorted(ARTICLES.glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in sources]

    def changed(m: re.Match) -> str:
        return str(int(float(m.group(0))) + rng.randint(1, 9)) if rng.random() < share else m.group(0)

    for n in range(count):
        k = n % len(texts)
        head, sep, body = texts[k].partition("\n---\n")
        day = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        head = re.sub(r"date: .*", f"date: {day.isoformat()}", head)
        sub = folder / f"{n // 1000:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{sources[k].stem}-{n:06d}.md").write_text(head + sep + _NUMBER.sub(changed, body), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--conflict-every", type=int, default=10, help="one story in N has a planted conflict")
    parser.add_argument("--clean", action="store_true", help="the same archive without planted conflicts")
    parser.add_argument("--restated", action="store_true", help="variants of data/articles restating their claims")
    args = parser.parse_args()
    if args.restated:
        restated(args.folder, args.count, args.seed)
        print(f"{args.count} restated articles in {args.folder}")
        return
    planned = generate(args.folder, args.count, args.seed, args.conflict_every, args.clean)
    conflicts = sum(s.conflict for s in planned)
    print(f"{args.count} articles, {len(planned)} stories, {conflicts} planted conflicts in {args.folder}")


if __name__ == "__main__":
    main()
