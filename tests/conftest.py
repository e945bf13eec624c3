from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout (CI has it); tests that read it skip with the reason when it is absent."""
    if not (SHARED / "SCHEMA.md").is_file():
        pytest.skip(f"../shared is not beside this checkout (looked for {SHARED}); gold data and scorers unavailable")
    return SHARED
