#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 600), one at a time and niced (the cores are shared), then
# minimizes each corpus by edge coverage into fuzz/corpus/TARGET, the small corpus the stable tests replay.
# A crash stops its target and leaves the input in fuzz/artifacts/TARGET/: copy it to fuzz/regressions/TARGET/
# (replayed by the stable tests too) and fix the bug.
#   fuzz/run-all.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
NIGHTLY=nightly-2026-05-20
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(npy_header streamed_header job_options mapped_open)

command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
cargo +$NIGHTLY fuzz build -O
bin=target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t" "corpus/$t"
  # Headers run up to numpy's 10,000-byte limit, so inputs may be a little longer than that.
  nice -n 10 "$bin/$t" "corpus/$t" -max_total_time="$seconds" -timeout=30 -max_len=12288 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" 2>&1 | grep -E '^(stat::|Done|INFO: [0-9]+ files)|ERROR' || true
  # Keep one input per edge covered (not per hit count), so the committed corpus stays small; job_options
  # (every dtype x stat x strategy is its own code) keeps the 200 inputs that add the most edges.
  rm -rf "corpus/$t.min" && mkdir "corpus/$t.min"
  "$bin/$t" -merge=1 -use_counters=0 -max_len=12288 -merge_control_file="corpus/$t.ctl" "corpus/$t.min" "corpus/$t" 2>&1 |
    grep -E 'MERGE-OUTER: [0-9]+ new files' || true
  if [ "$t" = job_options ]; then
    rm -rf "corpus/$t.min" && python3 min_corpus.py "corpus/$t.ctl" "corpus/$t.min" 200
  fi
  rm -rf "corpus/$t" "corpus/$t.ctl" && mv "corpus/$t.min" "corpus/$t"
  echo "$t: $(ls "corpus/$t" | wc -l) files, $(du -sk "corpus/$t" | cut -f1) KiB"
done
