//! Why a command failed, and the exit code that says so: 2 for bad input or usage, 1 for anything else
//! (a full disk, a failed map), 128 + the signal's number when a signal stopped it (130 SIGINT, 143 SIGTERM,
//! 129 SIGHUP).

use super::signals;
use std::fmt;
use std::path::Path;

#[derive(Debug)]
pub enum Failure {
    /// The user's input is wrong: exit 2. The message names the offending value.
    Usage(String),
    /// The input was fine but something else went wrong, usually I/O: exit 1.
    Other(String),
    /// Stopped by a signal: exit 128 + its number, as a shell reports it (130 for Ctrl-C).
    Cancelled,
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Other(_) => 1,
            Failure::Cancelled => 128 + signals::received().unwrap_or(2),
        }
    }

    /// An I/O error on `path` while doing `what` ("cannot write", …).
    pub fn io(what: &str, path: &Path, e: std::io::Error) -> Failure {
        Failure::Other(format!("{what} '{}': {e}", path.display()))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Failure::Usage(m) | Failure::Other(m) => m.clone(),
            Failure::Cancelled => match signals::received() {
                Some(s) => format!("cancelled by {}", signals::name(s)),
                None => "cancelled".to_string(),
            },
        };
        // The contract is one line on stderr; a header dictionary or an OS message could hold a newline.
        f.write_str(&text.replace(['\n', '\r'], " "))
    }
}

impl From<memwin::Error> for Failure {
    fn from(e: memwin::Error) -> Failure {
        match e {
            memwin::Error::Cancelled => Failure::Cancelled,
            // These two mean the shell sized a buffer wrongly: a bug, not the user's input.
            memwin::Error::InputLen { .. } | memwin::Error::OutputLen { .. } => Failure::Other(e.to_string()),
            e => Failure::Usage(e.to_string()),
        }
    }
}

pub type Outcome<T = ()> = Result<T, Failure>;
