#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| memwin_fuzz::job_options_checks::check(data));
