//! The header code's unit tests: framing, the literal dialect, numpy's dictionary rules, and the messages.

use super::*;
use crate::Dtype;

#[test]
fn written_headers_parse_back_and_align_to_64() {
    for dtype in Dtype::ALL {
        for len in [0, 1, 95, 10_000_000, usize::MAX / 16] {
            let h = write_header(dtype, len);
            assert_eq!(h.len() % 64, 0);
            let p = parse_header(&h).unwrap();
            assert_eq!((p.dtype, p.len, p.data_offset, p.version), (dtype, len, h.len(), (1, 0)));
        }
    }
}

#[test]
fn reads_a_version_2_header() {
    let dict = b"{'descr': '<i2', 'fortran_order': False, 'shape': (7,), }";
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(&[2, 0]);
    h.extend_from_slice(&(dict.len() as u32 + 1).to_le_bytes());
    h.extend_from_slice(dict);
    h.push(b'\n');
    let p = parse_header(&h).unwrap();
    assert_eq!((p.dtype, p.len, p.data_offset, p.version), (Dtype::I16, 7, h.len(), (2, 0)));
}

#[test]
fn refuses_what_it_cannot_read_with_the_value_named() {
    let with = |dict: &str| {
        let mut h = MAGIC.to_vec();
        h.extend_from_slice(&[1, 0]);
        h.extend_from_slice(&(dict.len() as u16).to_le_bytes());
        h.extend_from_slice(dict.as_bytes());
        parse_header(&h).unwrap_err().to_string()
    };
    assert!(with("{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }").contains(">f8"));
    assert!(with("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }").contains("<c16"));
    assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }").contains("(3, 4)"));
    assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (), }").contains("()"));
    assert!(with("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }").contains("structured"));
    assert_eq!(parse_header(b"PK\x03\x04 zip file"), Err(NpyError::NotNpy));
    assert!(matches!(parse_header(b"\x93NUMPY\x04\x00"), Err(NpyError::Version(4, 0))));
    assert!(with("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }").contains("too large"));
}

/// A version 1.0 file: magic, version, HEADER_LEN, then `dict` as raw bytes (latin-1 may be any byte).
fn v1(dict: &[u8]) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(&[1, 0]);
    h.extend_from_slice(&(dict.len() as u16).to_le_bytes());
    h.extend_from_slice(dict);
    h
}
fn v3(dict: &[u8]) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(&[3, 0]);
    h.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    h.extend_from_slice(dict);
    h
}
fn error(bytes: &[u8]) -> String {
    let e = parse_header(bytes).unwrap_err().to_string();
    assert!(!e.contains('\n'), "{e:?}");
    e
}

#[test]
fn a_zero_header_len_is_malformed_not_a_panic() {
    let file = v1(b"");
    assert_eq!(header_len(&file), Ok(10));
    assert!(error(&file).contains("ends in the middle"));
    // What the CLI and the page ask for: 10 bytes are the whole header, and it is refused.
    let mut file = file;
    file.extend_from_slice(&[0; 8]);
    assert!(matches!(read_header(&file[..10], 18), Err(NpyError::Malformed(_))));
    assert_eq!(read_header(&[], 18), Ok(HeaderRead::Need(12)));
}

#[test]
fn a_descr_starting_with_a_non_ascii_char_is_unsupported_not_a_panic() {
    // Latin-1 in version 1 (one byte), UTF-8 in version 3 (two bytes): `split_at(1)` panicked on the latter.
    for file in [
        v1(b"{'descr': '\xe9f8', 'fortran_order': False, 'shape': (3,), }"),
        v3("{'descr': 'éf8', 'fortran_order': False, 'shape': (3,), }".as_bytes()),
    ] {
        let e = error(&file);
        assert!(e.contains("unsupported dtype 'éf8'"), "{e}");
    }
    assert!(error(&v3("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'é': 1}".as_bytes())).contains("'é'"));
}

#[test]
fn version_3_must_be_utf8() {
    assert!(error(&v3(b"{'descr': '<f\xff', 'fortran_order': False, 'shape': (3,), }")).contains("not UTF-8"));
}

