//! The `memwin` command line: parse, dispatch, and turn every failure into one stderr line and an exit
//! code (0 ok, 2 bad input or usage, 1 other failures, 128 + N for signal N: 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
//! `memwin` alone runs the demo (`no_subcommand`).

use super::compute::{self, ComputeArgs};
use super::demo::{self, DemoArgs};
use super::failure::Failure;
use super::gen::{self, GenArgs};
use super::info::{self, InfoArgs};
use super::{interrupt, no_subcommand};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ColorChoice, CommandFactory, Parser, Subcommand};

/// Windowed statistics over large .npy arrays, in parallel, over memory maps.
///
/// Without a subcommand, runs `memwin demo` with its defaults; flags go after a subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "memwin",
    version,
    color = ColorChoice::Never,
    override_usage = "memwin <COMMAND> [OPTIONS]\n       memwin            (the demo, with its defaults)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// In the order a misplaced flag's suggestions list them.
#[derive(Debug, Subcommand)]
enum Command {
    Compute(ComputeArgs),
    Gen(GenArgs),
    Info(InfoArgs),
    Demo(DemoArgs),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let args = match no_subcommand::args(std::env::args_os().collect(), &Cli::command()) {
        Ok(args) => args,
        Err(failure) => return report(&failure),
    };
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    let ctl = interrupt::install();
    let result = match &cli.command {
        Command::Demo(args) => demo::run(args, &ctl),
        Command::Gen(args) => gen::run(args),
        Command::Compute(args) => compute::run(args, &ctl),
        Command::Info(args) => info::run(args),
    };
    match result {
        Ok(()) => 0,
        Err(failure) => report(&failure),
    }
}

fn report(failure: &Failure) -> i32 {
    eprintln!("memwin: {failure}");
    failure.exit_code()
}

/// `--help` and `--version` print as usual; every other clap error becomes one line naming the value.
fn usage(e: clap::Error) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(args)) => args.join(", "),
                _ => String::from("(unknown)"),
            };
            report(&Failure::Usage(format!("missing required argument: {missing}")))
        }
        ErrorKind::InvalidValue => {
            // clap lists the accepted values on a line of their own; the contract is one line.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid value").trim_start_matches("error: ");
            let message = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(valid)) => format!("{first}: expected one of {}", valid.join(", ")),
                _ => first.to_string(),
            };
            report(&Failure::Usage(message))
        }
        _ => {
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid usage");
            report(&Failure::Usage(first.trim_start_matches("error: ").to_string()))
        }
    }
}
