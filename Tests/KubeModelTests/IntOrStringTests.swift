import Testing

@testable import KubeModel

/// `IntOrString.percent`, the byte reading of `"N%"`, against the `Character` rules it replaces
/// for ASCII text (`hasSuffix("%")`, then `Int(dropLast())`), and `scaledValue`'s rounding
/// (k8s.io/apimachinery/pkg/util/intstr/intstr.go `GetScaledValueFromIntOrPercent`).
@Suite("IntOrString percentages")
struct IntOrStringTests {
    static func reference(_ text: String) -> Int? {
        guard text.hasSuffix("%") else { return nil }
        return Int(text.dropLast())
    }

    @Test(
        "the byte path reads what String's rules read",
        arguments: [
            "25%", "0%", "100%", "+5%", "-5%", "007%", "%", "+%", "-%", "5", "", "25%%", "2 5%", " 25%",
            "25 %", "9223372036854775807%", "9223372036854775808%", "-9223372036854775808%",
            "-9223372036854775809%", "+-5%", "5-%", "٢٥%", "25％", "25%\u{301}", "é5%",
        ])
    func matchesTheCharacterRules(text: String) {
        #expect(IntOrString.percent(text) == Self.reference(text))
    }

    @Test("random ASCII strings over digits, signs and %")
    func randomStrings() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789+-% x")
        for _ in 0..<2_000 {
            let text = String(
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(IntOrString.percent(text) == Self.reference(text), "\(text)")
        }
    }

    @Test("percentages round up or down as intstr does")
    func scaling() throws {
        // 25% of 10 = 2.5: ceil 3 (maxSurge), floor 2 (maxUnavailable).
        #expect(try IntOrString.string("25%").scaledValue(total: 10, roundUp: true) == 3)
        #expect(try IntOrString.string("25%").scaledValue(total: 10, roundUp: false) == 2)
        #expect(try IntOrString.int(4).scaledValue(total: 10, roundUp: false) == 4)
        #expect(throws: IntOrString.ScaleError.self) {
            try IntOrString.string("25").scaledValue(total: 10, roundUp: true)
        }
    }
}
