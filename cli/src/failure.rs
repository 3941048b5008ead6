//! Why a command failed, and the exit code that says so: 2 for bad input or usage, 1 for anything else
//! (a full disk, a failed map), 130 for Ctrl-C.

use std::fmt;
use std::path::Path;

#[derive(Debug)]
pub enum Failure {
    /// The user's input is wrong: exit 2. The message names the offending value.
    Usage(String),
    /// The input was fine but something else went wrong, usually I/O: exit 1.
    Other(String),
    /// Stopped by Ctrl-C: exit 130, as a shell reports SIGINT.
    Cancelled,
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Other(_) => 1,
            Failure::Cancelled => 130,
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
            Failure::Usage(m) | Failure::Other(m) => m.as_str(),
            Failure::Cancelled => "cancelled",
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
