import CGSL

/// One independent stream of random numbers: a GSL Mersenne Twister (mt19937) generator.
///
/// Non-copyable, so a stream has one owner and two components can never draw from the same
/// generator by accident; the GSL handle is freed in `deinit`. Obtain streams from
/// ``RandomStreams`` by name rather than seeding them by hand.
public struct RandomSource: ~Copyable {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// Creates a generator seeded with `seed`.
    ///
    /// GSL's mt19937 uses the low 32 bits of the seed (and replaces 0 by 4357), so the 64-bit
    /// seed is folded (high xor low) first; ``RandomStreams`` derives well-mixed seeds.
    /// - Parameter seed: any 64-bit value.
    public init(seed: UInt64) {
        RandomSource.disableAbortingErrorHandler
        guard let rng = gsl_rng_alloc(cgsl_rng_type_mt19937()) else {
            fatalError("GSL could not allocate a generator (out of memory)")
        }
        self.rng = rng
        gsl_rng_set(rng, UInt(truncatingIfNeeded: (seed >> 32) ^ (seed & 0xffff_ffff)))
    }

    deinit { gsl_rng_free(rng) }

    /// GSL's default error handler calls `abort()`; the wrapper validates parameters itself
    /// and wants GSL to return error codes instead. Runs once per process.
    private static let disableAbortingErrorHandler: Void = {
        gsl_set_error_handler_off()
    }()

    // MARK: - Variates

    /// Starts loading the generator's state for the next draw, so that a caller that knows a
    /// draw is coming can overlap its cache misses with other work.
    @inlinable
    public func prefetchNextDraw() { cgsl_mt19937_prefetch_next(rng) }

    /// A uniform draw in [0, 1).
    /// - Complexity: O(1), about 20 ns.
    @inlinable
    public mutating func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A uniform draw in (0, 1): never exactly zero, safe under `log`.
    @inlinable
    public mutating func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// A uniform integer in `0..<bound`.
    /// - Parameter bound: exclusive upper bound, at least 1 and below 2³².
    @inlinable
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0 && bound <= Int(UInt32.max), "integer(below:) needs 1 ≤ bound < 2^32")
        return Int(gsl_rng_uniform_int(rng, UInt(bound)))
    }

    /// An exponential draw.
    /// - Parameter mean: the mean (not the rate), > 0.
    @inlinable
    public mutating func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

    /// A lognormal draw: `exp(N(mu, sigma²))`.
    /// - Parameters:
    ///   - mu: mean of the underlying normal (`ln(median)`).
    ///   - sigma: standard deviation of the underlying normal, ≥ 0.
    @inlinable
    public mutating func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }

    /// A gamma draw with the given shape and scale (mean `shape × scale`).
    @inlinable
    public mutating func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(rng, shape, scale) }

    /// A Weibull draw with the given scale and shape.
    @inlinable
    public mutating func weibull(scale: Double, shape: Double) -> Double { gsl_ran_weibull(rng, scale, shape) }

    /// A flat draw in [min, max).
    @inlinable
    public mutating func uniform(min: Double, max: Double) -> Double { gsl_ran_flat(rng, min, max) }

    /// A Poisson count with the given mean.
    @inlinable
    public mutating func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }

    /// Shuffles `values` in place (Fisher–Yates with this stream's draws).
    /// - Complexity: O(n).
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            let other = integer(below: index + 1)
            if other != index { values.swapAt(index, other) }
        }
    }
}
