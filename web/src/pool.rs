//! The rayon pool of the threaded build: started once per instance, on web workers.
//!
//! The page starts it with `navigator.hardwareConcurrency` threads and runs each job on as many *lanes* as
//! the user asks for (see [`memwin::Execution`]). Until it is started, only sequential work may run: rayon
//! would otherwise try to spawn an OS thread, which wasm cannot do, and panic.

use std::sync::atomic::{AtomicUsize, Ordering};

static POOL_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Threads in the started pool; 0 before [`start_thread_pool`] has finished (always 0 in the single build).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = poolThreads)]
pub fn pool_threads() -> usize {
    POOL_THREADS.load(Ordering::Acquire)
}

/// Starts the rayon pool on `threads` web workers (wasm-bindgen-rayon's `initThreadPool`) and records its
/// size. Call it once, from a worker: the main thread must not block on the pool.
#[cfg(feature = "parallel")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = startThreadPool)]
pub async fn start_thread_pool(threads: usize) -> Result<(), wasm_bindgen::JsValue> {
    if threads == 0 {
        return Err(wasm_bindgen::JsError::new("thread count must be at least 1, got 0").into());
    }
    if pool_threads() != 0 {
        return Err(wasm_bindgen::JsError::new("the thread pool is already started").into());
    }
    wasm_bindgen_futures::JsFuture::from(wasm_bindgen_rayon::init_thread_pool(threads)).await?;
    POOL_THREADS.store(threads, Ordering::Release);
    Ok(())
}
