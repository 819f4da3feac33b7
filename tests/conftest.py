from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check behaviour, not speed (benchmarks/ measures that): no per-example deadline,
# so a loaded CI machine cannot fail them on time alone.
settings.register_profile("figures", deadline=None)
settings.load_profile("figures")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def root() -> Path:
    return ROOT
