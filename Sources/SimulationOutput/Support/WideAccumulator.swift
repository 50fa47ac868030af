/// An exact 128-bit sum of non-negative `amount × duration` products.
///
/// Time-weighted means integrate `requested(t)` over nanoseconds of virtual time; at the
/// target scale (5,000 nodes of 64 GiB over a simulated day) the integral exceeds `Int64`,
/// and accumulating it in `Double` would make the result depend on rounding order.
struct WideAccumulator: Hashable, Sendable {
    private(set) var high: UInt64 = 0
    private(set) var low: UInt64 = 0

    /// Adds `amount × duration`; both must be non-negative.
    /// - Complexity: O(1).
    mutating func add(_ amount: Int64, times duration: Int64) {
        guard amount > 0, duration > 0 else { return }
        let product = UInt64(amount).multipliedFullWidth(by: UInt64(duration))
        let (sum, carry) = low.addingReportingOverflow(product.low)
        low = sum
        high &+= product.high &+ (carry ? 1 : 0)
    }

    /// The sum as a `Double` (for the final ratio only).
    var doubleValue: Double { Double(high) * 18_446_744_073_709_551_616.0 + Double(low) }
}
