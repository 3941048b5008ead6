//! The grammar: one value (a string, a number with at most one sign, a name, or a tuple, list or dict of
//! values), nested at most [`MAX_DEPTH`] deep, and nothing after it but padding.

use super::super::error::{shown, NpyError};
use super::cursor::Cursor;
use super::numbers::number;
use super::strings::{raw_prefix, string};
use super::value::Literal;

/// Nesting deeper than this is refused (a structured descr nests a few levels; a hostile one, thousands).
const MAX_DEPTH: usize = 16;

/// Parses the whole header text as one Python literal; trailing spaces, newlines and NULs are padding.
pub(crate) fn parse(text: &str) -> Result<Literal, NpyError> {
    let chars: Vec<char> = text.trim_end_matches(|c: char| c.is_ascii_whitespace() || c == '\0').chars().collect();
    let mut p = Cursor { chars, at: 0 };
    let v = value(&mut p, 0)?;
    p.skip_space();
    match p.peek() {
        None => Ok(v),
        Some(c) => Err(p.unexpected(c)),
    }
}

fn value(p: &mut Cursor, depth: usize) -> Result<Literal, NpyError> {
    if depth > MAX_DEPTH {
        return Err(NpyError::Malformed(format!("the header nests values more than {MAX_DEPTH} deep")));
    }
    p.skip_space();
    let c = p.peek().ok_or_else(|| p.end())?;
    match c {
        '\'' | '"' => strings(p, false),
        '(' | '[' | '{' => sequence(p, c, depth),
        '-' | '+' => {
            p.at += 1;
            p.skip_space();
            // One sign, as ast.literal_eval takes (`--5` is not a literal to it).
            if let Some(sign @ ('-' | '+')) = p.peek() {
                return Err(p.unexpected(sign));
            }
            match value(p, depth + 1)? {
                Literal::Int { negative, radix, digits } => {
                    Ok(Literal::Int { negative: negative ^ (c == '-'), radix, digits })
                }
                Literal::Number(n) => Ok(Literal::Number(format!("{c}{n}"))),
                other => Err(NpyError::Malformed(format!("'{c}' before {}", shown(&other.to_string())))),
            }
        }
        c if c.is_ascii_digit() || c == '.' => Ok(number(p)),
        c if c.is_alphabetic() || c == '_' => {
            let word = p.word();
            if matches!(p.peek(), Some('\'' | '"')) {
                return match raw_prefix(&word) {
                    Some(raw) => strings(p, raw),
                    None => Err(NpyError::Malformed(format!("a {} string in the header", shown(&word)))),
                };
            }
            match word.as_str() {
                "True" | "False" | "None" => Ok(Literal::Word(word)),
                _ => Err(NpyError::Malformed(format!("unexpected name '{}' in the header", shown(&word)))),
            }
        }
        c => Err(p.unexpected(c)),
    }
}

/// Adjacent string literals, joined as Python joins them (`'<' 'f8'` is `'<f8'`); the first starts here,
/// raw if `raw`.
fn strings(p: &mut Cursor, mut raw: bool) -> Result<Literal, NpyError> {
    let mut s = String::new();
    loop {
        string(p, raw, &mut s)?;
        let after = p.at;
        p.skip_space();
        let prefix = p.word();
        match raw_prefix(&prefix) {
            Some(next) if matches!(p.peek(), Some('\'' | '"')) => raw = next,
            _ => {
                p.at = after;
                return Ok(Literal::Str(s));
            }
        }
    }
}

/// A tuple, list or dict. `(x)` without a comma is `x` itself, as in Python.
fn sequence(p: &mut Cursor, open: char, depth: usize) -> Result<Literal, NpyError> {
    let close = match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    };
    p.at += 1;
    let mut items = Vec::new();
    let mut entries = Vec::new();
    let mut trailing_comma = false;
    loop {
        p.skip_space();
        match p.peek() {
            None => return Err(p.end()),
            Some(c) if c == close => {
                p.at += 1;
                break;
            }
            Some(_) => {}
        }
        let item = value(p, depth + 1)?;
        if open == '{' {
            p.skip_space();
            match p.peek() {
                Some(':') => p.at += 1,
                Some(c) => return Err(p.unexpected(c)),
                None => return Err(p.end()),
            }
            entries.push((item, value(p, depth + 1)?));
        } else {
            items.push(item);
        }
        p.skip_space();
        match p.peek() {
            Some(',') => {
                p.at += 1;
                trailing_comma = true;
            }
            Some(c) if c == close => {
                p.at += 1;
                trailing_comma = false;
                break;
            }
            Some(c) => return Err(p.unexpected(c)),
            None => return Err(p.end()),
        }
    }
    Ok(match open {
        '(' if items.len() == 1 && !trailing_comma => items.swap_remove(0),
        '(' => Literal::Tuple(items),
        '[' => Literal::List(items),
        _ => Literal::Dict(entries),
    })
}
