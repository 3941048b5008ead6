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

# What the README tells users: `pip install ./python` into a clean venv (pip builds the wheel with maturin in
# an isolated environment), then one job checked against numpy, imported from outside the source tree.
echo "== python: pip install ./python into a clean venv" >&2
CLEAN=$(mktemp -d)
trap 'rm -rf "$CLEAN"' EXIT
python3 -m venv "$CLEAN/venv"
"$CLEAN/venv/bin/pip" install --quiet --disable-pip-version-check ./python
(cd "$CLEAN" && "$CLEAN/venv/bin/python" - "$CLEAN/venv" <<'PY'
import sys
import numpy as np
import memwin
assert memwin.__file__.startswith(sys.argv[1]), f"memwin imported from {memwin.__file__}, not the clean venv"
x = np.random.default_rng(0).standard_normal(100_003)
want = np.lib.stride_tricks.sliding_window_view(x, 1000)[::7].std(axis=1)
got = memwin.window_stats(x, 1000, 7, stat="std")
np.testing.assert_allclose(got, want, rtol=1e-12)
# The typing a checker reads: the py.typed marker and the stubs, installed beside the package.
from pathlib import Path
missing = [f for f in ("py.typed", "_memwin.pyi", "_names.py") if not (Path(memwin.__file__).parent / f).is_file()]
assert not missing, f"the wheel does not ship {missing}"
print(f"pip install ./python: memwin {memwin.__file__} agrees with numpy on {got.size} windows", file=sys.stderr)
PY
)
