#!/usr/bin/env bash
# A Python venv at .venv with numpy (interop tests) and joblib (the benchmarks' anchor). Idempotent: quick
# when the venv already has both.
set -euo pipefail
cd "$(dirname "$0")/.."
if .venv/bin/python -c "import numpy, joblib" 2>/dev/null; then
  exit 0
fi
echo "setup-python: creating .venv with numpy and joblib" >&2
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check numpy joblib
.venv/bin/python -c "import numpy, joblib; print('setup-python: numpy', numpy.__version__, 'joblib', joblib.__version__)" >&2
