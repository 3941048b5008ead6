#!/usr/bin/env bash
# The browser tests, in Debian's Chromium:
#   (a) `wasm-pack test --headless --chrome`: the kernel compiled to wasm, in headless Chromium, the threaded
#       build on real web-worker threads (crate/tests/web_threads.rs), then the single-thread build
#       (crate/tests/web_single.rs). wasm-pack compiles every test target for wasm32; the native ones are
#       `#![cfg(not(target_arch = "wasm32"))]` and come out empty ("no tests to run!").
#   (b) the page's production build (both wasm builds + `vite build`);
#   (c) the Playwright tests against the built page served by `vite preview` (tests/e2e/).
# scripts/test.sh runs this after the native tests; it assumes scripts/ensure-web-tools.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
NIGHTLY=nightly-2026-05-20
export MEMWIN_PYTHON="${MEMWIN_PYTHON:-$ROOT/.venv/bin/python}"

wasm_pack_test() { # <target dir> [wasm-pack test args…]
  local dir=$1
  shift
  # CHROMEDRIVER: Debian's chromedriver, so wasm-pack downloads none; wasm-bindgen-test-runner comes from
  # scripts/ensure-web-tools.sh at the crate's exact wasm-bindgen version.
  (cd crate && CARGO_TARGET_DIR="$ROOT/target/$dir" CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
    rustup run "$NIGHTLY" wasm-pack test --headless --chrome "$@")
}

echo "== wasm in Chromium: threaded build (web_threads)" >&2
# no-bundler: without a bundler, wasm-bindgen-rayon's workers import the main module by URL.
wasm_pack_test wasm-mt --features parallel-no-bundler

echo "== wasm in Chromium: single-thread build (web_single)" >&2
# The empty CARGO_ENCODED_RUSTFLAGS switches off .cargo/config.toml's atomics and shared-memory flags
# (see scripts/build-wasm.sh).
CARGO_ENCODED_RUSTFLAGS="" wasm_pack_test wasm-st

echo "== page: wasm builds + vite build" >&2
bash scripts/build-wasm.sh
npx vite build

echo "== page: Playwright (tests/e2e)" >&2
node --test --test-concurrency=1 tests/e2e/
