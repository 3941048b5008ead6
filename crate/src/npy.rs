//! The `.npy` header: read and write, for every shell (the CLI maps files, the page streams them).
//!
//! memwin reads 1-D, little-endian arrays of the seven [`Dtype`]s in format versions 1.0, 2.0 and 3.0, and
//! writes version 1.0 headers padded to 64 bytes, as numpy does, so the payload is aligned for any dtype.
//! This module works on bytes only: it never touches a file. It never panics, whatever the bytes (the
//! `fuzz/` targets check that), and every error message is one line that names the offending value.
//!
//! The header's dictionary is a Python literal. It is read as one, with a small parser of its own (strings,
//! whole numbers, True/False/None, tuples, lists and dicts), and held to numpy's rules: a dict with exactly
//! the keys `descr`, `fortran_order` and `shape`, a tuple of whole numbers for the shape, a bool for the order.

use crate::Dtype;
use thiserror::Error;

/// The six magic bytes every .npy file starts with.
pub const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Bytes needed to know how long the whole header is.
pub const PREAMBLE_LEN: usize = 12;
/// The longest header dictionary memwin reads, in bytes: numpy's `max_header_size`, which numpy also
/// refuses past by default, since a literal that large is costly to parse. No 1-D header comes near it.
pub const MAX_HEADER_LEN: usize = 10_000;
const ALIGN: usize = 64;
/// Nesting deeper than this is refused (a structured descr nests a few levels; a hostile one, thousands).
const MAX_DEPTH: usize = 16;
/// How much of an offending value an error message shows.
const SHOWN_CHARS: usize = 60;

/// Why a file is not an array memwin can read. Each message is one line and names the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NpyError {
    #[error("not a .npy file (it does not start with \\x93NUMPY)")]
    NotNpy,
    #[error("the .npy file is truncated: it has {have} bytes but needs {need}")]
    Truncated { have: u64, need: u64 },
    #[error("unsupported .npy format version {0}.{1} (memwin reads 1.0, 2.0 and 3.0)")]
    Version(u8, u8),
    #[error("the .npy header is {0} bytes long, over numpy's limit of {MAX_HEADER_LEN} (max_header_size)")]
    HeaderTooLong(u64),
    #[error("malformed .npy header: {0}")]
    Malformed(String),
    #[error("unsupported dtype {0} (memwin reads float64, float32, int64, int32, int16, uint16, uint8)")]
    Dtype(String),
    #[error("big-endian dtype {0} is not supported; convert it with x.astype(x.dtype.newbyteorder('<'))")]
    BigEndian(String),
    #[error("memwin reads 1-D arrays, but the shape is {0}")]
    Shape(String),
}

/// What a .npy header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub version: (u8, u8),
    pub dtype: Dtype,
    /// Number of elements.
    pub len: usize,
    /// Where the payload starts, from the start of the file.
    pub data_offset: usize,
}

impl Header {
    /// Payload size in bytes.
    pub fn payload_len(&self) -> u64 {
        // Saturating: parse_header refuses shapes whose size overflows, but a Header can be built by hand.
        (self.len as u64).saturating_mul(self.dtype.size() as u64)
    }
    /// The whole file's expected size; a shorter file is truncated.
    pub fn file_len(&self) -> u64 {
        (self.data_offset as u64).saturating_add(self.payload_len())
    }
    /// Checks that a file of `file_len` bytes holds the whole payload.
    pub fn check_file_len(&self, file_len: u64) -> Result<(), NpyError> {
        if file_len < self.file_len() {
            return Err(NpyError::Truncated { have: file_len, need: self.file_len() });
        }
        Ok(())
    }
    /// Bytes after the payload in a file of `file_len` bytes. numpy reads such a file and ignores them;
    /// memwin does too, and the shells say so.
    pub fn extra_bytes(&self, file_len: u64) -> u64 {
        file_len.saturating_sub(self.file_len())
    }
}

/// From the first [`PREAMBLE_LEN`] bytes (or more), the total header length: where the payload starts.
/// Never more than `PREAMBLE_LEN + MAX_HEADER_LEN`.
pub fn header_len(prefix: &[u8]) -> Result<usize, NpyError> {
    let short = || NpyError::Truncated { have: prefix.len() as u64, need: PREAMBLE_LEN as u64 };
    match prefix.get(..MAGIC.len()) {
        Some(magic) if magic == MAGIC => {}
        // A file that is all of the magic's first bytes is a cut-off .npy; anything else is not one.
        _ if !prefix.is_empty() && MAGIC.starts_with(prefix) => return Err(short()),
        _ => return Err(NpyError::NotNpy),
    }
    let (start, dict_len) = match *prefix {
        [_, _, _, _, _, _, 1, 0, a, b, ..] => (10, u16::from_le_bytes([a, b]) as u64),
        [_, _, _, _, _, _, 2 | 3, 0, a, b, c, d, ..] => (12, u32::from_le_bytes([a, b, c, d]) as u64),
        [_, _, _, _, _, _, 1..=3, 0, ..] => return Err(short()),
        [_, _, _, _, _, _, major, minor, ..] => return Err(NpyError::Version(major, minor)),
        _ => return Err(short()),
    };
    // Checked before the addition, which could overflow a 32-bit usize (the page's wasm32).
    if dict_len > MAX_HEADER_LEN as u64 {
        return Err(NpyError::HeaderTooLong(dict_len));
    }
    Ok(start + dict_len as usize)
}

