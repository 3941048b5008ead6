//! `memwin info` describes any .npy numpy writes (dtype, shape, C or Fortran order, format version, payload
//! offset) with exit 0, and says plainly whether memwin computes over it and why not; `compute` refuses the
//! same files with exit 2 and one line. The expected descriptions come from numpy reading its own files.

use crate::cli_common::{fails_with_usage, memwin, numpy_python, write_raw_npy};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn info_json(dir: &Path, name: &str) -> Value {
    let out = memwin().args(["info", name, "--json"]).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "info {name}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_2d_file_is_described_and_refused_by_compute() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // 6 float64 in a 2 × 3 Fortran-order array: a 118-byte dict, padded to a payload at byte 128.
    write_raw_npy(&d.join("grid.npy"), 1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", &[0; 48]);
    let v = info_json(d, "grid.npy");
    assert_eq!(v["descr"], "<f8");
    assert_eq!(v["dtype"], "float64");
    assert_eq!(v["shape"], serde_json::json!([2, 3]));
    assert_eq!(v["fortran_order"], true);
    assert_eq!(
        (v["len"].as_u64(), v["payload_bytes"].as_u64(), v["data_offset"].as_u64()),
        (Some(6), Some(48), Some(128))
    );
    assert_eq!(v["computes"], false);
    assert!(v["why_not"].as_str().unwrap().contains("1-D"), "{v}");

    let out = memwin().args(["info", "grid.npy"]).current_dir(d).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for words in
        ["shape (2, 3)", "Fortran order", ".npy 1.0", "payload at byte 128", "memwin cannot compute over it", "1-D"]
    {
        assert!(text.contains(words), "no {words:?} in {text}");
    }
    let line = fails_with_usage(&["compute", "grid.npy", "--size", "2"], d);
    assert!(line.contains("grid.npy") && line.contains("(2, 3)"), "{line}");
}

#[test]
fn an_empty_array_is_described() {
    let dir = tempfile::tempdir().unwrap();
    write_raw_npy(&dir.path().join("e.npy"), 1, "{'descr': '<i2', 'fortran_order': False, 'shape': (0,), }", &[]);
    let v = info_json(dir.path(), "e.npy");
    assert_eq!((v["dtype"].as_str(), v["len"].as_u64(), v["computes"].as_bool()), (Some("int16"), Some(0), Some(true)));
}

/// Files numpy writes, of dtypes and shapes memwin does not compute over (and two it does), described by
/// numpy and by `memwin info`.
#[test]
fn numpy_files_of_any_dtype_and_shape_are_described_as_numpy_reads_them() {
    let Some(python) = numpy_python("the info tests") else { return };
    let dir = tempfile::tempdir().unwrap();
    let script = r#"
import json, sys
import numpy as np
arrays = {
    "i8_2d.npy": np.arange(12, dtype=np.int8).reshape(3, 4),
    "f8_fortran.npy": np.asfortranarray(np.arange(6.0).reshape(2, 3)),
    "bool.npy": np.array([True, False, True]),
    "c16.npy": np.arange(4, dtype=np.complex128),
    "f2.npy": np.arange(5, dtype=np.float16),
    "dt.npy": np.array(["2026-01-01", "2026-06-01"], dtype="datetime64[ns]"),
    "s5.npy": np.array([b"ab", b"cdefg"]),
    "u3.npy": np.array(["a", "xyz"]),
    "rec.npy": np.zeros(4, dtype=[("t", "<i8"), ("v", "<f4", (2,))]),
    "be.npy": np.arange(3, dtype=">f8"),
    "scalar.npy": np.float64(2.5),
    "f8.npy": np.arange(7.0),
    "u1_3d.npy": np.zeros((2, 2, 2), dtype=np.uint8),
}
out = {}
for name, a in arrays.items():
    np.save(name, a)
    with open(name, "rb") as f:
        version = np.lib.format.read_magic(f)
        read = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}[version]
        shape, fortran, dtype = read(f)
        offset = f.tell()
    out[name] = {"shape": list(shape), "fortran_order": fortran, "version": "%d.%d" % version,
                 "data_offset": offset, "itemsize": dtype.itemsize, "descr": np.lib.format.dtype_to_descr(dtype)}
print(json.dumps(out))
"#;
    let run = Command::new(&python).arg("-c").arg(script).current_dir(dir.path()).output().unwrap();
    assert!(run.status.success(), "numpy: {}", String::from_utf8_lossy(&run.stderr));
    let numpy: Value = serde_json::from_slice(&run.stdout).unwrap();
    let computable = ["f8.npy"];
    let mut wrong = Vec::new();
    for (name, want) in numpy.as_object().unwrap() {
        let got = info_json(dir.path(), name);
        let shape: Vec<u64> = want["shape"].as_array().unwrap().iter().map(|d| d.as_u64().unwrap()).collect();
        let len: u64 = shape.iter().product();
        let descr = match &want["descr"] {
            Value::String(s) => s.clone(),
            _ => "structured".into(),
        };
        let checks = [
            ("shape", got["shape"] == want["shape"]),
            ("fortran_order", got["fortran_order"] == want["fortran_order"]),
            ("version", got["version"] == want["version"]),
            ("data_offset", got["data_offset"] == want["data_offset"]),
            ("len", got["len"].as_u64() == Some(len)),
            ("payload_bytes", got["payload_bytes"].as_u64() == Some(len * want["itemsize"].as_u64().unwrap())),
            ("descr", descr == "structured" || got["descr"] == want["descr"]),
            ("computes", got["computes"].as_bool() == Some(computable.contains(&name.as_str()))),
        ];
        for (what, ok) in checks {
            if !ok {
                wrong.push(format!("{name}: {what}: memwin {got}, numpy {want}"));
            }
        }
        if name == "i8_2d.npy" {
            // Both reasons, in one sentence.
            let why = got["why_not"].as_str().unwrap_or_default();
            assert!(why.contains("1-D arrays of float64") && why.contains("2-D, of dtype |i1"), "{why}");
        }
        if !computable.contains(&name.as_str()) {
            let line = fails_with_usage(&["compute", name, "--size", "1"], dir.path());
            assert!(line.contains(name.as_str()), "{line}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
