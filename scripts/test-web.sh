#!/usr/bin/env bash
# The browser tests, in Debian's Chromium:
#   (a) the kernel compiled to wasm, in headless Chromium through wasm-bindgen-test-runner: the threaded
#       build on real web-worker threads (crate/tests/web_threads.rs), then the single-thread build
#       (crate/tests/web_single.rs);
#   (b) the page's production build (both wasm builds + `vite build`);
#   (c) the Playwright tests against the built page served by `vite preview` (tests/e2e/).
# scripts/test.sh runs this after the native tests; it assumes scripts/ensure-web-tools.sh has run.
#
# Why `cargo test` with wasm-bindgen-test-runner as the runner, and not `wasm-pack test`: wasm-pack always
# adds `--tests`, which compiles every test target of the crate for wasm32, and the native ones (CLI,
# numpy, proptest) do not build there. Naming the target runs exactly what wasm-pack would, with the same
# runner and the same chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
NIGHTLY=nightly-2026-05-20
export MEMWIN_PYTHON="${MEMWIN_PYTHON:-$ROOT/.venv/bin/python}"

wasm_test() { # <target dir> <test target> [cargo args…]
  local dir=$1 target=$2
  shift 2
  (cd crate && CARGO_TARGET_DIR="$ROOT/target/$dir" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
    rustup run "$NIGHTLY" cargo test --target wasm32-unknown-unknown --test "$target" "$@")
}

echo "== wasm in Chromium: threaded build (web_threads)" >&2
# no-bundler: without a bundler, wasm-bindgen-rayon's workers import the main module by URL.
wasm_test wasm-mt web_threads --features parallel-no-bundler

echo "== wasm in Chromium: single-thread build (web_single)" >&2
# The empty CARGO_ENCODED_RUSTFLAGS switches off .cargo/config.toml's atomics and shared-memory flags
# (see scripts/build-wasm.sh).
CARGO_ENCODED_RUSTFLAGS="" wasm_test wasm-st web_single

echo "== page: wasm builds + vite build" >&2
bash scripts/build-wasm.sh
npx vite build

echo "== page: Playwright (tests/e2e)" >&2
node --test --test-concurrency=1 tests/e2e/