/// What [`read_header`] makes of the first bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRead {
    /// The first this many bytes are needed (more than were given, never more than the file has).
    Need(usize),
    /// The header, checked against the file's size.
    Done(Header),
}

/// Reads a header from a file's first bytes, for a shell that fetches them piece by piece (the CLI reads,
/// the page slices a `File`). Start with an empty `prefix`; while it returns [`HeaderRead::Need`], fetch at
/// least that many bytes from the start. A longer prefix is fine. `file_len` is the whole file's size.
pub fn read_header(prefix: &[u8], file_len: u64) -> Result<HeaderRead, NpyError> {
    // The preamble (12 bytes, or the whole file if shorter) says how long the header is. A shorter prefix
    // may already say (version 1.0 needs 10 bytes), or already show that this is no .npy file.
    let preamble = (PREAMBLE_LEN as u64).min(file_len) as usize;
    let total = match header_len(prefix) {
        Ok(total) => total,
        Err(NpyError::Truncated { .. }) if prefix.len() < preamble => return Ok(HeaderRead::Need(preamble)),
        Err(NpyError::NotNpy) if prefix.is_empty() && preamble > 0 => return Ok(HeaderRead::Need(preamble)),
        Err(NpyError::Truncated { need, .. }) => return Err(NpyError::Truncated { have: file_len, need }),
        Err(e) => return Err(e),
    };
    if total as u64 > file_len {
        return Err(NpyError::Truncated { have: file_len, need: total as u64 });
    }
    if prefix.len() < total {
        return Ok(HeaderRead::Need(total));
    }
    let header = parse_header(prefix)?;
    header.check_file_len(file_len)?;
    Ok(HeaderRead::Done(header))
}

/// Parses a header from the start of a file (at least [`header_len`] bytes of it).
pub fn parse_header(bytes: &[u8]) -> Result<Header, NpyError> {
    let total = header_len(bytes)?;
    let Some(raw) = bytes.get(..total) else {
        return Err(NpyError::Truncated { have: bytes.len() as u64, need: total as u64 });
    };
    let version = (raw[6], raw[7]);
    let start = if version.0 == 1 { 10 } else { 12 };
    // Versions 1 and 2 are latin-1 (every byte is a char), version 3 is UTF-8.
    let text: String = if version.0 == 3 {
        std::str::from_utf8(&raw[start..])
            .map_err(|e| NpyError::Malformed(format!("the header is not UTF-8 (at byte {})", start + e.valid_up_to())))?
            .to_string()
    } else {
        raw[start..].iter().map(|&b| char::from(b)).collect()
    };
    let dict = match literal(&text)? {
        Literal::Dict(entries) => entries,
        other => return Err(NpyError::Malformed(format!("the header is not a dict: {}", shown(&other.to_string())))),
    };
    let mut descr = None;
    let mut fortran = None;
    let mut shape = None;
    for (key, value) in dict {
        let slot = match &key {
            Literal::Str(k) if k == "descr" => &mut descr,
            Literal::Str(k) if k == "fortran_order" => &mut fortran,
            Literal::Str(k) if k == "shape" => &mut shape,
            other => {
                return Err(NpyError::Malformed(format!("unexpected key {} in the header", shown(&other.to_string()))))
            }
        };
        if slot.replace(value).is_some() {
            return Err(NpyError::Malformed(format!(
                "the key {} appears twice in the header",
                shown(&key.to_string())
            )));
        }
    }
    let missing = |key: &str| NpyError::Malformed(format!("the header has no '{key}' key"));
    let dtype = parse_descr(&descr.ok_or_else(|| missing("descr"))?)?;
    match fortran.ok_or_else(|| missing("fortran_order"))? {
        // For a 1-D array both orders are the same bytes.
        Literal::Word(w) if w == "True" || w == "False" => {}
        other => {
            return Err(NpyError::Malformed(format!(
                "fortran_order is {}, not True or False",
                shown(&other.to_string())
            )))
        }
    }
    let len = parse_shape(&shape.ok_or_else(|| missing("shape"))?)?;
    // Every later size computation (payload, file end) fits a usize from here on.
    let fits = len.checked_mul(dtype.size()).and_then(|b| b.checked_add(total)).is_some();
    if !fits {
        let why = format!("shape ({len},) is too large for a {} array on this platform", dtype.name());
        return Err(NpyError::Malformed(why));
    }
    Ok(Header { version, dtype, len, data_offset: total })
}

/// A version 1.0 header for a 1-D array, padded with spaces so the payload starts on a 64-byte boundary.
/// Falls back to version 2.0 only if the dictionary could not fit in 1.0's 16-bit length (never for 1-D).
pub fn write_header(dtype: Dtype, len: usize) -> Vec<u8> {
    let descr = match dtype {
        Dtype::U8 => "|u1".to_string(),
        d => format!("<{}{}", &d.short()[..1], d.size()),
    };
    let dict = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({len},), }}");
    let unpadded = 10 + dict.len() + 1;
    let padded = unpadded.div_ceil(ALIGN) * ALIGN;
    let mut out = Vec::with_capacity(padded);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&((padded - 10) as u16).to_le_bytes());
    out.extend_from_slice(dict.as_bytes());
    out.resize(padded - 1, b' ');
    out.push(b'\n');
    out
}

