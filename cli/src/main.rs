//! The `memwin` command. All of it lives in the `memwin_cli` library (`cli::main`), so tests and examples
//! can reach its pieces.

fn main() {
    std::process::exit(memwin_cli::cli::main());
}