#[test]
fn headers_over_numpys_limit_are_refused_before_they_are_read() {
    let mut big = MAGIC.to_vec();
    big.extend_from_slice(&[2, 0, 0xff, 0xff, 0xff, 0xff]);
    assert_eq!(header_len(&big), Err(NpyError::HeaderTooLong(u32::MAX as u64)));
    assert!(read_header(&big, 1 << 40).unwrap_err().to_string().contains("4294967295"));
    big[8..12].copy_from_slice(&10_001u32.to_le_bytes());
    assert_eq!(header_len(&big), Err(NpyError::HeaderTooLong(10_001)));
    big[8..12].copy_from_slice(&10_000u32.to_le_bytes());
    assert_eq!(header_len(&big), Ok(10_012));
}

#[test]
fn the_dict_is_held_to_numpys_rules() {
    let cases: [(&str, &str); 15] = [
        ("['descr', 'shape']", "not a dict: ['descr', 'shape']"),
        ("{'descr': '<f8', 'fortran_order': False}", "no 'shape' key"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'shape': (4,)}", "'shape' appears twice"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}", "unexpected key 'x'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,), }", "(3.0,) has a dimension that is not a whole"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }", "(-3,) has a negative dimension"),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }",
            "(99999999999999999999999,) is too large",
        ),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "the shape is ()"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3), }", "shape 3 is not a tuple"),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }", "fortran_order is 0"),
        ("{'descr': 8, 'fortran_order': False, 'shape': (3,), }", "descr is 8, not a string"),
        ("{'descr': ('<f8', (2,)), 'fortran_order': False, 'shape': (3,), }", "sub-array"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), ", "ends in the middle"),
        ("{'descr': '<f8\n', 'fortran_order': False, 'shape': (3,), }", "not closed"),
        ("{'descr': '<f8', 'fortran_order': Fals, 'shape': (3,), }", "unexpected name 'Fals'"),
    ];
    for (dict, expected) in cases {
        let e = error(&v1(dict.as_bytes()));
        assert!(e.contains(expected), "{dict}: {e}");
    }
}

#[test]
fn what_numpy_reads_memwin_reads() {
    let cases: [(&str, Dtype, usize); 5] = [
        ("{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}", Dtype::F64, 3),
        ("{\"descr\": \"<i4\", \"fortran_order\": True, \"shape\": (5,)}   \n", Dtype::I32, 5),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': (10L,), }", Dtype::U8, 10),
        ("{'descr': '>u1', 'fortran_order': False, 'shape': ( 7 , ), }", Dtype::U8, 7),
        ("{'descr':'<u2','fortran_order':False,'shape':(0,)}", Dtype::U16, 0),
    ];
    for (dict, dtype, len) in cases {
        let h = parse_header(&v1(dict.as_bytes())).unwrap_or_else(|e| panic!("{dict}: {e}"));
        assert_eq!((h.dtype, h.len), (dtype, len), "{dict}");
    }
}

#[test]
fn hostile_nesting_is_refused_without_deep_recursion() {
    let dict = "(".repeat(9_000);
    assert!(error(&v1(dict.as_bytes())).contains("more than 16 deep"));
}

#[test]
fn long_values_are_cut_short_in_messages() {
    let dict = format!("{{'descr': '<{}', 'fortran_order': False, 'shape': (3,), }}", "x".repeat(5_000));
    let e = error(&v1(dict.as_bytes()));
    assert!(e.len() < 200 && e.contains('…'), "{e}");
}

#[test]
fn the_streamed_reader_asks_for_the_preamble_then_the_header() {
    let mut file = write_header(Dtype::I16, 3);
    assert_eq!(file.len(), 128, "the dict is 57 chars: past 64 bytes with the preamble");
    file.extend_from_slice(&[1, 0, 2, 0, 3, 0, 9, 9]);
    let n = file.len() as u64;
    assert_eq!(read_header(&[], n), Ok(HeaderRead::Need(12)));
    assert_eq!(read_header(&file[..5], n), Ok(HeaderRead::Need(12)));
    assert_eq!(read_header(&file[..12], n), Ok(HeaderRead::Need(128)));
    let Ok(HeaderRead::Done(h)) = read_header(&file[..128], n) else { panic!() };
    assert_eq!((h.dtype, h.len, h.data_offset, h.extra_bytes(n)), (Dtype::I16, 3, 128, 2));
    assert_eq!(read_header(&file[..128], 129), Err(NpyError::Truncated { have: 129, need: 134 }));
    assert_eq!(read_header(b"\x93NU", 3), Err(NpyError::Truncated { have: 3, need: 12 }));
    assert_eq!(read_header(b"PK\x03", 100), Err(NpyError::NotNpy));
}

