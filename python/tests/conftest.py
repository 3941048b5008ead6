"""Shared fixtures: a seeded generator, the repository's paths, and the memwin CLI for agreement tests."""

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def rng():
    return np.random.default_rng(20261127)


def cli_binary():
    """The `memwin` command: $MEMWIN_CLI, or else built from this tree now (cargo does nothing when it is
    fresh; the dev profile, as `cargo test` builds it, since the bits do not depend on the profile). A binary
    lying in target/ could be older than the kernel under test. None, with the reason, without cargo."""
    if os.environ.get("MEMWIN_CLI"):
        return Path(os.environ["MEMWIN_CLI"]), None
    if shutil.which("cargo") is None:
        return None, "no memwin CLI to compare with: set MEMWIN_CLI, or install cargo to build it"
    subprocess.run(["cargo", "build", "--quiet", "-p", "memwin-cli"], cwd=REPO, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "debug" / "memwin", None


@pytest.fixture(scope="session")
def memwin_cli():
    path, why = cli_binary()
    if path is None:
        pytest.skip(why)
    return path
