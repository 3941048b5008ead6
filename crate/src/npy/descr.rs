//! The header's `descr`: whether it is a dtype numpy writes, how many bytes an element takes, and whether
//! it is one of the seven memwin computes over.

use super::error::{shown, NpyError};
use super::literal::Literal;
use crate::Dtype;

/// What a descr says.
pub(super) struct Descr {
    /// As the header writes it: `<f8`, `|u1`, `<M8[ns]`, or a structured dtype's list as Python prints it.
    pub text: String,
    /// Bytes an element takes, where that is fixed (not for object arrays, whose payload is a pickle).
    pub item_size: Option<usize>,
    /// memwin's dtype, or why it reads none.
    pub dtype: Result<Dtype, NpyError>,
}

/// Reads a descr, refusing what is no dtype numpy writes (`np.load` would refuse it too).
pub(super) fn descr(literal: &Literal) -> Result<Descr, NpyError> {
    let raw = || shown(&literal.to_string());
    let not_a_dtype = || NpyError::Dtype(format!("{} (not a dtype numpy writes)", raw()));
    match literal {
        Literal::Str(s) => {
            // An unknown type string keeps the message memwin always gave it.
            let item_size = type_string_size(s).ok_or_else(|| NpyError::Dtype(raw()))?;
            Ok(Descr { text: s.clone(), item_size, dtype: memwin_dtype(s, raw()) })
        }
        Literal::List(_) => {
            let item_size = size(literal).ok_or_else(not_a_dtype)?;
            let dtype = Err(NpyError::Dtype(format!("{} (a structured dtype)", raw())));
            Ok(Descr { text: literal.to_string(), item_size, dtype })
        }
        Literal::Tuple(_) => {
            let item_size = size(literal).ok_or_else(not_a_dtype)?;
            let dtype = Err(NpyError::Dtype(format!("{} (a sub-array dtype)", raw())));
            Ok(Descr { text: literal.to_string(), item_size, dtype })
        }
        other => Err(NpyError::Malformed(format!("descr is {}, not a string", shown(&other.to_string())))),
    }
}

/// One of memwin's seven dtypes, in an order it reads (little-endian, or no order for one byte).
fn memwin_dtype(s: &str, raw: String) -> Result<Dtype, NpyError> {
    // The byte order, then the type code; chars, not bytes, so a non-ASCII first char is just unsupported.
    let mut chars = s.chars();
    let order = chars.next();
    let dtype = match chars.as_str() {
        "f8" => Dtype::F64,
        "f4" => Dtype::F32,
        "i8" => Dtype::I64,
        "i4" => Dtype::I32,
        "i2" => Dtype::I16,
        "u2" => Dtype::U16,
        "u1" => Dtype::U8,
        _ => return Err(NpyError::Dtype(raw)),
    };
    match order {
        Some('<' | '|' | '=') => Ok(dtype),
        // One byte has no order.
        Some('>') if dtype.size() == 1 => Ok(dtype),
        Some('>') => Err(NpyError::BigEndian(raw)),
        _ => Err(NpyError::Dtype(raw)),
    }
}

/// The item size of any descr numpy writes: a type string, a structured dtype's list of fields
/// `(name, descr[, shape])`, or a sub-array `(descr, shape)`. Outer `None`: not such a descr; inner `None`:
/// no fixed size (an object field).
fn size(literal: &Literal) -> Option<Option<usize>> {
    match literal {
        Literal::Str(s) => type_string_size(s),
        Literal::List(fields) => {
            let mut total = Some(0usize);
            for field in fields {
                let Literal::Tuple(parts) = field else { return None };
                let (name, descr, shape) = match parts.as_slice() {
                    [name, descr] => (name, descr, None),
                    [name, descr, shape] => (name, descr, Some(shape)),
                    _ => return None,
                };
                // A name, or a (title, name) pair.
                match name {
                    Literal::Str(_) => {}
                    Literal::Tuple(pair) if pair.len() == 2 && pair.iter().all(|p| matches!(p, Literal::Str(_))) => {}
                    _ => return None,
                }
                let n = match shape {
                    None => 1,
                    Some(shape) => count(shape)?,
                };
                let field_size = size(descr)?;
                total = match (total, field_size) {
                    (Some(t), Some(f)) => f.checked_mul(n).and_then(|b| t.checked_add(b)),
                    _ => None,
                };
            }
            Some(total)
        }
        Literal::Tuple(parts) => match parts.as_slice() {
            [descr, shape] => {
                let n = count(shape)?;
                Some(size(descr)?.and_then(|s| s.checked_mul(n)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The element count of a sub-array shape: a tuple of whole numbers (or one whole number).
fn count(shape: &Literal) -> Option<usize> {
    let dim = |d: &Literal| match d {
        Literal::Int { negative: false, radix, digits } => usize::from_str_radix(digits, *radix).ok(),
        _ => None,
    };
    match shape {
        Literal::Tuple(dims) => dims.iter().try_fold(1usize, |n, d| n.checked_mul(dim(d)?)),
        d => dim(d),
    }
}

/// The item size a numpy type string gives (`<f8` 8, `|S5` 5, `<U3` 12, `<M8[ns]` 8, `|O` none), or `None`
/// when it is no type string numpy writes.
fn type_string_size(s: &str) -> Option<Option<usize>> {
    let body = s.strip_prefix(['<', '>', '|', '=']).unwrap_or(s);
    let mut chars = body.chars();
    let kind = chars.next()?;
    let rest = chars.as_str();
    // Datetimes and timedeltas may carry a unit: `<M8[ns]`, `<m8[25s]`.
    let digits = match rest.split_once('[') {
        Some((digits, unit)) if matches!(kind, 'M' | 'm') => {
            let unit = unit.strip_suffix(']')?;
            if unit.is_empty() || !unit.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            digits
        }
        Some(_) => return None,
        None => rest,
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: Option<usize> = if digits.is_empty() { None } else { Some(digits.parse().ok()?) };
    match (kind, n) {
        ('b', Some(1)) => Some(Some(1)),
        ('i' | 'u', Some(n @ (1 | 2 | 4 | 8))) => Some(Some(n)),
        ('f', Some(n @ (2 | 4 | 8 | 10 | 12 | 16))) => Some(Some(n)),
        ('c', Some(n @ (8 | 16 | 20 | 24 | 32))) => Some(Some(n)),
        ('S' | 'a' | 'V', Some(n)) => Some(Some(n)),
        ('U', Some(n)) => Some(n.checked_mul(4)),
        ('M' | 'm', Some(8)) => Some(Some(8)),
        ('O', None | Some(8)) => Some(None),
        _ => None,
    }
}