// Found by cargo-mutants (RELIABILITY.md): each test below fails on a mutant the tests above let through.
// Expected values are worked by hand from numpy's format and the Python literal grammar.

/// The message for a header whose whole dictionary text is `text`.
fn message_for(text: &str) -> String {
    error(&v1(text.as_bytes()))
}

#[test]
fn a_file_of_exactly_header_and_payload_is_whole() {
    // 128 header bytes, 3 × 2 payload bytes: 134, not one byte more.
    let mut file = write_header(Dtype::I16, 3);
    file.extend_from_slice(&[1, 0, 2, 0, 3, 0]);
    let h = parse_header(&file).unwrap();
    assert_eq!(h.check_file_len(134), Ok(()));
    assert_eq!(h.check_file_len(133), Err(NpyError::Truncated { have: 133, need: 134 }));
    assert_eq!(h.extra_bytes(134), 0);
    assert_eq!(read_header(&file, 134), Ok(HeaderRead::Done(h)));
    // An empty array is its header alone: 128 bytes, nothing after.
    let empty = write_header(Dtype::F64, 0);
    let Ok(HeaderRead::Done(h)) = read_header(&empty, 128) else { panic!("{:?}", read_header(&empty, 128)) };
    assert_eq!((h.len, h.data_offset, h.file_len()), (0, 128, 128));
}

#[test]
fn a_header_longer_than_the_file_is_truncated_not_needed() {
    // The preamble says 128 header bytes; the file has 20. No fetch can get them.
    let file = write_header(Dtype::F64, 3);
    assert_eq!(read_header(&file[..12], 20), Err(NpyError::Truncated { have: 20, need: 128 }));
    // An empty file is no .npy file, and there is nothing to fetch.
    assert_eq!(read_header(&[], 0), Err(NpyError::NotNpy));
}

#[test]
fn a_cut_off_preamble_of_any_version_is_truncated() {
    // Versions 2.0 and 3.0 need 12 bytes for their 4-byte length; 10 are not a wrong version.
    for version in [2, 3] {
        let prefix = [0x93, b'N', b'U', b'M', b'P', b'Y', version, 0, 0x10, 0];
        assert_eq!(header_len(&prefix), Err(NpyError::Truncated { have: 10, need: 12 }), "v{version}");
    }
    assert_eq!(header_len(b"\x93NUMPY\x01\x00\x10"), Err(NpyError::Truncated { have: 9, need: 12 }));
}

#[test]
fn big_endian_is_named_as_such() {
    let e = parse_header(&v1(b"{'descr': '>f8', 'fortran_order': False, 'shape': (3,), }")).unwrap_err();
    assert_eq!(e, NpyError::BigEndian("'>f8'".to_string()));
    let e = parse_header(&v1(b"{'descr': '>i2', 'fortran_order': False, 'shape': (3,), }")).unwrap_err();
    assert_eq!(e, NpyError::BigEndian("'>i2'".to_string()));
}

#[test]
fn trailing_nuls_are_padding() {
    let h = parse_header(&v1(b"{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }\0\0 \0\n")).unwrap();
    assert_eq!((h.dtype, h.len), (Dtype::F32, 5));
}

#[test]
fn nesting_is_refused_just_past_16_levels() {
    // Values nested 16 deep parse (and are then not a dict); 17 deep are refused.
    let parens = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
    assert!(message_for(&parens(16)).ends_with("the header is not a dict: 1"), "{}", message_for(&parens(16)));
    assert!(message_for(&parens(17)).contains("more than 16 deep"));
    // A sign nests its number: 15 parens, a sign and a digit are 16 deep.
    let signed = |n: usize| format!("{}-1{}", "(".repeat(n), ")".repeat(n));
    assert!(message_for(&signed(15)).ends_with("not a dict: -1"), "{}", message_for(&signed(15)));
    assert!(message_for(&signed(16)).contains("more than 16 deep"));
    // A dict's values nest as its keys do.
    let dicts = |n: usize| format!("{}1{}", "{'a': ".repeat(n), "}".repeat(n));
    assert!(message_for(&dicts(16)).contains("unexpected key 'a'"), "{}", message_for(&dicts(16)));
    assert!(message_for(&dicts(17)).contains("more than 16 deep"));
}

