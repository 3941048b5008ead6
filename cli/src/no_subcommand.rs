//! `memwin` without a subcommand. Alone, it is `memwin demo`, the seed experiment with its defaults (a
//! contract: `cargo run --release` runs it). Flags without a subcommand are an error that names the flag
//! and says where it goes: taking them as the demo's, as memwin once did, made `memwin --size 1000 --step 1`
//! start the demo on 1e7 values at 10 ms a window, 23 hours of work, without a word.

use super::failure::Failure;
use std::ffi::OsString;

/// Flags that need no subcommand.
const OWN_FLAGS: [&str; 4] = ["-h", "--help", "-V", "--version"];

/// The arguments for clap: `memwin` alone becomes `memwin demo`; a first argument that is a subcommand's
/// flag (`--size`, `--json`, …) is a usage error suggesting each subcommand that takes it. Anything else
/// goes to clap as it is, which reports unknown flags itself. `cli` is the parser's definition.
pub fn args(mut raw: Vec<OsString>, cli: &clap::Command) -> Result<Vec<OsString>, Failure> {
    if raw.len() <= 1 {
        raw.truncate(1);
        raw.push("demo".into());
        return Ok(raw);
    }
    let first = raw[1].to_string_lossy().into_owned();
    if !first.starts_with('-') || OWN_FLAGS.contains(&first.as_str()) {
        return Ok(raw);
    }
    let flag = first.split('=').next().unwrap_or_default();
    let given: Vec<String> = raw[1..].iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let given = given.join(" ");
    let suggestions: Vec<String> = cli
        .get_subcommands()
        .filter(|sub| sub.get_arguments().any(|a| is(a, flag)))
        .map(|sub| {
            let positionals: Vec<String> = sub
                .get_positionals()
                .map(|p| {
                    p.get_value_names()
                        .and_then(|n| n.first())
                        .map_or_else(|| p.get_id().to_string(), |n| n.to_string())
                })
                .collect();
            let words = [vec![format!("memwin {}", sub.get_name())], positionals, vec![given.clone()]].concat();
            format!("`{}`", words.join(" "))
        })
        .collect();
    if suggestions.is_empty() {
        return Ok(raw);
    }
    Err(Failure::Usage(format!(
        "{flag} needs a subcommand before it: type {} (`memwin` alone runs the demo with its defaults)",
        suggestions.join(" or ")
    )))
}

/// Whether `arg` is spelt `flag` (`--size`, or `-o`).
fn is(arg: &clap::Arg, flag: &str) -> bool {
    match flag.strip_prefix("--") {
        Some(long) => arg.get_long() == Some(long),
        None => flag
            .strip_prefix('-')
            .is_some_and(|s| s.len() == 1 && arg.get_short().map(String::from).as_deref() == Some(s)),
    }
}
