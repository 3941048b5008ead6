"""Caps a merged corpus at MAX inputs: those that brought the most new edges in a libFuzzer merge
(`-merge=1 -merge_control_file=CTL`, whose COV lines list the edges each input added to those before it).
Copies them into OUT, named by content as libFuzzer names them. run-all.sh uses it for job_options, whose
corpus is large (every dtype x stat x strategy is its own code) while most of its edges come from a few
hundred inputs.

    python3 min_corpus.py CTL OUT MAX
"""
import hashlib
import os
import sys

ctl, out, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(ctl).read().split("\n")
n = int(lines[0])
files = lines[2 : 2 + n]
added = {}
for line in lines[2 + n :]:
    parts = line.split()
    if parts and parts[0] == "COV":
        added.setdefault(int(parts[1]), set()).update(parts[2:])
ranked = sorted(added, key=lambda i: len(added[i]), reverse=True)[:cap]
os.makedirs(out, exist_ok=True)
for i in ranked:
    data = open(files[i], "rb").read()
    open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb").write(data)
total = sum(len(e) for e in added.values())
kept = sum(len(added[i]) for i in ranked)
print(f"kept {len(ranked)} of {len(added)} inputs, which added {kept} of {total} edges ({100 * kept / total:.0f}%)")
