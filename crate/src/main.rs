//! The `memwin` command. All of it lives in `memwin::native::cli`; in a wasm build this binary is empty.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(memwin::native::cli::main());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
