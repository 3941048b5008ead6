#!/usr/bin/env bash
# The Python package (python/): built with maturin into the project's .venv (release, as users get it), then
# its pytest suite: dtypes, memmaps, zero-copy, errors, GIL, Ctrl-C, agreement with numpy and the CLI, the
# demo and the example, and Dask on a real 2-process LocalCluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
echo "== python: maturin develop --release, then pytest" >&2
(cd python && VIRTUAL_ENV="$PWD/../.venv" ../.venv/bin/maturin develop --release --quiet)
.venv/bin/python -m pytest -q python/tests "$@"