fn parse_descr(descr: &Literal) -> Result<Dtype, NpyError> {
    let s = match descr {
        Literal::Str(s) => s,
        Literal::List(_) => return Err(NpyError::Dtype(format!("{} (a structured dtype)", shown(&descr.to_string())))),
        Literal::Tuple(_) => return Err(NpyError::Dtype(format!("{} (a sub-array dtype)", shown(&descr.to_string())))),
        other => return Err(NpyError::Malformed(format!("descr is {}, not a string", shown(&other.to_string())))),
    };
    let unsupported = || NpyError::Dtype(shown(&descr.to_string()));
    // The byte order, then the type code; chars, not bytes, so a non-ASCII first char is just unsupported.
    let mut chars = s.chars();
    let order = chars.next().ok_or_else(unsupported)?;
    let dtype = match chars.as_str() {
        "f8" => Dtype::F64,
        "f4" => Dtype::F32,
        "i8" => Dtype::I64,
        "i4" => Dtype::I32,
        "i2" => Dtype::I16,
        "u2" => Dtype::U16,
        "u1" => Dtype::U8,
        _ => return Err(unsupported()),
    };
    match order {
        '<' | '|' | '=' => Ok(dtype),
        // One byte has no order.
        '>' if dtype.size() == 1 => Ok(dtype),
        '>' => Err(NpyError::BigEndian(shown(&descr.to_string()))),
        _ => Err(unsupported()),
    }
}

fn parse_shape(shape: &Literal) -> Result<usize, NpyError> {
    let raw = || shown(&shape.to_string());
    let Literal::Tuple(dims) = shape else {
        return Err(NpyError::Malformed(format!("shape {} is not a tuple", raw())));
    };
    if dims.iter().any(|d| !matches!(d, Literal::Int { .. })) {
        return Err(NpyError::Malformed(format!("shape {} has a dimension that is not a whole number", raw())));
    }
    let [Literal::Int { negative, radix, digits }] = dims.as_slice() else {
        return Err(NpyError::Shape(raw()));
    };
    if *negative && digits.bytes().any(|b| b != b'0') {
        return Err(NpyError::Malformed(format!("shape {} has a negative dimension", raw())));
    }
    usize::from_str_radix(digits, *radix).map_err(|_| NpyError::Malformed(format!("shape {} is too large", raw())))
}

/// A value of the header's Python literal.
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Str(String),
    /// A whole number, kept as its digits in `radix` (10, or 16, 8 or 2 for `0x`, `0o` and `0b`) without
    /// underscores: a shape may not fit any integer type.
    Int {
        negative: bool,
        radix: u32,
        digits: String,
    },
    /// Any other number (`1.5`, `1e3`, `0100`), as written.
    Number(String),
    /// `True`, `False` or `None`.
    Word(String),
    Tuple(Vec<Literal>),
    List(Vec<Literal>),
    Dict(Vec<(Literal, Literal)>),
}

impl std::fmt::Display for Literal {
    /// Python's way of writing it, near enough for an error message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let join = |items: &[Literal]| items.iter().map(Literal::to_string).collect::<Vec<_>>().join(", ");
        match self {
            Literal::Str(s) => write!(f, "'{}'", s.escape_debug()),
            Literal::Int { negative, radix, digits } => {
                let prefix = match radix {
                    16 => "0x",
                    8 => "0o",
                    2 => "0b",
                    _ => "",
                };
                write!(f, "{}{prefix}{digits}", if *negative { "-" } else { "" })
            }
            Literal::Number(n) | Literal::Word(n) => f.write_str(n),
            Literal::Tuple(items) if items.len() == 1 => write!(f, "({},)", items[0]),
            Literal::Tuple(items) => write!(f, "({})", join(items)),
            Literal::List(items) => write!(f, "[{}]", join(items)),
            Literal::Dict(entries) => {
                let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                write!(f, "{{{}}}", entries.join(", "))
            }
        }
    }
}

