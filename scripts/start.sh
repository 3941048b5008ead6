#!/usr/bin/env bash
# `npm start`: installs what is missing, builds both wasm builds and the page, and serves the built page on
# localhost with the COOP/COEP headers that threads need (vite.config.js). Ctrl-C stops it.
#   PORT=8080 npm start          another port (default 4173)
#   MEMWIN_NO_ISOLATION=1 npm start   without the headers: the page falls back to the single-thread build
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-web-tools.sh
bash scripts/build-wasm.sh
npx vite build
PORT="${PORT:-4173}"
echo >&2
echo "memwin page: http://localhost:$PORT/" >&2
echo >&2
exec npx vite preview --host localhost --port "$PORT" --strictPort
