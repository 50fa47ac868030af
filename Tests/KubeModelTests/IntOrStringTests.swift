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

    @Test("every string of up to five characters over digits, signs, % and a space")
    func everyShortString() {
        let alphabet = Array("09+-% ")
        var texts = [""]
        var frontier = [""]
        for _ in 1...5 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            texts += frontier
        }
        #expect(texts.count == 9_331)  // 6⁰ + 6¹ + … + 6⁵
        for text in texts {
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
