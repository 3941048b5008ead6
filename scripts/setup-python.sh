#!/usr/bin/env bash
# A Python venv at .venv with numpy (interop tests), joblib (the benchmarks' anchor), and what the Python
# package needs to build and test: maturin, pytest, dask and distributed. Idempotent: quick when the venv
# already has them all.
set -euo pipefail
cd "$(dirname "$0")/.."
if .venv/bin/python -c "import numpy, joblib, pytest, dask.array, distributed" 2>/dev/null && .venv/bin/maturin --version >/dev/null 2>&1; then
  exit 0
fi
echo "setup-python: installing numpy, joblib, maturin, pytest, dask and distributed into .venv" >&2
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check numpy joblib "maturin>=1.9,<2" pytest "dask[array]" distributed
.venv/bin/python -c "import numpy, joblib, dask, distributed; print('setup-python: numpy', numpy.__version__, 'joblib', joblib.__version__, 'dask', dask.__version__)" >&2
