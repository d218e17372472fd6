// sin, cos and atan2 for the donut, written out so the module needs neither Foundation nor the
// C math library, and so the results (and hence the SVG bytes) do not depend on the platform's
// libm. Accuracy ~1e-15, far below the 0.01-unit rounding of coordinates.
//
// The C library is imported for one reason: on Linux, the standard library's Double.rounded()
// and squareRoot() call libm's round/sqrt, and importing Glibc is what makes the linker add
// -lm. No function of it is called directly.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum Trig {
    static let pi = 3.141592653589793
    static let halfPi = 1.5707963267948966

    /// Sine and cosine of `x` (radians).
    static func sincos(_ x: Double) -> (sin: Double, cos: Double) {
        guard x.isFinite else { return (0, 1) }
        let k = (x / halfPi).rounded()
        let r = x - k * halfPi  // |r| ≤ π/4
        let r2 = r * r
        // Taylor series, enough terms for |r| ≤ π/4.
        var s = r, c = 1.0
        var termS = r, termC = 1.0
        var n = 1.0
        for _ in 0..<10 {
            termS *= -r2 / ((2 * n) * (2 * n + 1))
            termC *= -r2 / ((2 * n - 1) * (2 * n))
            s += termS
            c += termC
            n += 1
        }
        let quadrant = Int(k.truncatingRemainder(dividingBy: 4))
        switch (quadrant + 4) % 4 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
    }

    /// Arctangent of `z`.
    static func atan(_ z: Double) -> Double {
        guard z.isFinite else { return z.isNaN ? 0 : (z > 0 ? halfPi : -halfPi) }
        if z.magnitude > 1 { return (z > 0 ? halfPi : -halfPi) - atan(1 / z) }
        // Halve the argument twice: atan(z) = 2·atan(z / (1 + √(1 + z²))), |z| ≤ tan(π/16).
        var t = z
        for _ in 0..<2 { t = t / (1 + (1 + t * t).squareRoot()) }
        let t2 = t * t
        var sum = 0.0, power = t
        var n = 0.0
        for _ in 0..<12 {
            sum += power / (2 * n + 1) * (Int(n) % 2 == 0 ? 1 : -1)
            power *= t2
            n += 1
        }
        return 4 * sum
    }

    /// Angle of (x, y), in (-π, π].
    static func atan2(_ y: Double, _ x: Double) -> Double {
        if x > 0 { return atan(y / x) }
        if x < 0 { return y >= 0 ? atan(y / x) + pi : atan(y / x) - pi }
        if y > 0 { return halfPi }
        if y < 0 { return -halfPi }
        return 0
    }
}
