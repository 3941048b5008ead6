// joblib's "NumPy memmap in joblib.Parallel", as the page runs it. One place for its settings: the driver
// runs them, and the page shows them in the form, so the form always says what was run.
export const SEED = Object.freeze({
  len: 10_000_000, // random float64
  dtype: 'f64',
  size: 500_000,
  step: 100_000,
  seedCompatible: true, // range(0, n - w, s): 95 windows
  stat: 'mean',
  nan: 'propagate',
  strategy: 'auto',
  costMs: 10, // simulated work per window in the three timed runs
  writeCostMs: 5, // and in the phase where workers write the output
});
