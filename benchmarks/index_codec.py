"""How fast the claim index's rows decode: MessagePack and JSON of the claims' fields against pickle.

    python benchmarks/index_codec.py                  # about 5,000 claims
    python benchmarks/index_codec.py --claims 20000

Builds the claims of every example article and beat story (``data/articles``,
``data/beats``), repeats them file by file to the size asked, and encodes each file's
claims as the index stores a row: MessagePack (what the index uses), JSON (both by
msgspec, decoded into the model's types and validated) and pickle (what it used to
store, which runs whatever a row holds). Prints the bytes and the best of seven
decodes of every row for each, and their ratios to pickle. Every row is checked to
come back equal to what was encoded.
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from figures.ingest import read_article
from figures.model import Claim
from figures.rules.loader import load_rulebook
from figures.runtime.tasks import build

ROOT = Path(__file__).resolve().parent.parent


def rows(claims: int) -> list[tuple[Claim, ...]]:
    """Each example file's claims, repeated until there are ``claims`` of them."""
    rulebook = load_rulebook(ROOT / "examples" / "central-asia" / "rules")
    paths = sorted([*(ROOT / "data" / "articles").glob("*.md"), *(ROOT / "data" / "beats").glob("*/*.md")])
    per_file = [build(read_article(str(p)), rulebook) for p in paths]
    out: list[tuple[Claim, ...]] = []
    while sum(map(len, out)) < claims:
        out.extend(per_file)
    return out


def best(decode: Callable[[bytes], object], blobs: list[bytes], times: int = 7) -> float:
    """The best wall time, in seconds, of decoding every blob."""
    fastest = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        for blob in blobs:
            decode(blob)
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000)
    args = parser.parse_args()
    data = rows(args.claims)
    kind = tuple[Claim, ...]
    codecs = {
        "msgpack": (msgspec.msgpack.Encoder().encode, msgspec.msgpack.Decoder(type=kind).decode),
        "json": (msgspec.json.Encoder().encode, msgspec.json.Decoder(type=kind).decode),
        "pickle": (lambda c: pickle.dumps(c, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads),
    }
    print(f"{len(data)} rows, {sum(map(len, data))} claims")
    results = {}
    for name, (encode, decode) in codecs.items():
        blobs = [encode(c) for c in data]
        assert all(repr(decode(b)) == repr(c) for b, c in zip(blobs, data, strict=True)), name
        results[name] = (sum(map(len, blobs)), best(decode, blobs))
    size0, time0 = results["pickle"]
    print(f"{'format':8}  {'MB':>6}  {'decode ms':>9}  {'us/claim':>8}  {'time/pickle':>11}  {'size/pickle':>11}")
    for name, (size, seconds) in results.items():
        per = seconds / sum(map(len, data)) * 1e6
        ratios = f"{seconds / time0:11.2f}  {size / size0:11.2f}"
        print(f"{name:8}  {size / 1e6:6.2f}  {seconds * 1e3:9.1f}  {per:8.2f}  {ratios}")


if __name__ == "__main__":
    main()
