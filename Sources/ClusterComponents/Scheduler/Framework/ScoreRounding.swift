/// Go's `math.Round` converted to `int64`, as the score plugins round (PodTopologySpread's
/// scores, NodeResourcesFit's RequestedToCapacityRatio): half away from zero.
///
/// `Double.rounded(.toNearestOrAwayFromZero)` is a call into libm's `round` on the baseline
/// x86-64 target (no SSE4.1 `roundsd`), made for every feasible node of every pod (500 at
/// 5,000 nodes); this is the same function with a truncation and one subtraction, which is
/// exact: the difference of a double and its integer part is its fraction, representable.
@inline(__always)
func roundedHalfAwayFromZero(_ x: Double) -> Int64 {
    let whole = Int64(x)  // toward zero; traps beyond Int64, as Int64(x.rounded(…)) does
    let fraction = x - Double(whole)
    if fraction >= 0.5 { return whole + 1 }
    if fraction <= -0.5 { return whole - 1 }
    return whole
}
