//! A value of the header's Python literal.

/// A value of the header's Python literal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
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
