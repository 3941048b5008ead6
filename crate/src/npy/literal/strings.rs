//! String literals as Python reads them in a str: quotes single or triple, escapes decoded, raw strings
//! kept as written.

use super::super::error::{shown, NpyError};
use super::cursor::Cursor;

/// Whether a string with this prefix is raw (`r`, `R`), or plain (none, `u`, `U`); `None` for any other
/// prefix (`b`, `f`, `ur`, …), which makes no str that literal_eval takes into a header numpy reads.
pub(super) fn raw_prefix(prefix: &str) -> Option<bool> {
    match prefix {
        "" | "u" | "U" => Some(false),
        "r" | "R" => Some(true),
        _ => None,
    }
}

/// One string literal at its opening quote (single or triple), appended to `s` with Python's escapes
/// decoded (a raw string keeps them as written).
pub(super) fn string(p: &mut Cursor, raw: bool, s: &mut String) -> Result<(), NpyError> {
    let quote = p.peek().ok_or_else(|| p.end())?;
    let triple = p.three(quote);
    p.at += if triple { 3 } else { 1 };
    let not_closed = || NpyError::Malformed("a string in the header is not closed".to_string());
    loop {
        let c = p.peek().ok_or_else(not_closed)?;
        if c == quote && (!triple || p.three(quote)) {
            p.at += if triple { 3 } else { 1 };
            return Ok(());
        }
        p.at += 1;
        match c {
            '\n' if !triple => return Err(not_closed()),
            '\\' if raw => {
                // A raw string keeps the backslash, and the char after it cannot end the string.
                s.push('\\');
                s.push(p.peek().ok_or_else(not_closed)?);
                p.at += 1;
            }
            '\\' => escape(p, s)?,
            c => s.push(c),
        }
    }
}

/// The escape after a backslash, decoded as Python decodes it in a str literal.
fn escape(p: &mut Cursor, s: &mut String) -> Result<(), NpyError> {
    let bad = |what: &str| NpyError::Malformed(format!("a string in the header has {what}"));
    let c = p.peek().ok_or_else(|| bad("a backslash at its end"))?;
    p.at += 1;
    let simple = match c {
        '\n' => return Ok(()), // a line continuation
        '\\' | '\'' | '"' => c,
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        '0'..='7' => {
            // Up to three octal digits.
            let mut value = c.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                match p.peek().and_then(|d| d.to_digit(8)) {
                    Some(d) => (value, p.at) = (value * 8 + d, p.at + 1),
                    None => break,
                }
            }
            char::from_u32(value).unwrap_or('\u{fffd}')
        }
        'x' | 'u' | 'U' => {
            let len = match c {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex: String = p.chars.iter().skip(p.at).take(len).collect();
            if hex.len() != len || !hex.chars().all(|d| d.is_ascii_hexdigit()) {
                return Err(bad(&format!("a truncated \\{c} escape: '\\{c}{}'", shown(&hex))));
            }
            p.at += len;
            let value = u32::from_str_radix(&hex, 16).unwrap_or(u32::MAX);
            char::from_u32(value).ok_or_else(|| bad(&format!("an escape for no Unicode char: '\\{c}{hex}'")))?
        }
        'N' => return Err(bad("a \\N{…} escape, which memwin does not decode")),
        c => {
            // Python keeps an unknown escape as written.
            s.push('\\');
            c
        }
    };
    s.push(simple);
    Ok(())
}
