//! Number literals: Python's whole numbers (`1_000`, `0x3e8`, `0o17`, `0b101`, and Python 2's `10L`) kept
//! as digits, any other number as written.

use super::cursor::Cursor;
use super::value::Literal;

/// Digits, letters, dots and underscores, and a sign right after an exponent's `e`.
pub(super) fn number(p: &mut Cursor) -> Literal {
    let start = p.at;
    while let Some(c) = p.peek() {
        let exponent_sign = (c == '+' || c == '-') && matches!(p.chars[p.at - 1], 'e' | 'E');
        if !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || exponent_sign) {
            break;
        }
        p.at += 1;
    }
    let text: String = p.chars[start..p.at].iter().collect();
    // Python 2's long suffix, which old numpy files carry ("(10L,)"). numpy drops the name L after any
    // number token, even after spaces ("10 L"; only in version 1 and 2 headers, but no version 3
    // writer ever wrote one).
    let after = p.at;
    while p.peek().is_some_and(|c| matches!(c, ' ' | '\t' | '\x0c')) {
        p.at += 1;
    }
    if p.at > after && p.word() != "L" {
        p.at = after;
    }
    match python_int(text.strip_suffix('L').unwrap_or(&text)) {
        Some((radix, digits)) => Literal::Int { negative: false, radix, digits },
        None => Literal::Number(text),
    }
}

/// A Python int literal's radix and digits, without underscores (`1_000`, `0x3e8`, `0o17`, `0b101`), or
/// `None` when `text` is not one (`0100`, `1__0`, `1_`, `1.5`).
fn python_int(text: &str) -> Option<(u32, String)> {
    let (radix, body) = match text.get(..2) {
        Some("0x" | "0X") => (16, &text[2..]),
        Some("0o" | "0O") => (8, &text[2..]),
        Some("0b" | "0B") => (2, &text[2..]),
        _ => (10, text),
    };
    // After a prefix one underscore may come first ("0x_ff"); elsewhere underscores stand between digits.
    let body = if radix == 10 { body } else { body.strip_prefix('_').unwrap_or(body) };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let digits: String = body.chars().filter(|&c| c != '_').collect();
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Python 3 lets only zeros lead a decimal int.
    if radix == 10 && digits.starts_with('0') && digits.bytes().any(|b| b != b'0') {
        return None;
    }
    Some((radix, digits))
}
