//! The numeric element types the kernel reads, and their numpy names.

use crate::names::{named_str, Named};

/// The input dtypes memwin reads (little-endian, as on every target it runs on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Dtype {
    #[cfg_attr(feature = "clap", value(alias = "float64"))]
    F64,
    #[cfg_attr(feature = "clap", value(alias = "float32"))]
    F32,
    #[cfg_attr(feature = "clap", value(alias = "int64"))]
    I64,
    #[cfg_attr(feature = "clap", value(alias = "int32"))]
    I32,
    #[cfg_attr(feature = "clap", value(alias = "int16"))]
    I16,
    #[cfg_attr(feature = "clap", value(alias = "uint16"))]
    U16,
    #[cfg_attr(feature = "clap", value(alias = "uint8"))]
    U8,
}

impl Dtype {
    pub const ALL: [Dtype; 7] = [Dtype::F64, Dtype::F32, Dtype::I64, Dtype::I32, Dtype::I16, Dtype::U16, Dtype::U8];

    /// numpy's name: `float64`, `int16`, …
    pub fn name(self) -> &'static str {
        match self {
            Dtype::F64 => "float64",
            Dtype::F32 => "float32",
            Dtype::I64 => "int64",
            Dtype::I32 => "int32",
            Dtype::I16 => "int16",
            Dtype::U16 => "uint16",
            Dtype::U8 => "uint8",
        }
    }

    /// The short name used on the command line and in the page: `f64`, `i16`, …
    pub fn short(self) -> &'static str {
        match self {
            Dtype::F64 => "f64",
            Dtype::F32 => "f32",
            Dtype::I64 => "i64",
            Dtype::I32 => "i32",
            Dtype::I16 => "i16",
            Dtype::U16 => "u16",
            Dtype::U8 => "u8",
        }
    }

    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            Dtype::F64 | Dtype::I64 => 8,
            Dtype::F32 | Dtype::I32 => 4,
            Dtype::I16 | Dtype::U16 => 2,
            Dtype::U8 => 1,
        }
    }
}

/// Parsed from the short name (`f64`) or numpy's (`float64`); displayed by the short name.
impl Named for Dtype {
    const ALL: &'static [Dtype] = &Dtype::ALL;
    const WHAT: &'static str = "dtype";
    fn name(self) -> &'static str {
        self.short()
    }
    fn alias(self) -> Option<&'static str> {
        Some(Dtype::name(self))
    }
}
named_str!(Dtype);

/// A numeric type the kernel can aggregate. Every value is widened to f64, as numpy's mean of ints is float64.
pub trait Element: bytemuck::Pod + Send + Sync + 'static {
    const DTYPE: Dtype;
    /// Only floats can hold NaN; the kernel skips NaN bookkeeping for the others.
    const MAY_BE_NAN: bool;
    fn to_f64(self) -> f64;
}

macro_rules! element {
    ($t:ty, $d:expr, $nan:expr) => {
        impl Element for $t {
            const DTYPE: Dtype = $d;
            const MAY_BE_NAN: bool = $nan;
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
element!(f64, Dtype::F64, true);
element!(f32, Dtype::F32, true);
element!(i64, Dtype::I64, false);
element!(i32, Dtype::I32, false);
element!(i16, Dtype::I16, false);
element!(u16, Dtype::U16, false);
element!(u8, Dtype::U8, false);

/// Runs `$body` with `$T` bound to the Rust type of a runtime [`Dtype`]:
/// `with_element_type!(dtype, T => run_typed::<T>(bytes))`.
#[macro_export]
macro_rules! with_element_type {
    ($dtype:expr, $T:ident => $body:expr) => {
        match $dtype {
            $crate::Dtype::F64 => {
                type $T = f64;
                $body
            }
            $crate::Dtype::F32 => {
                type $T = f32;
                $body
            }
            $crate::Dtype::I64 => {
                type $T = i64;
                $body
            }
            $crate::Dtype::I32 => {
                type $T = i32;
                $body
            }
            $crate::Dtype::I16 => {
                type $T = i16;
                $body
            }
            $crate::Dtype::U16 => {
                type $T = u16;
                $body
            }
            $crate::Dtype::U8 => {
                type $T = u8;
                $body
            }
        }
    };
}
