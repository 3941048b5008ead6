//! What a .npy header says about any array numpy writes: its dtype, shape, memory order, format version and
//! where the payload starts, held to numpy's rules for the dictionary (exactly the keys `descr`,
//! `fortran_order` and `shape`; a tuple of whole numbers for the shape; a bool for the order). Whether
//! memwin computes over the array is `Header`'s business.

use super::descr::descr;
use super::error::{shown, NpyError};
use super::framing::dict_text;
use super::literal::{parse, Literal};
use crate::Dtype;

/// A .npy header, for any dtype and shape numpy writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    pub version: (u8, u8),
    /// The dtype as the header writes it: `<f8`, `|i1`, `<M8[ns]`, or a structured dtype's list.
    pub descr: String,
    /// Bytes an element takes, where that is fixed (not for object arrays, whose payload is a pickle).
    pub item_size: Option<usize>,
    pub shape: Vec<usize>,
    /// Fortran (column-major) order rather than C order; the same bytes for fewer than two dimensions.
    pub fortran_order: bool,
    /// Number of elements: the product of the shape.
    pub len: usize,
    /// Where the payload starts, from the start of the file.
    pub data_offset: usize,
    /// memwin's dtype for it, or why memwin reads none.
    pub dtype: Result<Dtype, NpyError>,
}

impl Description {
    /// The payload's size in bytes, where the item size is fixed (saturating: it is compared with a file's).
    pub fn payload_len(&self) -> Option<u64> {
        self.item_size.map(|s| (s as u64).saturating_mul(self.len as u64))
    }
    /// The shape as Python writes a tuple: `(3,)`, `(3, 4)`, `()`.
    pub fn shape_text(&self) -> String {
        match self.shape.as_slice() {
            [n] => format!("({n},)"),
            dims => format!("({})", dims.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// Reads a header from the start of a file (at least [`super::header_len`] bytes of it).
pub fn describe(bytes: &[u8]) -> Result<Description, NpyError> {
    let (version, text, data_offset) = dict_text(bytes)?;
    let dict = match parse(&text)? {
        Literal::Dict(entries) => entries,
        other => return Err(NpyError::Malformed(format!("the header is not a dict: {}", shown(&other.to_string())))),
    };
    let mut descr_value = None;
    let mut fortran = None;
    let mut shape = None;
    for (key, value) in dict {
        let slot = match &key {
            Literal::Str(k) if k == "descr" => &mut descr_value,
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
    let d = descr(&descr_value.ok_or_else(|| missing("descr"))?)?;
    let fortran_order = match fortran.ok_or_else(|| missing("fortran_order"))? {
        Literal::Word(w) if w == "True" => true,
        Literal::Word(w) if w == "False" => false,
        other => {
            return Err(NpyError::Malformed(format!(
                "fortran_order is {}, not True or False",
                shown(&other.to_string())
            )))
        }
    };
    let (shape, len) = dims(&shape.ok_or_else(|| missing("shape"))?)?;
    Ok(Description {
        version,
        descr: d.text,
        item_size: d.item_size,
        shape,
        fortran_order,
        len,
        data_offset,
        dtype: d.dtype,
    })
}

/// The shape's dimensions and their product.
fn dims(shape: &Literal) -> Result<(Vec<usize>, usize), NpyError> {
    let raw = || shown(&shape.to_string());
    let Literal::Tuple(items) = shape else {
        return Err(NpyError::Malformed(format!("shape {} is not a tuple", raw())));
    };
    let mut dims = Vec::with_capacity(items.len());
    for item in items {
        let Literal::Int { negative, radix, digits } = item else {
            return Err(NpyError::Malformed(format!("shape {} has a dimension that is not a whole number", raw())));
        };
        if *negative && digits.bytes().any(|b| b != b'0') {
            return Err(NpyError::Malformed(format!("shape {} has a negative dimension", raw())));
        }
        let too_large = || NpyError::Malformed(format!("shape {} is too large", raw()));
        dims.push(usize::from_str_radix(digits, *radix).map_err(|_| too_large())?);
    }
    let too_large = || NpyError::Malformed(format!("shape {} is too large", raw()));
    let len = dims.iter().try_fold(1usize, |n, &d| n.checked_mul(d)).ok_or_else(too_large)?;
    Ok((dims, len))
}
