"""Record, then compare, what ``figures check --format json`` says about a fixed set of inputs.

    python benchmarks/unchanged.py record /tmp/before      # on the commit to compare against
    python benchmarks/unchanged.py compare /tmp/before     # on the working tree: exit 1 on any difference

The inputs are the example corpus (``data/articles``), the beats (``data/beats``), the seed
articles when ``../shared/seeds`` is beside the project, and 1,000 articles from
``generate.py`` (written to a folder beside the recording, so both runs read the same
paths). Each run is made from the project folder, so it reads the project's rules as a
user's run would, with ``--no-index`` so that no cache can hide a change. A restructuring
of the code must leave every byte of every output, and every exit status, as it was.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent.parent / "shared" / "seeds"


def _inputs(record: Path) -> dict[str, Path]:
    generated = record / "generated"
    if not generated.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1000", str(generated)], check=True, cwd=ROOT
        )
    inputs = {"articles": Path("data/articles"), "beats": Path("data/beats"), "generated": generated}
    if SEEDS.is_dir():
        inputs["seeds"] = SEEDS
    return inputs


def _run(path: Path) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "figures", "check", str(path), "--format", "json", "--no-index"],
        capture_output=True,
        cwd=ROOT,
        env=env,
    )
    return done.stdout + f"\nexit {done.returncode}\n".encode() + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("folder", type=Path, help="where the recording is kept")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, path in _inputs(args.folder.resolve()).items():
        output = _run(path)
        kept = args.folder / f"{name}.out"
        if args.mode == "record":
            kept.write_bytes(output)
        elif kept.read_bytes() != output:
            changed.append(name)
            (args.folder / f"{name}.now").write_bytes(output)
        print(f"{name}: {'recorded' if args.mode == 'record' else 'changed' if name in changed else 'same'}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
