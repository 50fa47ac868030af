extension Quantity {
    /// The canonical text, as k8s `Quantity.String()` prints it for this value and ``format``.
    ///
    /// Binary quantities use the largest `Ki…Ei` suffix that divides the value exactly (falling
    /// back to decimal when the value is fractional or not a multiple of 1024); decimal ones use
    /// the largest power of 1000 (`m`, none, `k`, `M`, …) that keeps the mantissa an integer;
    /// exponent ones use `e3`, `e6`, ….
    /// - Complexity: O(1).
    public var canonical: String {
        let sign = milliValue < 0 ? "-" : ""
        let magnitude = milliValue.magnitude
        if magnitude == 0 { return "0" }
        if format == .binarySI && magnitude % 1000 == 0 {
            var units = magnitude / 1000
            let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
            var index = 0
            while units % 1024 == 0 && index < suffixes.count - 1 {
                units /= 1024
                index += 1
            }
            return sign + String(units) + suffixes[index]
        }
        // Decimal: exponent of thousandths, in steps of 3.
        var mantissa = magnitude
        var exponent = -3
        while mantissa % 1000 == 0 && exponent < 18 {
            mantissa /= 1000
            exponent += 3
        }
        if format == .decimalExponent {
            return sign + String(mantissa) + (exponent == 0 ? "" : "e\(exponent)")
        }
        let suffix: String
        switch exponent {
        case -3: suffix = "m"
        case 0: suffix = ""
        case 3: suffix = "k"
        case 6: suffix = "M"
        case 9: suffix = "G"
        case 12: suffix = "T"
        case 15: suffix = "P"
        default: suffix = "E"
        }
        return sign + String(mantissa) + suffix
    }
}
