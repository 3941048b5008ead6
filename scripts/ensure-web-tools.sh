#!/usr/bin/env bash
# Installs what the browser build and its tests need, and only what is missing, so a second run is quick:
# the pinned nightly with rust-src (wasm builds only; native builds stay on stable), wasm-bindgen-cli at the
# exact version of the wasm-bindgen crate, wasm-pack, the npm packages, and Debian's Chromium + chromedriver.
# Nothing here downloads a browser: Playwright and wasm-pack use /usr/bin/chromium and /usr/bin/chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."

NIGHTLY=nightly-2026-05-20
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[ensure-web-tools] %s\n' "$*" >&2; }

# rust-toolchain.toml is deliberately absent (it would drag native builds onto the nightly), and
# RUSTUP_AUTO_INSTALL may be off, so install the nightly explicitly.
if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 \
  || ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "installing $NIGHTLY with rust-src"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
fi

# The CLI must match the wasm-bindgen crate pinned in web/Cargo.toml exactly. Not --locked: a locked
# install of 0.2.130 needs a crate version the registry lacks.
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack"
  cargo install wasm-pack --locked
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  say "npm install"
  npm install --no-audit --no-fund
  touch node_modules
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Debian chromium and chromium-driver"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
fi
