//! The option enums' names, in one place: `FromStr` and `Display` for every shell (the CLI, the page, the
//! Python package), and the list of accepted values that their error messages show.
//!
//! With the `clap` feature, the enums also derive clap's `ValueEnum`, so `--help` lists the same names.

/// An option enum whose values have names: `mean`, `per-window`, `f64`, ….
pub trait Named: Copy + 'static {
    /// Every value, in the order shells list them.
    const ALL: &'static [Self];
    /// What the option is, for error messages: "statistic", "NaN policy", ….
    const WHAT: &'static str;
    /// The value's name.
    fn name(self) -> &'static str;
    /// Other names a value also answers to (numpy's `float64` for `f64`).
    fn alias(self) -> Option<&'static str> {
        None
    }
}

/// The names of every value of `E`, joined: `mean, sum, min, max, var, std`.
pub fn names<E: Named>() -> String {
    E::ALL.iter().map(|e| e.name()).collect::<Vec<_>>().join(", ")
}

/// A name that is not one of an option's values. Its message names both.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{got}': expected one of {expected}")]
pub struct UnknownName {
    pub what: &'static str,
    pub got: String,
    pub expected: String,
}

/// Parses a name (or an alias) of `E`.
pub fn parse_name<E: Named>(s: &str) -> Result<E, UnknownName> {
    E::ALL.iter().copied().find(|e| e.name() == s || e.alias() == Some(s)).ok_or_else(|| UnknownName {
        what: E::WHAT,
        got: s.to_string(),
        expected: names::<E>(),
    })
}

/// An option enum defined once: its variants with their names, from which come `Named` (the names and the
/// list error messages show), `FromStr`, `Display`, clap's `ValueEnum` (feature `clap`, for `--help`) and
/// serde (feature `serde`, for the page's options object), so no two lists can disagree.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[cfg_attr(feature = "clap", value(name = $label))]
                #[cfg_attr(feature = "serde", serde(rename = $label))]
                $variant,
            )+
        }
        impl $crate::names::Named for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];
            const WHAT: &'static str = $what;
            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }
        $crate::names::named_str!($name);
    };
}
pub(crate) use named_enum;

/// `FromStr` and `Display` from [`Named`].
macro_rules! named_str {
    ($t:ty) => {
        impl std::str::FromStr for $t {
            type Err = $crate::names::UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::names::parse_name(s)
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::names::Named::name(*self))
            }
        }
    };
}
pub(crate) use named_str;
