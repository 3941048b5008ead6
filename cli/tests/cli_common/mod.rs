//! Helpers shared by the CLI tests: run the binary, check the one-line error contract, and read .npy files
//! and compute reference statistics independently of memwin's own code.
#![allow(dead_code)] // a topic built alone (cfg(unix) ones aside) uses only part of it

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `memwin` binary cargo built for these tests.
pub fn memwin() -> assert_cmd::Command {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_memwin"))
}

/// Runs `memwin args` and checks the bad-input contract: exit 2, nothing on stdout, exactly one line on
/// stderr that starts with `memwin: `. Returns that line.
pub fn fails_with_usage(args: &[&str], cwd: &Path) -> String {
    usage_failure(args, cwd)
        .unwrap_or_else(|(wrong, stderr)| panic!("memwin {args:?}: {} | stderr {stderr:?}", wrong.join(", ")))
}

/// [`fails_with_usage`] without panicking: the stderr line, or what broke the contract and the whole
/// stderr. A run longer than 20 s (a hang, e.g. on a FIFO) is killed and breaks it too.
pub fn usage_failure(args: &[&str], cwd: &Path) -> Result<String, (Vec<String>, String)> {
    let out = memwin().args(args).current_dir(cwd).timeout(std::time::Duration::from_secs(20)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut wrong = Vec::new();
    if out.status.code() != Some(2) {
        wrong.push(format!("exit {:?}, expected 2", out.status.code()));
    }
    if !out.stdout.is_empty() {
        wrong.push(format!("printed on stdout: {:?}", String::from_utf8_lossy(&out.stdout)));
    }
    if stderr.lines().count() != 1 || !stderr.starts_with("memwin: ") {
        wrong.push("stderr is not one 'memwin: ' line".into());
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        wrong.push("a panic".into());
    }
    match wrong.is_empty() {
        true => Ok(stderr.lines().next().unwrap_or_default().to_string()),
        false => Err((wrong, stderr)),
    }
}

/// The names in `dir`, sorted (to check that no output or temp file was left behind).
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A .npy file read the simple way: descr, shape, payload. Only what these tests write or memwin writes.
pub struct Npy {
    pub descr: String,
    pub shape: Vec<usize>,
    pub data_offset: usize,
    pub payload: Vec<u8>,
}

pub fn read_npy(path: &Path) -> Npy {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..6], b"\x93NUMPY", "{}", path.display());
    let (start, hlen) = match bytes[6] {
        1 => (10, u16::from_le_bytes([bytes[8], bytes[9]]) as usize),
        _ => (12, u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize),
    };
    let text = std::str::from_utf8(&bytes[start..start + hlen]).unwrap();
    let after = |key: &str| &text[text.find(key).unwrap() + key.len()..];
    let descr = after("'descr': '").split('\'').next().unwrap().to_string();
    let shape = after("'shape': (")
        .split(')')
        .next()
        .unwrap()
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| d.parse().unwrap())
        .collect();
    Npy { descr, shape, data_offset: start + hlen, payload: bytes[start + hlen..].to_vec() }
}

impl Npy {
    /// Every element widened to f64, decoded from the little-endian bytes by hand.
    pub fn values(&self) -> Vec<f64> {
        let p = &self.payload;
        macro_rules! decode {
            ($t:ty) => {
                p.chunks_exact(std::mem::size_of::<$t>())
                    .map(|c| <$t>::from_le_bytes(c.try_into().unwrap()) as f64)
                    .collect()
            };
        }
        match self.descr.as_str() {
            "<f8" => decode!(f64),
            "<f4" => decode!(f32),
            "<i8" => decode!(i64),
            "<i4" => decode!(i32),
            "<i2" => decode!(i16),
            "<u2" => decode!(u16),
            "|u1" => decode!(u8),
            d => panic!("unexpected descr {d}"),
        }
    }
}

/// Window starts by the rule itself: every full window, or the seed's `range(0, n - w, s)`.
pub fn starts(n: usize, w: usize, s: usize, seed_rule: bool) -> Vec<usize> {
    if seed_rule {
        (0..n - w).step_by(s).collect()
    } else {
        (0..=n - w).step_by(s).collect()
    }
}

/// The statistic the plain way: a left-to-right f64 sum, two-pass variance. `skip` leaves NaNs out.
pub fn naive(x: &[f64], stat: &str, skip: bool) -> f64 {
    if !skip && x.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    let v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    if v.is_empty() {
        return if stat == "sum" { 0.0 } else { f64::NAN };
    }
    let n = v.len() as f64;
    let sum: f64 = v.iter().sum();
    let mean = sum / n;
    let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    match stat {
        "mean" => mean,
        "sum" => sum,
        "min" => v.iter().copied().fold(f64::INFINITY, f64::min),
        "max" => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        "var" => var,
        "std" => var.sqrt(),
        s => panic!("unknown stat {s}"),
    }
}