#[test]
fn one_sign_as_in_literal_eval() {
    // ast.literal_eval takes one sign before a number ("- 1", "-(1)"), not two ("--1").
    assert!(message_for("- 1").ends_with("not a dict: -1"), "{}", message_for("- 1"));
    assert!(message_for("-(1)").ends_with("not a dict: -1"));
    assert!(message_for("--1").ends_with("unexpected '-' at character 1 of the header"));
    assert!(message_for("-+1").ends_with("unexpected '+' at character 1 of the header"));
    assert!(message_for("+-1").ends_with("unexpected '-' at character 1 of the header"));
}

#[test]
fn a_stray_char_is_named_with_its_position() {
    // '{' 0, "'descr'" 1 to 7, ':' 8, ' ' 9, '@' 10.
    assert!(message_for("{'descr': @}").ends_with("unexpected '@' at character 10 of the header"));
    // '(' 0, '3' 1, ' ' 2, '4' 3: a missing comma.
    assert!(message_for("(3 4)").ends_with("unexpected '4' at character 3 of the header"), "{}", message_for("(3 4)"));
}

/// The header with `descr` and `shape` as written.
fn with(descr: &str, shape: &str) -> Result<Header, NpyError> {
    parse_header(&v1(format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}").as_bytes()))
}

#[test]
fn escapes_in_strings_are_decoded() {
    // As Python decodes them: \t, \n and \0 are their chars, an unknown escape keeps its backslash. The
    // message shows the value as Rust escapes it.
    let e = with(r"'x\ty\nz\q\0'", "(3,)").unwrap_err().to_string();
    assert!(e.contains(r"unsupported dtype 'x\ty\nz\\q\0'"), "{e}");
    for d in
        [r"'\x3cf8'", r"'\74f8'", r"'\u003cf8'", r"'\U0000003cf8'", "'<\\\nf8'", "'<' 'f8'", "u'<' r'f8'", "'''<f8'''"]
    {
        assert_eq!(with(d, "(3,)").map(|h| h.dtype), Ok(Dtype::F64), "{d}");
    }
    // A raw string keeps its escapes.
    assert!(matches!(with(r"r'\x3cf8'", "(3,)"), Err(NpyError::Dtype(d)) if d == r"'\\x3cf8'"));
    // \N{…} needs Unicode's name table, which memwin does not carry (numpy would read this file).
    let e = with(r"'\N{LESS-THAN SIGN}f8'", "(3,)").unwrap_err().to_string();
    assert!(e.ends_with(r"a string in the header has a \N{…} escape, which memwin does not decode"), "{e}");
    for (d, says) in
        [(r"'\x3'", r"a truncated \x escape: '\x3''"), (r"'\U00110000'", "no Unicode char"), ("b'<f8'", "a b string")]
    {
        let e = with(d, "(3,)").unwrap_err().to_string();
        assert!(e.contains(says), "{d}: {e}");
    }
}

#[test]
fn ints_are_read_as_python_reads_them() {
    let len = |s: &str| with("'<f8'", &format!("({s},)")).map(|h| h.len);
    for (s, n) in [
        ("1_000", 1000),
        ("0x3e8", 1000),
        ("0X3E8", 1000),
        ("0x_3e8", 1000),
        ("0o1750", 1000),
        ("0b1111101000", 1000),
        ("1000L", 1000),
        ("1000 L", 1000),
        ("0_0", 0),
        ("000", 0),
        ("-0", 0),
    ] {
        assert_eq!(len(s), Ok(n), "{s}");
    }
    for s in ["0100", "1__0", "1_", "0x", "0x__1", "0b12", "0o8", "1e3"] {
        let e = len(s).unwrap_err().to_string();
        assert!(e.ends_with(&format!("shape ({s},) has a dimension that is not a whole number")), "{s}: {e}");
    }
    // Python 2's suffix is an upper-case L only (numpy's filter), and a negative is named with its radix.
    assert!(len("1000l").unwrap_err().to_string().contains("not a whole number"));
    assert!(len("-0x1").unwrap_err().to_string().ends_with("shape (-0x1,) has a negative dimension"));
}

#[test]
fn comments_and_line_continuations_are_space() {
    for dict in [
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } # a comment",
        "# first\n{'descr': '<f8', # the type\n 'fortran_order': False, 'shape': (3,), }",
        "{'descr': '<f8', \\\n'fortran_order': False, 'shape': (3,), }",
    ] {
        assert_eq!(parse_header(&v1(dict.as_bytes())).map(|h| h.len), Ok(3), "{dict}");
    }
    // A comment runs to the line's end, so this dict is never closed.
    let e = message_for("{'descr': '<f8', 'fortran_order': False, 'shape': (3,) # }");
    assert!(e.contains("ends in the middle"), "{e}");
}

