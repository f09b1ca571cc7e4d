#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distributions the simulated call centre draws its traffic from, and `cti load` its
/// virtual agents' times.
extension SplitMix64 {
    /// Uniform in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        let unit = Double(next() >> 11) / Double(1 << 53)
        return range.lowerBound + (range.upperBound - range.lowerBound) * unit
    }

    /// Exponentially distributed with `rate` per second (Poisson inter-arrival time).
    public mutating func exponential(rate: Double) -> Double {
        let unit = max(Double(next() >> 11) / Double(1 << 53), 1e-12)
        return -log(unit) / rate
    }
}