/// Whether `got` matches the naive `want` for window `x`: min and max exactly, the others to 1e-12 of the
/// window's scale (the naive sum itself is only that accurate).
pub fn close(stat: &str, got: f64, want: f64, x: &[f64]) -> bool {
    if want.is_nan() || got.is_nan() {
        return want.is_nan() && got.is_nan();
    }
    let finite = x.iter().filter(|v| !v.is_nan());
    let n = finite.clone().count().max(1) as f64;
    let scale = match stat {
        "min" | "max" => return got == want,
        "sum" => finite.map(|v| v.abs()).sum::<f64>(),
        "mean" => finite.map(|v| v.abs()).sum::<f64>() / n,
        "var" => finite.map(|v| v * v).sum::<f64>() / n,
        "std" => (finite.map(|v| v * v).sum::<f64>() / n).sqrt(),
        s => panic!("unknown stat {s}"),
    };
    (got - want).abs() <= 1e-12 * want.abs() + 1e-12 * scale
}

/// A .npy header dictionary `{'descr': D, 'fortran_order': False, 'shape': S, }` with D and S as written.
pub fn header_dict(descr: &str, shape: &str) -> String {
    format!("{{'descr': {descr}, 'fortran_order': False, 'shape': {shape}, }}")
}

/// Writes a .npy with the given raw header dictionary and payload (for files numpy would not write),
/// padded as numpy pads it so the payload starts on a multiple of 64.
pub fn write_raw_npy(path: &Path, version: u8, dict: &str, payload: &[u8]) {
    let preamble = if version == 1 { 10 } else { 12 };
    let unpadded = preamble + dict.len() + 1;
    let padded = format!("{dict:<width$}", width = unpadded.div_ceil(64) * 64 - preamble - 1);
    write_raw_npy_unpadded(path, version, &padded, payload);
}

/// As [`write_raw_npy`] but without padding: the payload starts wherever the dictionary ends.
pub fn write_raw_npy_unpadded(path: &Path, version: u8, dict: &str, payload: &[u8]) {
    let mut bytes = b"\x93NUMPY".to_vec();
    bytes.extend_from_slice(&[version, 0]);
    let text = format!("{dict}\n");
    if version == 1 {
        bytes.extend_from_slice(&(text.len() as u16).to_le_bytes());
    } else {
        bytes.extend_from_slice(&(text.len() as u32).to_le_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(payload);
    std::fs::write(path, bytes).unwrap();
}

/// Whether a test that needs a private mount namespace (`unshare`) must fail rather than skip where none
/// can be made: in CI, or when `MEMWIN_REQUIRE_NAMESPACE` is set.
pub fn namespace_required() -> bool {
    std::env::var_os("MEMWIN_REQUIRE_NAMESPACE").is_some() || std::env::var_os("CI").is_some()
}

/// Skips a test that needs a mount namespace, saying why on stderr, or fails it where one is required.
pub fn skip_without_namespace(why: &str) {
    assert!(!namespace_required(), "{why} (CI or MEMWIN_REQUIRE_NAMESPACE requires it)");
    eprintln!("skipped: {why}; set MEMWIN_REQUIRE_NAMESPACE=1 to make this a failure");
}

/// Runs `memwin args` in `cwd` inside a private mount namespace where `script` (sh, with `$0` = `target`)
/// first changes the mount at `target`; the script exits 99 if it cannot. `None` when this machine cannot
/// make such a namespace. Returns exit code, stdout, stderr.
pub fn in_mount_namespace(
    script: &str,
    target: &Path,
    cwd: &Path,
    args: &[&str],
) -> Option<(Option<i32>, String, String)> {
    let full = format!("{script}\n\"$@\"");
    for unshare in [&["--user", "--map-root-user", "--mount"][..], &["--mount"][..]] {
        let out = std::process::Command::new("unshare")
            .args(unshare)
            .args(["sh", "-c", &full])
            .arg(target)
            .arg(env!("CARGO_BIN_EXE_memwin"))
            .args(args)
            .current_dir(cwd)
            .output()
            .ok()?;
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.code() == Some(99) || stderr.starts_with("unshare:") {
            eprintln!("unshare {unshare:?} cannot change the mount here: {stderr}");
            continue;
        }
        return Some((out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), stderr));
    }
    None
}

/// The repository's root (the tests run from `cli/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The Python that has numpy: `$MEMWIN_PYTHON`, or else the repository's `.venv`. `None` (with the reason
/// on stderr) when there is none and none is required; under `MEMWIN_REQUIRE_NUMPY` or `CI` a missing numpy
/// fails. `what` names the tests that need it, for the message.
pub fn numpy_python(what: &str) -> Option<PathBuf> {
    let candidate =
        std::env::var_os("MEMWIN_PYTHON").map_or_else(|| repo_root().join(".venv/bin/python"), PathBuf::from);
    let has_numpy = Command::new(&candidate).args(["-c", "import numpy"]).output().is_ok_and(|o| o.status.success());
    if has_numpy {
        return Some(candidate);
    }
    let why = format!(
        "{what} need Python with numpy, and {} has none: run scripts/setup-python.sh \
         (or set MEMWIN_PYTHON to a python that has numpy)",
        candidate.display()
    );
    let required = std::env::var_os("MEMWIN_REQUIRE_NUMPY").is_some() || std::env::var_os("CI").is_some();
    assert!(!required, "{why}");
    eprintln!("skipped: {why}");
    None
}