#[test]
fn numbers_take_an_exponents_sign_and_nothing_else() {
    // Whole numbers only in a shape; these are other numbers, each read whole.
    for number in ["1e+3", "1E-3", "1_0.5", "2.5e-1"] {
        let e = message_for(&format!("({number},)"));
        assert!(e.ends_with(&format!("not a dict: ({number},)")), "{number}: {e}");
    }
    // A sign that follows no exponent ends the number: '(' 0, '3' 1, '-' 2.
    assert!(
        message_for("(3-4,)").ends_with("unexpected '-' at character 2 of the header"),
        "{}",
        message_for("(3-4,)")
    );
}

#[test]
fn fortran_order_is_a_bool_not_any_word() {
    // None is a word of the grammar, but not a bool.
    let e = message_for("{'descr': '<f8', 'fortran_order': None, 'shape': (3,), }");
    assert!(e.ends_with("fortran_order is None, not True or False"), "{e}");
}

#[test]
fn any_header_numpy_writes_is_described() {
    // int8, 3 × 4, Fortran order: 12 one-byte elements; the dict is 58 chars, so the payload starts at 68.
    let file = v1(b"{'descr': '|i1', 'fortran_order': True, 'shape': (3, 4), }");
    let d = describe(&file).unwrap();
    assert_eq!((d.descr.as_str(), d.item_size, d.shape.as_slice()), ("|i1", Some(1), &[3, 4][..]));
    assert_eq!((d.fortran_order, d.len, d.data_offset, d.version), (true, 12, 68, (1, 0)));
    assert_eq!((d.payload_len(), d.shape_text()), (Some(12), "(3, 4)".to_string()));
    assert!(matches!(d.dtype, Err(NpyError::Dtype(_))));
    assert!(matches!(Header::from_description(&d), Err(NpyError::Dtype(_))));
    // Item sizes, by numpy's rules: U is 4 bytes a char, a structured dtype the sum of its fields (a
    // sub-array field counts its elements), an object array none (its payload is a pickle).
    let size = |descr: &str| describe(&v1(header_with(descr, "(2,)").as_bytes())).map(|d| d.item_size);
    for (descr, want) in [
        ("'<U3'", Some(12)),
        ("'|S5'", Some(5)),
        ("'<M8[ns]'", Some(8)),
        ("'|b1'", Some(1)),
        ("'<c16'", Some(16)),
        ("[('t', '<i8'), ('v', '<f4', (2,))]", Some(16)),
        ("[(('title', 't'), '<i2'), ('o', '|O')]", None),
        ("('<f8', (2, 3))", Some(48)),
        ("'|O'", None),
    ] {
        assert_eq!(size(descr), Ok(want), "{descr}");
    }
    // What is no dtype numpy writes is refused, as np.load refuses it.
    for descr in ["'<q8'", "'<f3'", "'<M8[ns'", "[('t',)]", "('<f8',)"] {
        assert!(matches!(size(descr), Err(NpyError::Dtype(_))), "{descr}: {:?}", size(descr));
    }
    // A 1-D float64 in Fortran order is the same bytes as in C order: memwin computes over it.
    let d = describe(&v1(b"{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }")).unwrap();
    assert_eq!(Header::from_description(&d).map(|h| (h.dtype, h.len)), Ok((Dtype::F64, 3)));
    // The shape is a tuple even for a scalar: () is one element, which memwin does not compute over.
    let d = describe(&v1(b"{'descr': '<f8', 'fortran_order': False, 'shape': (), }")).unwrap();
    assert_eq!((d.len, d.shape_text()), (1, "()".to_string()));
    assert_eq!(Header::from_description(&d), Err(NpyError::Shape("()".to_string())));
}

fn header_with(descr: &str, shape: &str) -> String {
    format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}")
}
