//! The header's chars and a position in them, with what Python's tokenizer treats as space.

use super::super::error::{shown, NpyError};

pub(super) struct Cursor {
    pub chars: Vec<char>,
    pub at: usize,
}

impl Cursor {
    pub fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    /// Skips whitespace, comments (`#` to the line's end) and line continuations, as Python's tokenizer does.
    pub fn skip_space(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_whitespace() => self.at += 1,
                Some('#') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.at += 1;
                    }
                }
                Some('\\') if self.chars.get(self.at + 1) == Some(&'\n') => self.at += 2,
                _ => return,
            }
        }
    }
    /// Letters, digits and underscores from here (a name, or a string's prefix).
    pub fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }
    /// Whether `quote` stands here three times (a triple-quoted string's start or end).
    pub fn three(&self, quote: char) -> bool {
        self.chars.get(self.at..self.at + 3).is_some_and(|q| q.iter().all(|&c| c == quote))
    }
    pub fn unexpected(&self, c: char) -> NpyError {
        NpyError::Malformed(format!("unexpected '{}' at character {} of the header", shown(&c.to_string()), self.at))
    }
    pub fn end(&self) -> NpyError {
        NpyError::Malformed("the header ends in the middle of a value".to_string())
    }
}
