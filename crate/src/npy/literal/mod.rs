//! The header's dictionary is a Python literal, and numpy reads it with `ast.literal_eval`. This reads it
//! the same way: strings (prefixes, quotes, escapes, implicit concatenation), whole numbers in Python's
//! spellings, True/False/None, tuples, lists and dicts, with comments and line continuations as space.
//! What the values mean for an array is the business of `description`.

mod cursor;
mod numbers;
mod parser;
mod strings;
mod value;

pub(super) use parser::parse;
pub(super) use value::Literal;
