//! .npy headers spelled the many ways Python spells a literal, against numpy itself: numpy reads a header
//! with `ast.literal_eval`, so `(1_000,)`, `(0x3e8,)`, `'<' 'f8'`, `r'<f8'`, `'\x3cf8'` and comments are all
//! headers it reads, and `(0100,)`, `(1__0,)` or `b'<f8'` are not. For every header here, `memwin info`
//! must describe the file exactly when `np.load` reads it, with the same dtype and shape, and say that
//! memwin computes over it exactly when it is 1-D of one of memwin's dtypes; otherwise exit 2.
//!
//! The one known difference is `\N{…}` escapes (a Unicode name table memwin does not carry): memwin
//! refuses them with a line that says so (`crate/src/npy/tests.rs`).

use crate::cli_common::{header_dict as dict, memwin, numpy_python, write_raw_npy};
use std::process::Command;

fn headers() -> Vec<String> {
    let mut all = Vec::new();
    // Shapes: Python's int literals, and what is not one.
    for shape in [
        "(10,)",
        "(1_0,)",
        "(0xa,)",
        "(0XA,)",
        "(0x_a,)",
        "(0o12,)",
        "(0O12,)",
        "(0b1010,)",
        "(0b_10_10,)",
        "(10L,)",
        "(0xaL,)",
        "(+10,)",
        "(+ 10,)",
        "(-0,)",
        "(0_0,)",
        "(00,)",
        "( 10 , )",
        "((10),)",
        "(0100,)",
        "(01,)",
        "(1__0,)",
        "(1_,)",
        "(_10,)",
        "(0x,)",
        "(0x_,)",
        "(0x__a,)",
        "(0b102,)",
        "(0o8,)",
        "(10l,)",
        "(--10,)",
        "(-+10,)",
        "(1e1,)",
        "(10.,)",
        "(10j,)",
        "(0xaJ,)",
        "(10 L,)",
        "(10\tL,)",
        "(10 Lx,)",
        "(10L L,)",
        "(10 l,)",
        "(True,)",
        "(10, 1)",
        "[10]",
        "10",
    ] {
        all.push(dict("'<f8'", shape));
    }
    // Descrs: string prefixes, quotes, escapes and implicit concatenation.
    for descr in [
        "'<f8'",
        "\"<f8\"",
        "'<' 'f8'",
        "'<' \"f8\"",
        "'<''f8'",
        "'<' r'f8'",
        "r'<f8'",
        "R'<f8'",
        "u'<f8'",
        "U'<f8'",
        "'''<f8'''",
        "\"\"\"<f8\"\"\"",
        "''''<f8'''",
        "'\\x3cf8'",
        "'\\x3Cf8'",
        "'\\74f8'",
        "'\\074f8'",
        "'\\u003cf8'",
        "'\\U0000003cf8'",
        "'<\\\nf8'",
        "'<\\f8'",
        "'<\\q8'",
        "r'\\x3cf8'",
        "'\\x3'",
        "'\\x3gf8'",
        "'\\u003'",
        "'\\U00110000'",
        "b'<f8'",
        "B'<f8'",
        "br'<f8'",
        "f'<f8'",
        "ur'<f8'",
        "'<' b'f8'",
        "'<f8",
        "'''<f8'",
        "r'<f8\\'",
        "'<f8\\'",
        "('<f8')",
        "'|u1'",
        "'\\x7cu1'",
        "'<i' '2'",
    ] {
        all.push(dict(descr, "(10,)"));
    }
    // Comments, line continuations and keys spelled with escapes.
    all.extend(
        [
            "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), } # a comment",
            "{'descr': '<f8', # the type\n 'fortran_order': False, 'shape': (10,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), } # 'shape': (5,)",
            "# a comment first\n{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }",
            "{'descr': '<f8', \\\n'fortran_order': False, 'shape': (10,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), } \\",
            "{'des\\x63r': '<f8', 'fortran_order': False, 'shape': (10,), }",
            "{'de' 'scr': '<f8', 'fortran_order': False, 'shape': (10,), }",
            "{r'descr': '<f8', u'fortran_order': False, \"shape\": (10,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), } #",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (10,) # unclosed }",
        ]
        .map(String::from),
    );
    all
}

#[test]
fn memwin_reads_a_header_exactly_when_numpy_does() {
    let Some(python) = numpy_python("the header dialect tests") else { return };
    let dir = tempfile::tempdir().unwrap();
    let headers = headers();
    let paths: Vec<_> = (0..headers.len()).map(|i| dir.path().join(format!("h{i}.npy"))).collect();
    for (h, path) in headers.iter().zip(&paths) {
        write_raw_npy(path, 1, h, &[0u8; 80]);
    }
    // numpy's verdict on each file: "descr shape computable", or "refused"; computable when memwin can
    // compute over the array (1-D, one of its dtypes).
    let script = r#"
import json, sys, warnings
import numpy as np
warnings.simplefilter("ignore")  # invalid escapes warn in Python 3.12+
memwin_dtypes = {"<f8", "<f4", "<i8", "<i4", "<i2", "<u2", "|u1"}
for path in sys.argv[1:]:
    try:
        a = np.load(path)
        computable = a.ndim == 1 and a.dtype.str in memwin_dtypes
        print(f"{a.dtype.str} {json.dumps(list(a.shape), separators=(',', ':'))} {str(computable).lower()}")
    except Exception:
        print("refused")
"#;
    let out = Command::new(&python).arg("-c").arg(script).args(&paths).output().unwrap();
    assert!(out.status.success(), "numpy: {}", String::from_utf8_lossy(&out.stderr));
    let numpy: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    assert_eq!(numpy.len(), headers.len());
    assert!(numpy.iter().filter(|v| *v != "refused").count() >= 30, "numpy read too few: {numpy:?}");
    assert!(numpy.iter().filter(|v| *v == "refused").count() >= 30, "numpy refused too few: {numpy:?}");

    let mut wrong = Vec::new();
    for ((h, path), want) in headers.iter().zip(&paths).zip(&numpy) {
        let out = memwin().args(["info", "--json"]).arg(path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let got = match out.status.code() {
            Some(0) => {
                let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                format!("{} {} {}", v["descr"].as_str().unwrap(), v["shape"], v["computes"])
            }
            Some(2) => {
                assert_eq!(stderr.trim_end().lines().count(), 1, "{h:?}: not one line: {stderr}");
                "refused".to_string()
            }
            code => panic!("{h:?}: exit {code:?}, {stderr}"),
        };
        if &got != want {
            wrong.push(format!("{h:?}: numpy {want}, memwin {got} {}", stderr.trim_end()));
        }
    }
    assert!(wrong.is_empty(), "memwin and numpy disagree on:\n{}", wrong.join("\n"));
}
