#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine too. Installs what is missing (idempotently), then runs the
# native Rust tests (kernel, CLI, numpy interop), then the browser tests (wasm in Chromium, Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
export MEMWIN_PYTHON="$PWD/.venv/bin/python"

echo "== native: cargo test (stable Rust)" >&2
# The default members (kernel and CLI); the Python crate is built and tested by maturin + pytest below.
MEMWIN_REQUIRE_NUMPY=1 cargo test

echo "== python: the package (maturin) and its pytest suite, Dask included" >&2
bash scripts/test-python.sh

echo "== browser: wasm-pack test + Playwright" >&2
bash scripts/ensure-web-tools.sh
bash scripts/test-web.sh
