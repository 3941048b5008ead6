//! The option enums' names, as the CLI, the page and the Python package spell them (hand-listed here, from
//! the README): each parses back to its value, displays as itself, and an unknown name lists them all.

use memwin::names::names;
use memwin::{Access, Dtype, Named, NanPolicy, Stat, Strategy, UnknownName};
use std::fmt::Display;
use std::str::FromStr;

/// Every value of `E` has the name listed, in order; it parses back and displays as that name.
fn check<E>(listed: &[&str])
where
    E: Named + FromStr<Err = UnknownName> + Display + PartialEq + std::fmt::Debug,
{
    let got: Vec<&str> = E::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(got, listed, "{} names", E::WHAT);
    assert_eq!(names::<E>(), listed.join(", "));
    for &e in E::ALL {
        assert_eq!(e.name().parse::<E>(), Ok(e));
        assert_eq!(e.to_string(), e.name());
    }
    let err = "nonesuch".parse::<E>().unwrap_err();
    assert_eq!(err.to_string(), format!("unknown {} 'nonesuch': expected one of {}", E::WHAT, listed.join(", ")));
}

#[test]
fn every_option_has_its_documented_names() {
    check::<Stat>(&["mean", "sum", "min", "max", "var", "std"]);
    check::<NanPolicy>(&["propagate", "skip"]);
    check::<Access>(&["shared", "copy"]);
    check::<Dtype>(&["f64", "f32", "i64", "i32", "i16", "u16", "u8"]);
    // Strategies grow (sliding is new): the three that have always been there, each under its name.
    let strategies: Vec<&str> = <Strategy as Named>::ALL.iter().map(|s| s.name()).collect();
    for (name, strategy) in
        [("auto", Strategy::Auto), ("per-window", Strategy::PerWindow), ("blocked", Strategy::Blocked)]
    {
        assert!(strategies.contains(&name), "{strategies:?}");
        assert_eq!(name.parse::<Strategy>(), Ok(strategy));
        assert_eq!(strategy.to_string(), name);
    }
}

#[test]
fn dtypes_also_answer_to_numpys_names() {
    let numpy = ["float64", "float32", "int64", "int32", "int16", "uint16", "uint8"];
    for (&dtype, numpy_name) in Dtype::ALL.iter().zip(numpy) {
        assert_eq!(dtype.alias(), Some(numpy_name));
        assert_eq!(Dtype::name(dtype), numpy_name);
        assert_eq!(numpy_name.parse::<Dtype>(), Ok(dtype));
    }
    // Bytes per element, as numpy's itemsize.
    let sizes: Vec<usize> = Dtype::ALL.iter().map(|d| d.size()).collect();
    assert_eq!(sizes, [8, 4, 8, 4, 2, 2, 1]);
}