/// A value for an error message: on one line, and short.
fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == SHOWN_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses the whole header text as one Python literal; trailing spaces, newlines and NULs are padding.
fn literal(text: &str) -> Result<Literal, NpyError> {
    let chars: Vec<char> = text.trim_end_matches(|c: char| c.is_ascii_whitespace() || c == '\0').chars().collect();
    let mut p = LiteralParser { chars, at: 0 };
    let value = p.value(0)?;
    p.skip_space();
    match p.peek() {
        None => Ok(value),
        Some(c) => Err(p.unexpected(c)),
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

/// Whether a string with this prefix is raw (`r`, `R`), or plain (none, `u`, `U`); `None` for any other
/// prefix (`b`, `f`, `ur`, …), which makes no str that literal_eval takes into a header numpy reads.
fn raw_prefix(prefix: &str) -> Option<bool> {
    match prefix {
        "" | "u" | "U" => Some(false),
        "r" | "R" => Some(true),
        _ => None,
    }
}

/// A recursive-descent parser over the header's chars, with a depth limit.
struct LiteralParser {
    chars: Vec<char>,
    at: usize,
}

impl LiteralParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    /// Skips whitespace, comments (`#` to the line's end) and line continuations, as Python's tokenizer does.
    fn skip_space(&mut self) {
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
    fn unexpected(&self, c: char) -> NpyError {
        NpyError::Malformed(format!("unexpected '{}' at character {} of the header", shown(&c.to_string()), self.at))
    }
    fn end(&self) -> NpyError {
        NpyError::Malformed("the header ends in the middle of a value".to_string())
    }

    fn value(&mut self, depth: usize) -> Result<Literal, NpyError> {
        if depth > MAX_DEPTH {
            return Err(NpyError::Malformed(format!("the header nests values more than {MAX_DEPTH} deep")));
        }
        self.skip_space();
        let c = self.peek().ok_or_else(|| self.end())?;
        match c {
            '\'' | '"' => self.strings(false),
            '(' | '[' | '{' => self.sequence(c, depth),
            '-' | '+' => {
                self.at += 1;
                self.skip_space();
                // One sign, as ast.literal_eval takes (`--5` is not a literal to it).
                if let Some(sign @ ('-' | '+')) = self.peek() {
                    return Err(self.unexpected(sign));
                }
                match self.value(depth + 1)? {
                    Literal::Int { negative, radix, digits } => {
                        Ok(Literal::Int { negative: negative ^ (c == '-'), radix, digits })
                    }
                    Literal::Number(n) => Ok(Literal::Number(format!("{c}{n}"))),
                    other => Err(NpyError::Malformed(format!("'{c}' before {}", shown(&other.to_string())))),
                }
            }
            c if c.is_ascii_digit() || c == '.' => Ok(self.number()),
            c if c.is_alphabetic() || c == '_' => {
                let word = self.word();
                if matches!(self.peek(), Some('\'' | '"')) {
                    return match raw_prefix(&word) {
                        Some(raw) => self.strings(raw),
                        None => Err(NpyError::Malformed(format!("a {} string in the header", shown(&word)))),
                    };
                }
                match word.as_str() {
                    "True" | "False" | "None" => Ok(Literal::Word(word)),
                    _ => Err(NpyError::Malformed(format!("unexpected name '{}' in the header", shown(&word)))),
                }
            }
            c => Err(self.unexpected(c)),
        }
    }

    /// Adjacent string literals, joined as Python joins them (`'<' 'f8'` is `'<f8'`); the first starts here,
    /// raw if `raw`.
    fn strings(&mut self, mut raw: bool) -> Result<Literal, NpyError> {
        let mut s = String::new();
        loop {
            self.string(raw, &mut s)?;
            let after = self.at;
            self.skip_space();
            let prefix = self.word();
            match raw_prefix(&prefix) {
                Some(next) if matches!(self.peek(), Some('\'' | '"')) => raw = next,
                _ => {
                    self.at = after;
                    return Ok(Literal::Str(s));
                }
            }
        }
    }

    /// Whether `quote` stands here three times (a triple-quoted string's start or end).
    fn three(&self, quote: char) -> bool {
        self.chars.get(self.at..self.at + 3).is_some_and(|q| q.iter().all(|&c| c == quote))
    }

    /// One string literal at its opening quote (single or triple), appended to `s` with Python's escapes
    /// decoded (a raw string keeps them as written).
    fn string(&mut self, raw: bool, s: &mut String) -> Result<(), NpyError> {
        let quote = self.peek().ok_or_else(|| self.end())?;
        let triple = self.three(quote);
        self.at += if triple { 3 } else { 1 };
        let not_closed = || NpyError::Malformed("a string in the header is not closed".to_string());
        loop {
            let c = self.peek().ok_or_else(not_closed)?;
            if c == quote && (!triple || self.three(quote)) {
                self.at += if triple { 3 } else { 1 };
                return Ok(());
            }
            self.at += 1;
            match c {
                '\n' if !triple => return Err(not_closed()),
                '\\' if raw => {
                    // A raw string keeps the backslash, and the char after it cannot end the string.
                    s.push('\\');
                    s.push(self.peek().ok_or_else(not_closed)?);
                    self.at += 1;
                }
                '\\' => self.escape(s)?,
                c => s.push(c),
            }
        }
    }

    /// The escape after a backslash, decoded as Python decodes it in a str literal.
    fn escape(&mut self, s: &mut String) -> Result<(), NpyError> {
        let bad = |what: &str| NpyError::Malformed(format!("a string in the header has {what}"));
        let c = self.peek().ok_or_else(|| bad("a backslash at its end"))?;
        self.at += 1;
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
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => (value, self.at) = (value * 8 + d, self.at + 1),
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
                let hex: String = self.chars.iter().skip(self.at).take(len).collect();
                if hex.len() != len || !hex.chars().all(|d| d.is_ascii_hexdigit()) {
                    return Err(bad(&format!("a truncated \\{c} escape: '\\{c}{}'", shown(&hex))));
                }
                self.at += len;
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

    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    /// Digits, letters, dots and underscores, and a sign right after an exponent's `e`.
    fn number(&mut self) -> Literal {
        let start = self.at;
        while let Some(c) = self.peek() {
            let exponent_sign = (c == '+' || c == '-') && matches!(self.chars[self.at - 1], 'e' | 'E');
            if !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || exponent_sign) {
                break;
            }
            self.at += 1;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        // Python 2's long suffix, which old numpy files carry ("(10L,)"). numpy drops the name L after any
        // number token, even after spaces ("10 L"; only in version 1 and 2 headers, but no version 3
        // writer ever wrote one).
        let after = self.at;
        while self.peek().is_some_and(|c| matches!(c, ' ' | '\t' | '\x0c')) {
            self.at += 1;
        }
        if self.at > after && self.word() != "L" {
            self.at = after;
        }
        match python_int(text.strip_suffix('L').unwrap_or(&text)) {
            Some((radix, digits)) => Literal::Int { negative: false, radix, digits },
            None => Literal::Number(text),
        }
    }

    /// A tuple, list or dict. `(x)` without a comma is `x` itself, as in Python.
    fn sequence(&mut self, open: char, depth: usize) -> Result<Literal, NpyError> {
        let close = match open {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        self.at += 1;
        let mut items = Vec::new();
        let mut entries = Vec::new();
        let mut trailing_comma = false;
        loop {
            self.skip_space();
            match self.peek() {
                None => return Err(self.end()),
                Some(c) if c == close => {
                    self.at += 1;
                    break;
                }
                Some(_) => {}
            }
            let item = self.value(depth + 1)?;
            if open == '{' {
                self.skip_space();
                match self.peek() {
                    Some(':') => self.at += 1,
                    Some(c) => return Err(self.unexpected(c)),
                    None => return Err(self.end()),
                }
                entries.push((item, self.value(depth + 1)?));
            } else {
                items.push(item);
            }
            self.skip_space();
            match self.peek() {
                Some(',') => {
                    self.at += 1;
                    trailing_comma = true;
                }
                Some(c) if c == close => {
                    self.at += 1;
                    trailing_comma = false;
                    break;
                }
                Some(c) => return Err(self.unexpected(c)),
                None => return Err(self.end()),
            }
        }
        Ok(match open {
            '(' if items.len() == 1 && !trailing_comma => items.swap_remove(0),
            '(' => Literal::Tuple(items),
            '[' => Literal::List(items),
            _ => Literal::Dict(entries),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_headers_parse_back_and_align_to_64() {
        for dtype in Dtype::ALL {
            for len in [0, 1, 95, 10_000_000, usize::MAX / 16] {
                let h = write_header(dtype, len);
                assert_eq!(h.len() % 64, 0);
                let p = parse_header(&h).unwrap();
                assert_eq!((p.dtype, p.len, p.data_offset, p.version), (dtype, len, h.len(), (1, 0)));
            }
        }
    }

    #[test]
    fn reads_a_version_2_header() {
        let dict = b"{'descr': '<i2', 'fortran_order': False, 'shape': (7,), }";
        let mut h = MAGIC.to_vec();
        h.extend_from_slice(&[2, 0]);
        h.extend_from_slice(&(dict.len() as u32 + 1).to_le_bytes());
        h.extend_from_slice(dict);
        h.push(b'\n');
        let p = parse_header(&h).unwrap();
        assert_eq!((p.dtype, p.len, p.data_offset, p.version), (Dtype::I16, 7, h.len(), (2, 0)));
    }

    #[test]
    fn refuses_what_it_cannot_read_with_the_value_named() {
        let with = |dict: &str| {
            let mut h = MAGIC.to_vec();
            h.extend_from_slice(&[1, 0]);
            h.extend_from_slice(&(dict.len() as u16).to_le_bytes());
            h.extend_from_slice(dict.as_bytes());
            parse_header(&h).unwrap_err().to_string()
        };
        assert!(with("{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }").contains(">f8"));
        assert!(with("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }").contains("<c16"));
        assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }").contains("(3, 4)"));
        assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (), }").contains("()"));
        assert!(with("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }").contains("structured"));
        assert_eq!(parse_header(b"PK\x03\x04 zip file"), Err(NpyError::NotNpy));
        assert!(matches!(parse_header(b"\x93NUMPY\x04\x00"), Err(NpyError::Version(4, 0))));
        assert!(
            with("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }").contains("too large")
        );
    }

    /// A version 1.0 file: magic, version, HEADER_LEN, then `dict` as raw bytes (latin-1 may be any byte).
    fn v1(dict: &[u8]) -> Vec<u8> {
        let mut h = MAGIC.to_vec();
        h.extend_from_slice(&[1, 0]);
        h.extend_from_slice(&(dict.len() as u16).to_le_bytes());
        h.extend_from_slice(dict);
        h
    }
    fn v3(dict: &[u8]) -> Vec<u8> {
        let mut h = MAGIC.to_vec();
        h.extend_from_slice(&[3, 0]);
        h.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        h.extend_from_slice(dict);
        h
    }
    fn error(bytes: &[u8]) -> String {
        let e = parse_header(bytes).unwrap_err().to_string();
        assert!(!e.contains('\n'), "{e:?}");
        e
    }

    #[test]
    fn a_zero_header_len_is_malformed_not_a_panic() {
        let file = v1(b"");
        assert_eq!(header_len(&file), Ok(10));
        assert!(error(&file).contains("ends in the middle"));
        // What the CLI and the page ask for: 10 bytes are the whole header, and it is refused.
        let mut file = file;
        file.extend_from_slice(&[0; 8]);
        assert!(matches!(read_header(&file[..10], 18), Err(NpyError::Malformed(_))));
        assert_eq!(read_header(&[], 18), Ok(HeaderRead::Need(12)));
    }

    #[test]
    fn a_descr_starting_with_a_non_ascii_char_is_unsupported_not_a_panic() {
        // Latin-1 in version 1 (one byte), UTF-8 in version 3 (two bytes): `split_at(1)` panicked on the latter.
        for file in [
            v1(b"{'descr': '\xe9f8', 'fortran_order': False, 'shape': (3,), }"),
            v3("{'descr': 'éf8', 'fortran_order': False, 'shape': (3,), }".as_bytes()),
        ] {
            let e = error(&file);
            assert!(e.contains("unsupported dtype 'éf8'"), "{e}");
        }
        assert!(
            error(&v3("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'é': 1}".as_bytes())).contains("'é'")
        );
    }

    #[test]
    fn version_3_must_be_utf8() {
        assert!(error(&v3(b"{'descr': '<f\xff', 'fortran_order': False, 'shape': (3,), }")).contains("not UTF-8"));
    }

    #[test]
    fn headers_over_numpys_limit_are_refused_before_they_are_read() {
        let mut big = MAGIC.to_vec();
        big.extend_from_slice(&[2, 0, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(header_len(&big), Err(NpyError::HeaderTooLong(u32::MAX as u64)));
        assert!(read_header(&big, 1 << 40).unwrap_err().to_string().contains("4294967295"));
        big[8..12].copy_from_slice(&10_001u32.to_le_bytes());
        assert_eq!(header_len(&big), Err(NpyError::HeaderTooLong(10_001)));
        big[8..12].copy_from_slice(&10_000u32.to_le_bytes());
        assert_eq!(header_len(&big), Ok(10_012));
    }

    #[test]
    fn the_dict_is_held_to_numpys_rules() {
        let cases: [(&str, &str); 15] = [
            ("['descr', 'shape']", "not a dict: ['descr', 'shape']"),
            ("{'descr': '<f8', 'fortran_order': False}", "no 'shape' key"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'shape': (4,)}", "'shape' appears twice"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}", "unexpected key 'x'"),
            (
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,), }",
                "(3.0,) has a dimension that is not a whole",
            ),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }", "(-3,) has a negative dimension"),
            (
                "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }",
                "(99999999999999999999999,) is too large",
            ),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "the shape is ()"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (3), }", "shape 3 is not a tuple"),
            ("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }", "fortran_order is 0"),
            ("{'descr': 8, 'fortran_order': False, 'shape': (3,), }", "descr is 8, not a string"),
            ("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (3,), }", "sub-array"),
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), ", "ends in the middle"),
            ("{'descr': '<f8\n', 'fortran_order': False, 'shape': (3,), }", "not closed"),
            ("{'descr': '<f8', 'fortran_order': Fals, 'shape': (3,), }", "unexpected name 'Fals'"),
        ];
        for (dict, expected) in cases {
            let e = error(&v1(dict.as_bytes()));
            assert!(e.contains(expected), "{dict}: {e}");
        }
    }

    #[test]
    fn what_numpy_reads_memwin_reads() {
        let cases: [(&str, Dtype, usize); 5] = [
            ("{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}", Dtype::F64, 3),
            ("{\"descr\": \"<i4\", \"fortran_order\": True, \"shape\": (5,)}   \n", Dtype::I32, 5),
            ("{'descr': '|u1', 'fortran_order': False, 'shape': (10L,), }", Dtype::U8, 10),
            ("{'descr': '>u1', 'fortran_order': False, 'shape': ( 7 , ), }", Dtype::U8, 7),
            ("{'descr':'<u2','fortran_order':False,'shape':(0,)}", Dtype::U16, 0),
        ];
        for (dict, dtype, len) in cases {
            let h = parse_header(&v1(dict.as_bytes())).unwrap_or_else(|e| panic!("{dict}: {e}"));
            assert_eq!((h.dtype, h.len), (dtype, len), "{dict}");
        }
    }

    #[test]
    fn hostile_nesting_is_refused_without_deep_recursion() {
        let dict = "(".repeat(9_000);
        assert!(error(&v1(dict.as_bytes())).contains("more than 16 deep"));
    }

    #[test]
    fn long_values_are_cut_short_in_messages() {
        let dict = format!("{{'descr': '<{}', 'fortran_order': False, 'shape': (3,), }}", "x".repeat(5_000));
        let e = error(&v1(dict.as_bytes()));
        assert!(e.len() < 200 && e.contains('…'), "{e}");
    }

    #[test]
    fn the_streamed_reader_asks_for_the_preamble_then_the_header() {
        let mut file = write_header(Dtype::I16, 3);
        assert_eq!(file.len(), 128, "the dict is 57 chars: past 64 bytes with the preamble");
        file.extend_from_slice(&[1, 0, 2, 0, 3, 0, 9, 9]);
        let n = file.len() as u64;
        assert_eq!(read_header(&[], n), Ok(HeaderRead::Need(12)));
        assert_eq!(read_header(&file[..5], n), Ok(HeaderRead::Need(12)));
        assert_eq!(read_header(&file[..12], n), Ok(HeaderRead::Need(128)));
        let Ok(HeaderRead::Done(h)) = read_header(&file[..128], n) else { panic!() };
        assert_eq!((h.dtype, h.len, h.data_offset, h.extra_bytes(n)), (Dtype::I16, 3, 128, 2));
        assert_eq!(read_header(&file[..128], 129), Err(NpyError::Truncated { have: 129, need: 134 }));
        assert_eq!(read_header(b"\x93NU", 3), Err(NpyError::Truncated { have: 3, need: 12 }));
        assert_eq!(read_header(b"PK\x03", 100), Err(NpyError::NotNpy));
    }

    // Found by cargo-mutants (RELIABILITY.md): each test below fails on a mutant the tests above let through.
    // Expected values are worked by hand from numpy's format and the Python literal grammar.

    /// The message for a header whose whole dictionary text is `text`.
    fn message_for(text: &str) -> String {
        error(&v1(text.as_bytes()))
    }

    #[test]
    fn a_file_of_exactly_header_and_payload_is_whole() {
        // 128 header bytes, 3 × 2 payload bytes: 134, not one byte more.
        let mut file = write_header(Dtype::I16, 3);
        file.extend_from_slice(&[1, 0, 2, 0, 3, 0]);
        let h = parse_header(&file).unwrap();
        assert_eq!(h.check_file_len(134), Ok(()));
        assert_eq!(h.check_file_len(133), Err(NpyError::Truncated { have: 133, need: 134 }));
        assert_eq!(h.extra_bytes(134), 0);
        assert_eq!(read_header(&file, 134), Ok(HeaderRead::Done(h)));
        // An empty array is its header alone: 128 bytes, nothing after.
        let empty = write_header(Dtype::F64, 0);
        let Ok(HeaderRead::Done(h)) = read_header(&empty, 128) else { panic!("{:?}", read_header(&empty, 128)) };
        assert_eq!((h.len, h.data_offset, h.file_len()), (0, 128, 128));
    }

    #[test]
    fn a_header_longer_than_the_file_is_truncated_not_needed() {
        // The preamble says 128 header bytes; the file has 20. No fetch can get them.
        let file = write_header(Dtype::F64, 3);
        assert_eq!(read_header(&file[..12], 20), Err(NpyError::Truncated { have: 20, need: 128 }));
        // An empty file is no .npy file, and there is nothing to fetch.
        assert_eq!(read_header(&[], 0), Err(NpyError::NotNpy));
    }

    #[test]
    fn a_cut_off_preamble_of_any_version_is_truncated() {
        // Versions 2.0 and 3.0 need 12 bytes for their 4-byte length; 10 are not a wrong version.
        for version in [2, 3] {
            let prefix = [0x93, b'N', b'U', b'M', b'P', b'Y', version, 0, 0x10, 0];
            assert_eq!(header_len(&prefix), Err(NpyError::Truncated { have: 10, need: 12 }), "v{version}");
        }
        assert_eq!(header_len(b"\x93NUMPY\x01\x00\x10"), Err(NpyError::Truncated { have: 9, need: 12 }));
    }

    #[test]
    fn big_endian_is_named_as_such() {
        let e = parse_header(&v1(b"{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }")).unwrap_err();
        assert_eq!(e, NpyError::BigEndian("'>f8'".to_string()));
        let e = parse_header(&v1(b"{'descr': '>i2', 'fortran_order': False, 'shape': (3,), }")).unwrap_err();
        assert_eq!(e, NpyError::BigEndian("'>i2'".to_string()));
    }

    #[test]
    fn trailing_nuls_are_padding() {
        let h = parse_header(&v1(b"{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }\0\0 \0\n")).unwrap();
        assert_eq!((h.dtype, h.len), (Dtype::F32, 5));
    }

    #[test]
    fn nesting_is_refused_just_past_16_levels() {
        // Values nested 16 deep parse (and are then not a dict); 17 deep are refused.
        let parens = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
        assert!(message_for(&parens(16)).ends_with("the header is not a dict: 1"), "{}", message_for(&parens(16)));
        assert!(message_for(&parens(17)).contains("more than 16 deep"));
        // A sign nests its number: 15 parens, a sign and a digit are 16 deep.
        let signed = |n: usize| format!("{}-1{}", "(".repeat(n), ")".repeat(n));
        assert!(message_for(&signed(15)).ends_with("not a dict: -1"), "{}", message_for(&signed(15)));
        assert!(message_for(&signed(16)).contains("more than 16 deep"));
        // A dict's values nest as its keys do.
        let dicts = |n: usize| format!("{}1{}", "{'a': ".repeat(n), "}".repeat(n));
        assert!(message_for(&dicts(16)).contains("unexpected key 'a'"), "{}", message_for(&dicts(16)));
        assert!(message_for(&dicts(17)).contains("more than 16 deep"));
    }

    #[test]
    fn one_sign_as_in_literal_eval() {
        // ast.literal_eval takes one sign before a number ("- 1", "-(1)"), not two ("--1").
        assert!(message_for("- 1").ends_with("not a dict: -1"), "{}", message_for("- 1"));
        assert!(message_for("-(1)").ends_with("not a dict: -1"));
        assert!(message_for("--1").ends_with("unexpected '-' at character 1 of the header"));
        assert!(message_for("-+1").ends_with("unexpected '+' at character 1 of the header"));
        assert!(message_for("+-1").ends_with("unexpected '-' at character 1 of the header"));
    }

    #[test]
    fn a_stray_char_is_named_with_its_position() {
        // '{' 0, "'descr'" 1 to 7, ':' 8, ' ' 9, '@' 10.
        assert!(message_for("{'descr': @}").ends_with("unexpected '@' at character 10 of the header"));
        // '(' 0, '3' 1, ' ' 2, '4' 3: a missing comma.
        assert!(
            message_for("(3 4)").ends_with("unexpected '4' at character 3 of the header"),
            "{}",
            message_for("(3 4)")
        );
    }

    /// The header with `descr` and `shape` as written.
    fn with(descr: &str, shape: &str) -> Result<Header, NpyError> {
        parse_header(&v1(format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}").as_bytes()))
    }

    #[test]
    fn escapes_in_strings_are_decoded() {
        // As Python decodes them: \t, \n and \0 are their chars, an unknown escape keeps its backslash. The
        // message shows the value as Rust escapes it.
        let e = with(r"'x\ty\nz\q\0'", "(3,)").unwrap_err().to_string();
        assert!(e.contains(r"unsupported dtype 'x\ty\nz\\q\0'"), "{e}");
        for d in [
            r"'\x3cf8'",
            r"'\74f8'",
            r"'\u003cf8'",
            r"'\U0000003cf8'",
            "'<\\\nf8'",
            "'<' 'f8'",
            "u'<' r'f8'",
            "'''<f8'''",
        ] {
            assert_eq!(with(d, "(3,)").map(|h| h.dtype), Ok(Dtype::F64), "{d}");
        }
        // A raw string keeps its escapes.
        assert!(matches!(with(r"r'\x3cf8'", "(3,)"), Err(NpyError::Dtype(d)) if d == r"'\\x3cf8'"));
        // \N{…} needs Unicode's name table, which memwin does not carry (numpy would read this file).
        let e = with(r"'\N{LESS-THAN SIGN}f8'", "(3,)").unwrap_err().to_string();
        assert!(e.ends_with(r"a string in the header has a \N{…} escape, which memwin does not decode"), "{e}");
        for (d, says) in [
            (r"'\x3'", r"a truncated \x escape: '\x3''"),
            (r"'\U00110000'", "no Unicode char"),
            ("b'<f8'", "a b string"),
        ] {
            let e = with(d, "(3,)").unwrap_err().to_string();
            assert!(e.contains(says), "{d}: {e}");
        }
    }

    #[test]
    fn ints_are_read_as_python_reads_them() {
        let len = |s: &str| with("'<f8'", &format!("({s},)")).map(|h| h.len);
        for (s, n) in [
            ("1_000", 1000),
            ("0x3e8", 1000),
            ("0X3E8", 1000),
            ("0x_3e8", 1000),
            ("0o1750", 1000),
            ("0b1111101000", 1000),
            ("1000L", 1000),
            ("1000 L", 1000),
            ("0_0", 0),
            ("000", 0),
            ("-0", 0),
        ] {
            assert_eq!(len(s), Ok(n), "{s}");
        }
        for s in ["0100", "1__0", "1_", "0x", "0x__1", "0b12", "0o8", "1e3"] {
            let e = len(s).unwrap_err().to_string();
            assert!(e.ends_with(&format!("shape ({s},) has a dimension that is not a whole number")), "{s}: {e}");
        }
        // Python 2's suffix is an upper-case L only (numpy's filter), and a negative is named with its radix.
        assert!(len("1000l").unwrap_err().to_string().contains("not a whole number"));
        assert!(len("-0x1").unwrap_err().to_string().ends_with("shape (-0x1,) has a negative dimension"));
    }

    #[test]
    fn comments_and_line_continuations_are_space() {
        for dict in [
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } # a comment",
            "# first\n{'descr': '<f8', # the type\n 'fortran_order': False, 'shape': (3,), }",
            "{'descr': '<f8', \\\n'fortran_order': False, 'shape': (3,), }",
        ] {
            assert_eq!(parse_header(&v1(dict.as_bytes())).map(|h| h.len), Ok(3), "{dict}");
        }
        // A comment runs to the line's end, so this dict is never closed.
        let e = message_for("{'descr': '<f8', 'fortran_order': False, 'shape': (3,) # }");
        assert!(e.contains("ends in the middle"), "{e}");
    }

    #[test]
    fn numbers_take_an_exponents_sign_and_nothing_else() {
        // Whole numbers only in a shape; these are other numbers, each read whole.
        for number in ["1e+3", "1E-3", "1_0.5", "2.5e-1"] {
            let e = message_for(&format!("({number},)"));
            assert!(e.ends_with(&format!("not a dict: ({number},)")), "{number}: {e}");
        }
        // A sign that follows no exponent ends the number: '(' 0, '3' 1, '-' 2.
        assert!(
            message_for("(3-4,)").ends_with("unexpected '-' at character 2 of the header"),
            "{}",
            message_for("(3-4,)")
        );
    }

    #[test]
    fn fortran_order_is_a_bool_not_any_word() {
        // None is a word of the grammar, but not a bool.
        let e = message_for("{'descr': '<f8', 'fortran_order': None, 'shape': (3,), }");
        assert!(e.ends_with("fortran_order is None, not True or False"), "{e}");
    }
}
