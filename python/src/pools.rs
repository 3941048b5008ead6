//! rayon pools of exact sizes, kept between calls so a call does not pay for starting threads. A pool is
//! taken for the length of one call, so two Python threads calling at once each get their own.

use pyo3::exceptions::PyRuntimeError;
use pyo3::PyResult;
use rayon::ThreadPool;
use std::sync::Mutex;

/// Idle pools, with the process that started them.
static IDLE: Mutex<Vec<(u32, ThreadPool)>> = Mutex::new(Vec::new());
/// Enough for a few concurrent callers; more are dropped after use.
const KEEP: usize = 4;

/// A pool of exactly `threads` threads, idle or new.
pub fn take(threads: usize) -> PyResult<ThreadPool> {
    let pid = std::process::id();
    {
        let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
        // After a fork the pools' threads do not exist in the child: installing into one would hang. Leak
        // them rather than drop them (dropping talks to threads that are not there).
        let (mine, stale): (Vec<_>, Vec<_>) =
            std::mem::take(&mut *idle).into_iter().partition(|(owner, _)| *owner == pid);
        std::mem::forget(stale);
        *idle = mine;
        if let Some(i) = idle.iter().position(|(_, p)| p.current_num_threads() == threads) {
            return Ok(idle.swap_remove(i).1);
        }
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("memwin-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} threads: {e}")))
}

/// Returns a pool after a call.
pub fn give_back(pool: ThreadPool) {
    let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
    if idle.len() < KEEP {
        idle.push((std::process::id(), pool));
    }
}
