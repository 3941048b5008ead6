//! The native shell's files, through the library: inputs mapped from every .npy version and layout memwin
//! accepts, and outputs that appear under their final name only when complete.

use crate::cli_common::{listing, read_npy, write_raw_npy, write_raw_npy_unpadded};
use memwin::Dtype;
use memwin_cli::failure::Failure;
use memwin_cli::mapped::Mapped;
use memwin_cli::output::OutputFile;

fn f64_bytes(x: &[f64]) -> Vec<u8> {
    x.iter().flat_map(|v| v.to_le_bytes()).collect()
}

#[test]
fn maps_versions_1_2_and_3() {
    let dir = tempfile::tempdir().unwrap();
    let x = [1.5, -2.0, 3.25, 1e300];
    for version in [1u8, 2, 3] {
        let path = dir.path().join(format!("v{version}.npy"));
        write_raw_npy(&path, version, "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", &f64_bytes(&x));
        let m = Mapped::open(&path).unwrap();
        assert_eq!((m.dtype(), m.len(), m.header().version), (Dtype::F64, 4, (version, 0)));
        assert_eq!(m.slice::<f64>().unwrap(), x);
        assert!(m.slice::<f32>().is_none(), "a wrong type is refused, not reinterpreted");
        assert!(!m.is_copy());
    }
}

#[test]
fn a_misaligned_payload_is_read_through_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.npy");
    let x: Vec<f64> = (0..100).map(|i| i as f64 * 0.5).collect();
    write_raw_npy_unpadded(&path, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100,), }", &f64_bytes(&x));
    let m = Mapped::open(&path).unwrap();
    assert_ne!(m.header().data_offset % 8, 0, "the test must build a misaligned file");
    assert!(m.is_copy());
    assert!(m.note().unwrap().contains("odd.npy"));
    assert_eq!(m.slice::<f64>().unwrap(), x);
}

#[test]
fn every_dtype_maps_to_its_rust_type() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Dtype, Vec<u8>); 4] = [
        ("<i2", Dtype::I16, [-3i16, 7].iter().flat_map(|v| v.to_le_bytes()).collect()),
        ("<u2", Dtype::U16, [65535u16, 1].iter().flat_map(|v| v.to_le_bytes()).collect()),
        ("|u1", Dtype::U8, vec![255, 0]),
        ("<f4", Dtype::F32, [0.5f32, -1.0].iter().flat_map(|v| v.to_le_bytes()).collect()),
    ];
    for (descr, dtype, payload) in cases {
        let path = dir.path().join("x.npy");
        write_raw_npy(&path, 1, &format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': (2,), }}"), &payload);
        let m = Mapped::open(&path).unwrap();
        assert_eq!((m.dtype(), m.len(), m.bytes()), (dtype, 2, payload.as_slice()), "{descr}");
    }
}

#[test]
fn an_empty_array_maps_to_an_empty_slice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.npy");
    write_raw_npy(&path, 1, "{'descr': '<i4', 'fortran_order': False, 'shape': (0,), }", &[]);
    let m = Mapped::open(&path).unwrap();
    assert!(m.is_empty());
    assert_eq!(m.slice::<i32>().unwrap(), &[] as &[i32]);
}

#[test]
fn an_absurd_shape_is_bad_input_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.npy");
    let dict = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': ({},), }}", usize::MAX / 4);
    write_raw_npy(&path, 1, &dict, &[0; 64]);
    match Mapped::open(&path) {
        Err(Failure::Usage(m)) => assert!(m.contains("huge.npy"), "{m}"),
        Err(other) => panic!("expected bad input, got {other}"),
        Ok(_) => panic!("a file of 64 payload bytes cannot hold that shape"),
    }
}

