//! The sliding strategy's chains in lockstep (crate/src/strategy/sliding/lockstep.rs): a block's windows in four segments slid
//! side by side. Each case puts what makes one chain leave the others (an infinity, an overflow, NaNs, a
//! block cut into pieces among more lanes than blocks, a remainder past the four segments) in a chosen
//! segment, and checks every window against the naive reference and its bits against one thread.

use crate::common::*;
use memwin::{run, Control, Execution, Job, NanPolicy, Stat, Strategy, WindowRule, Windows};

const ALL: [Stat; 4] = [Stat::Sum, Stat::Mean, Stat::Var, Stat::Std];

#[test]
fn an_infinity_in_one_segment_leaves_the_other_chains_in_lockstep() {
    // w = 1000, s = 1: blocks of 1000 windows, four segments of 250. Block 1's second segment meets an
    // infinity (windows 1250..1499 start before it and hold it later); block 3's last segment too.
    let mut x = offset_signal(6_000, 11);
    x[2_400] = f64::INFINITY;
    x[4_900] = f64::NEG_INFINITY;
    check_sliding(&x, 1_000, 1, &ALL, &[2, 3]);
}

#[test]
fn infinities_in_every_segment_stop_the_whole_block_and_the_next_block_recovers() {
    let mut x = offset_signal(5_000, 12);
    for i in [1_100, 1_350, 1_600, 1_850, 2_100] {
        x[i] = f64::INFINITY;
    }
    check_sliding(&x, 1_000, 1, &ALL, &[2]);
}

#[test]
fn chains_that_stop_at_different_batches_each_resume_from_the_scans() {
    // w = 8,000: segments of 2,000 windows, four batches of 512 steps each. Block 2 holds windows
    // 16,000..23,999. An infinity at p makes windows p − w + 1 ..= p infinite: here chain 0 (windows
    // 16,000..17,999) from 1,500 steps in, in its third batch, and chains 1–3 from their anchors, in their
    // first; chain 0 runs on in lockstep with three stopped lanes until then.
    let mut x = offset_signal(36_000, 13);
    x[16_000 + 1_500 + 7_999] = f64::INFINITY;
    check_sliding(&x, 8_000, 1, &ALL, &[2]);
}

#[test]
fn an_overflowing_sum_in_one_chain_falls_back_alone() {
    let mut x = offset_signal(6_000, 14);
    x[2_700] = 1e308;
    x[2_701] = 1e308;
    check_sliding(&x, 1_000, 1, &[Stat::Sum, Stat::Mean], &[2, 3]);
}

#[test]
fn nans_in_some_chains_are_counted_while_the_others_stay_clean() {
    let mut x = offset_signal(12_000, 15);
    x[1_300] = f64::NAN; // one NaN entering and leaving chain 1 of block 0 and chain 0 of block 1
    x[5_000..5_300].fill(f64::NAN); // a run longer than a segment
    for i in (8_000..11_000).step_by(333) {
        x[i] = f64::NAN;
    }
    check_sliding(&x, 1_000, 1, &ALL, &[2, 3]);
    check_sliding(&x, 1_000, 3, &ALL, &[2]);
}

#[test]
fn the_last_segment_slides_the_blocks_remainder_alone() {
    // 1002 windows a block: four segments of 250 in lockstep, then two more windows on the last chain;
    // an infinity lands in that remainder of block 2.
    let mut x = offset_signal(7_000, 16);
    x[2 * 1_002 + 1_001 + 1_002 - 1] = f64::INFINITY;
    check_sliding(&x, 1_002, 1, &ALL, &[2, 3]);
    // Steps that do not divide the window: segment anchors between element runs of uneven lengths.
    check_sliding(&offset_signal(20_000, 17), 1_001, 7, &ALL, &[2, 3]);
}

#[test]
fn blocks_cut_into_pieces_among_more_lanes_than_blocks_give_the_same_bits() {
    // Three blocks of 2000 windows among up to 7 lanes: pieces start and end inside segments.
    let mut x = offset_signal(8_000, 18);
    x[3_333] = f64::NAN;
    check_sliding(&x, 2_000, 1, &ALL, &[2, 4, 5, 7]);
    x[4_444] = f64::INFINITY;
    check_sliding(&x, 2_000, 1, &[Stat::Mean, Stat::Std], &[4, 7]);
}

#[test]
fn integer_elements_slide_in_lockstep_too() {
    let raw: Vec<f64> = data(9_000, 19, 0);
    let (x, as_f64) = typed::<i32>(&raw);
    let windows = Windows::new(x.len(), 1_000, 1, WindowRule::AllFull).unwrap();
    for stat in ALL {
        let job = Job { stat, strategy: Strategy::Sliding, ..Job::new(windows) };
        let mut out = vec![f64::NAN; windows.count()];
        let exec = Execution::with_threads(2).unwrap();
        pool(2).install(|| run(&x, &mut out, &job, exec, &Control::new())).unwrap();
        for (i, &g) in out.iter().enumerate() {
            let win = &as_f64[windows.range(i)];
            let want = naive(win, stat, NanPolicy::Propagate);
            assert!(close(g, want, scale(win, stat), 1e-12), "{stat} window {i}: got {g}, want {want}");
        }
    }
}
