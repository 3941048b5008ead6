//! The native shell: memory-mapped .npy files and the `memwin` command line.

pub mod cli;
