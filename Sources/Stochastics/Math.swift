#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libm under explicit names, so that the distribution code needs no Foundation.
@usableFromInline func mathLog(_ x: Double) -> Double { log(x) }
@usableFromInline func mathExp(_ x: Double) -> Double { exp(x) }
@usableFromInline func mathGamma(_ x: Double) -> Double { tgamma(x) }
