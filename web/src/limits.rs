//! Sizes the browser can hold, checked before anything is allocated.
//!
//! wasm32 memory ends at 4 GiB (the build's `--max-memory`), and one Rust allocation is capped at
//! `isize::MAX`, 2 GiB. An allocation that fails aborts (panic = abort) and leaves the instance dead, so the
//! workspace checks these limits first, then allocates with `try_reserve`, which turns a failed
//! `memory.grow` into an error too.

/// The largest single allocation: `isize::MAX` on wasm32 (2 GiB − 1), rounded down to whole 8-byte words.
pub const MAX_ALLOCATION: u64 = (i32::MAX as u64) & !7;
/// Input, output and the kernel's scratch together: 3.5 GiB of the 4 GiB, leaving room for the code, the
/// stacks of the pool's threads and the allocator's own bookkeeping.
pub const MAX_TOTAL: u64 = 7 << 29;

/// Checks one array's size: `what` names it in the message (`"the input (1,000 × float64)"`).
pub fn check_allocation(what: &str, bytes: u64) -> Result<(), String> {
    if bytes > MAX_ALLOCATION {
        return Err(format!(
            "{what} needs {}, but one array in the browser can be at most 2 GiB ({} bytes, the wasm32 limit); \
             use a smaller input, or the native memwin CLI",
            human_bytes(bytes),
            thousands(MAX_ALLOCATION)
        ));
    }
    Ok(())
}

/// Checks input + output + scratch against [`MAX_TOTAL`].
pub fn check_total(input: u64, output: u64, scratch: u64) -> Result<(), String> {
    let total = input + output + scratch;
    if total > MAX_TOTAL {
        return Err(format!(
            "input ({}) + output ({}) + working memory ({}) = {} is over the {} the browser can hold \
             (wasm32 memory ends at 4 GiB); use a smaller input, fewer windows, or the native memwin CLI",
            human_bytes(input),
            human_bytes(output),
            human_bytes(scratch),
            human_bytes(total),
            human_bytes(MAX_TOTAL)
        ));
    }
    Ok(())
}

/// `1.23 GB`, `456 MB`, `789 kB`, `12 bytes`: 3 significant digits.
pub fn human_bytes(bytes: u64) -> String {
    let b = bytes as f64;
    for (unit, scale) in [("GB", 1e9), ("MB", 1e6), ("kB", 1e3)] {
        if b >= scale {
            return format!("{} {unit}", three_significant(b / scale));
        }
    }
    format!("{bytes} bytes")
}

fn three_significant(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
