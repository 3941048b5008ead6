#!/usr/bin/env bash
# Builds the page's two WebAssembly builds of the memwin-web crate (web/: the kernel and its bindings;
# wasm-pack --target web writes the pkg/package.json that Vite needs to resolve wasm-bindgen-rayon's worker
# helper):
#   web/pkg-parallel  threaded: +atomics, shared memory, wasm-bindgen-rayon (flags: .cargo/config.toml)
#   web/pkg-single    single-thread fallback: no atomics, no shared memory, no pool
# Both use the pinned nightly (std is rebuilt with build-std) and their own target dirs, so they never wait
# on the native build's lock or rebuild each other's std. Run scripts/ensure-web-tools.sh first.
# Usage: scripts/build-wasm.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
NIGHTLY=nightly-2026-05-20
PROFILE=--release
if [ "${1:-}" = "--dev" ]; then PROFILE=--dev; fi

echo "== wasm: threaded build -> web/pkg-parallel" >&2
(cd web && CARGO_TARGET_DIR="$ROOT/target/wasm-mt" \
  rustup run "$NIGHTLY" wasm-pack build --target web "$PROFILE" --out-dir pkg-parallel --out-name memwin \
  -- --features parallel)

# The fallback must run without SharedArrayBuffer, so none of the threaded flags may reach it. Cargo reads
# CARGO_ENCODED_RUSTFLAGS before the `[target.wasm32-unknown-unknown] rustflags` of .cargo/config.toml, and
# an empty value means "no flags at all", which switches that table off for this one build. (The config's
# `[unstable] build-std` still applies: std is rebuilt without atomics.) It has no simd128 either: the
# fallback is for every browser, including one that could not start the threaded build.
echo "== wasm: single-thread build -> web/pkg-single" >&2
(cd web && CARGO_ENCODED_RUSTFLAGS="" CARGO_TARGET_DIR="$ROOT/target/wasm-st" \
  rustup run "$NIGHTLY" wasm-pack build --target web "$PROFILE" --out-dir pkg-single --out-name memwin)
