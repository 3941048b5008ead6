"""The GIL is released while the kernel runs, and Ctrl-C stops it through the kernel's cancel flag.

Both are measured as ratios against the job's own length, never as absolute times: this machine is shared."""

import json
import signal
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np

import memwin

# 40 windows x 25 ms of simulated work on one thread: a call of about one second.
X = np.arange(4000.0)
SLOW = dict(size=100, threads=1, strategy="per-window", _cost_ms=25.0)


def timed(fn):
    tic = time.perf_counter()
    fn()
    return time.perf_counter() - tic


def test_two_python_threads_run_two_calls_at_once():
    one = timed(lambda: memwin.window_stats(X, **SLOW))
    results = [None, None]

    def call(i):
        results[i] = memwin.window_stats(X, **SLOW)

    def both():
        threads = [threading.Thread(target=call, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    two = timed(both)
    assert results[0] is not None and np.array_equal(results[0], results[1])
    # Holding the GIL would serialise them: 2x one call. Released, they overlap.
    assert two < 1.6 * one, f"two concurrent calls took {two:.2f} s, one call {one:.2f} s"


def test_python_runs_while_the_kernel_works():
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.01)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        memwin.window_stats(X, **SLOW)
    finally:
        stop.set()
        t.join()
    assert len(ticks) > 20, f"a Python thread ran only {len(ticks)} times during a one-second call"


CANCEL_SCRIPT = textwrap.dedent(
    """
    import json, os, signal, threading, time
    import numpy as np, memwin
    x = np.arange(40000.0)
    # 400 windows x 25 ms on 2 threads: about 5 s unless cancelled.
    sent = []
    def interrupt():
        sent.append(time.perf_counter())
        os.kill(os.getpid(), signal.SIGINT)
    threading.Timer(0.3, interrupt).start()
    tic = time.perf_counter()
    try:
        memwin.window_stats(x, 100, threads=2, strategy="per-window", _cost_ms=25.0)
        outcome = "finished"
    except KeyboardInterrupt:
        outcome = "KeyboardInterrupt"
    done = time.perf_counter()
    again = memwin.window_stats(np.arange(10.0), 5).tolist()
    print(json.dumps({"outcome": outcome, "latency_s": done - sent[0], "total_s": done - tic, "again": again}))
    """
)


def test_ctrl_c_raises_keyboard_interrupt_and_cancels_the_kernel():
    run = subprocess.run([sys.executable, "-c", CANCEL_SCRIPT], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["outcome"] == "KeyboardInterrupt"
    # The job needs about 5 s; cancelled, it stops within a few polls and one 25 ms window per thread.
    assert report["latency_s"] < 1.0, report
    assert report["total_s"] < 2.5, report
    # The next call works: the pool came back and the cancel flag was the cancelled call's own.
    assert report["again"] == [2.0, 7.0]


def test_ctrl_c_from_outside_ends_a_script_in_a_long_call():
    script = "import numpy as np, memwin, sys\nprint('ready', flush=True)\nmemwin.window_stats(np.arange(40000.0), 100, threads=2, strategy='per-window', _cost_ms=25.0)\nprint('finished')"
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    tic = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    elapsed = time.perf_counter() - tic
    assert "KeyboardInterrupt" in err and "finished" not in out
    assert elapsed < 2.0, f"the script took {elapsed:.2f} s to stop after SIGINT (the job alone needs ~5 s)"
