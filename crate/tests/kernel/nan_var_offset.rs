//! var and std of an offset signal (1e8 + noise in [-1, 1)) with NaNs skipped, within 1e-6 of the variance
//! itself: the NaN-aware path must subtract the window's mean before squaring, or Σx² − n·mean² cancels
//! 16 digits away (a mutant that summed (x + mean)(x − mean) passed every test at a tolerance of the scale).

use crate::common::*;
use memwin::{run, Control, Execution, Job, Named, NanPolicy, Stat, Strategy, WindowRule, Windows};

#[test]
fn offset_windows_with_nans_keep_their_variance() {
    let x: Vec<f64> = data(5_000, 31, 7).iter().map(|v| 1e8 + v).collect();
    let windows = Windows::new(x.len(), 100, 50, WindowRule::AllFull).unwrap();
    for &strategy in <Strategy as Named>::ALL {
        for stat in [Stat::Var, Stat::Std] {
            let job = Job { stat, nan: NanPolicy::Skip, strategy, ..Job::new(windows) };
            let mut out = vec![f64::NAN; windows.count()];
            run(&x, &mut out, &job, Execution::Sequential, &Control::new()).unwrap();
            for (i, &got) in out.iter().enumerate() {
                let want = naive(&x[windows.range(i)], stat, NanPolicy::Skip);
                assert!((got - want).abs() <= 1e-6 * want, "{strategy:?} {stat} window {i}: {got} vs naive {want}");
            }
        }
    }
}