#[test]
fn an_output_appears_only_when_finished() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.npy");
    let mut out = OutputFile::create(&path, Dtype::F64, 5, false).unwrap();
    let temp = out.temp_path().to_path_buf();
    let temp_name = temp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(temp_name.starts_with(&format!(".out.npy.partial-{}", std::process::id())), "{temp_name}");
    assert!(temp.exists() && !path.exists());
    out.values_mut::<f64>().unwrap().copy_from_slice(&[1.0, 2.0, 3.0, 4.0, f64::NAN]);
    assert!(out.values_mut::<i64>().is_none());
    assert_eq!(out.finish().unwrap(), path);
    assert_eq!(listing(dir.path()), ["out.npy"]);

    // numpy's layout: version 1.0, '<f8', shape (5,), payload on a multiple of 64.
    let npy = read_npy(&path);
    assert_eq!((npy.descr.as_str(), npy.shape.as_slice(), npy.data_offset % 64), ("<f8", &[5][..], 0));
    let v = npy.values();
    assert_eq!(&v[..4], [1.0, 2.0, 3.0, 4.0]);
    assert!(v[4].is_nan());
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
}

#[test]
fn an_unfinished_output_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.npy");
    {
        let mut out = OutputFile::create(&path, Dtype::I16, 1000, false).unwrap();
        out.values_mut::<i16>().unwrap().fill(7);
        assert_eq!(listing(dir.path()).len(), 1);
    }
    assert!(listing(dir.path()).is_empty(), "{:?}", listing(dir.path()));
}

#[test]
fn an_existing_output_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.npy");
    std::fs::write(&path, "keep").unwrap();
    assert!(matches!(OutputFile::create(&path, Dtype::F64, 1, false), Err(Failure::Usage(m)) if m.contains("--force")));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
    let out = OutputFile::create(&path, Dtype::F64, 3, true).unwrap();
    out.finish().unwrap();
    assert_eq!(read_npy(&path).shape, [3]);
    assert_eq!(listing(dir.path()), ["out.npy"]);
}

#[test]
fn gen_files_read_back_through_the_map_in_every_dtype() {
    let dir = tempfile::tempdir().unwrap();
    for dtype in Dtype::ALL {
        let path = dir.path().join(format!("{dtype}.npy"));
        let mut out = OutputFile::create(&path, dtype, 10, false).unwrap();
        memwin::with_element_type!(dtype, T => {
            let v = out.values_mut::<T>().unwrap();
            memwin::random::fill_random::<T>(9, v, memwin::Execution::Sequential);
        });
        out.finish().unwrap();
        let m = Mapped::open(&path).unwrap();
        assert_eq!((m.dtype(), m.len()), (dtype, 10));
        assert_eq!(m.bytes(), read_npy(&path).payload.as_slice());
    }
}

#[test]
fn a_zero_header_length_is_bad_input_not_a_panic() {
    // HEADER_LEN 0 made the header end before the 12 bytes already read: a slice out of range, exit 101.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zero.npy");
    let mut bytes = b"\x93NUMPY\x01\x00\x00\x00".to_vec();
    bytes.extend_from_slice(b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }");
    std::fs::write(&path, bytes).unwrap();
    match Mapped::open(&path) {
        Err(Failure::Usage(m)) => assert!(m.contains("zero.npy") && m.contains("malformed"), "{m}"),
        Err(other) => panic!("expected bad input, got {other}"),
        Ok(_) => panic!("an empty header dictionary cannot be read"),
    }
}

#[test]
fn bytes_past_the_payload_are_read_past_with_a_note() {
    // numpy reads such a file and ignores the tail; memwin maps the payload and says how much it ignored.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.npy");
    let x = [1.0, 2.0, 4.0];
    let mut payload = f64_bytes(&x);
    payload.extend_from_slice(&[0xab; 21]);
    write_raw_npy(&path, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", &payload);
    let m = Mapped::open(&path).unwrap();
    assert_eq!((m.len(), m.extra_bytes()), (3, 21));
    assert_eq!(m.slice::<f64>().unwrap(), x);
    let note = m.note().unwrap();
    assert_eq!(note.lines().count(), 1, "{note}");
    assert!(note.contains("long.npy") && note.contains("21 bytes after the 3 float64 values"), "{note}");

    let exact = dir.path().join("exact.npy");
    write_raw_npy(&exact, 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", &f64_bytes(&x));
    assert_eq!((Mapped::open(&exact).unwrap().extra_bytes(), Mapped::open(&exact).unwrap().note()), (0, None));
}
