#!/usr/bin/env bash
# The browser tests, in Debian's Chromium:
#   (a) `wasm-pack test --headless --chrome` in web/: the kernel and its bindings compiled to wasm, in headless
#       Chromium, the threaded build on real web-worker threads (web/tests/web_threads.rs), then the
#       single-thread build (web/tests/web_single.rs). wasm-pack compiles every test target of the crate it
#       runs in for wasm32: in web/ those are the two browser tests and nothing else.
#   (b) the page's production build (both wasm builds + `vite build`);
#   (c) the Playwright tests against the built page served by `vite preview` (tests/e2e/).
# scripts/test.sh runs this after the native tests; it assumes scripts/ensure-web-tools.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
NIGHTLY=nightly-2026-05-20
export MEMWIN_PYTHON="${MEMWIN_PYTHON:-$ROOT/.venv/bin/python}"

LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

# The tests a file declares: its #[wasm_bindgen_test] attributes.
declared() { grep -c '^#\[wasm_bindgen_test\]' "$1"; }

# Fails unless wasm-bindgen-test-runner's "test result:" lines add up to exactly <want> passed, none ignored
# or filtered out: a run that compiled its targets empty, or ran none, must not pass. (The runner's line has
# no "measured", which tells it from the native doc-tests' libtest line that wasm-pack test also prints.)
expect_passed() { # <log> <want> <what>
  local passed
  passed=$(grep -Eo 'test result: ok\. [0-9]+ passed; 0 failed; 0 ignored; 0 filtered out' "$1" |
    grep -Eo '[0-9]+ passed' | awk '{s += $1} END {print s + 0}')
  if [ "$passed" != "$2" ]; then
    echo "test-web.sh: $3 ran $passed passing tests, expected $2 (the #[wasm_bindgen_test]s it declares)" >&2
    exit 1
  fi
  echo "== $3: $passed of $2 passed" >&2
}

wasm_pack_test() { # <target dir> <log> [wasm-pack test args…]
  local dir=$1 log=$2
  shift 2
  # CHROMEDRIVER: Debian's chromedriver, so wasm-pack downloads none; wasm-bindgen-test-runner comes from
  # scripts/ensure-web-tools.sh at web/Cargo.toml's exact wasm-bindgen version.
  (cd web && CARGO_TARGET_DIR="$ROOT/target/$dir" CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
    rustup run "$NIGHTLY" wasm-pack test --headless --chrome "$@") 2>&1 | tee "$log"
}

echo "== wasm in Chromium: threaded build (web_threads)" >&2
# no-bundler: without a bundler, wasm-bindgen-rayon's workers import the main module by URL.
wasm_pack_test wasm-mt "$LOGS/threads.log" --features parallel-no-bundler
expect_passed "$LOGS/threads.log" "$(declared web/tests/web_threads.rs)" "wasm threaded build"

echo "== wasm in Chromium: single-thread build (web_single)" >&2
# The empty CARGO_ENCODED_RUSTFLAGS switches off .cargo/config.toml's atomics and shared-memory flags
# (see scripts/build-wasm.sh).
CARGO_ENCODED_RUSTFLAGS="" wasm_pack_test wasm-st "$LOGS/single.log"
expect_passed "$LOGS/single.log" "$(declared web/tests/web_single.rs)" "wasm single-thread build"

echo "== page: wasm builds + vite build" >&2
bash scripts/build-wasm.sh
npx vite build

# The page-vs-CLI test compares with the memwin binary this build makes (never a stale one in target/).
echo "== native: the memwin binary the page is compared with" >&2
MEMWIN_BIN=$(cargo build -p memwin-cli --bin memwin --message-format=json-render-diagnostics |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const a = s.split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((m) => m.reason === "compiler-artifact" && m.executable);
    process.stdout.write(a.at(-1)?.executable ?? "");
  })')
[ -x "$MEMWIN_BIN" ] || { echo "test-web.sh: cargo build gave no memwin binary" >&2; exit 1; }
export MEMWIN_BIN

echo "== page: Playwright (tests/e2e)" >&2
node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$LOGS/e2e.log"
# As above: every test ran and passed, none skipped, and at least one per test( call in the files (a loop
# declares several with one call).
tests=$(sed -n 's/^# tests \([0-9]*\)$/\1/p' "$LOGS/e2e.log")
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$LOGS/e2e.log")
declared=$(cat tests/e2e/*.test.mjs | grep -Ec '^\s*test\(')
if [ -z "$tests" ] || [ "$passed" != "$tests" ] || [ "$tests" -lt "$declared" ] || ! grep -q '^# skipped 0$' "$LOGS/e2e.log"; then
  echo "test-web.sh: Playwright ran ${tests:-no} tests, ${passed:-none} passed, $declared declared (see its summary above)" >&2
  exit 1
fi
echo "== page: $passed of $tests Playwright tests passed" >&2
