import Testing

@testable import ClusterComponents

/// ``FewKeys`` against the plainest model of a numbering: keys numbered 0, 1, 2… in the order
/// first seen, a key seen again getting its first number, on both sides of the switch from the
/// linear scan to the dictionary.
@Suite("Few keys")
struct FewKeysTests {
    @Test("numbers keys in first-seen order, before and after the dictionary takes over")
    func numbersInOrder() {
        var keys = FewKeys<String>()
        // Names of every length around the 15-byte small-string limit, and repeats of each.
        let names = (0..<100).map { "reason-" + String(repeating: "x", count: $0 % 20) + "\($0)" }
        var model: [String] = []
        for round in 0..<3 {
            // A fixed permutation per round (37 is coprime with 100), so a failure repeats.
            for name in names.indices.map({ names[($0 * 37 + round * 11) % names.count] }) {
                let expected = model.firstIndex(of: name) ?? model.count
                if expected == model.count { model.append(name) }
                #expect(keys.number(name) == expected, "round \(round), \(name)")
            }
        }
        #expect(keys.keys == model)
        #expect(model.count > FewKeys<String>.linearLimit)
        for (number, name) in model.enumerated() { #expect(keys.existingNumber(name) == number) }
        #expect(keys.existingNumber("absent") == nil)
    }

    @Test("existingNumber does not number a key, below the limit either")
    func existingNumberOnlyLooks() {
        var keys = FewKeys(["cpu", "memory", "ephemeral-storage"])
        #expect(keys.existingNumber("nvidia.com/gpu") == nil)
        #expect(keys.keys.count == 3)
        #expect(keys.number("nvidia.com/gpu") == 3)
        #expect(keys.existingNumber("memory") == 1)
    }

    @Test("event types and reasons are equal only in both, whatever their lengths")
    func typeAndReason() {
        var keys = FewKeys<EventTypeAndReason>()
        let backOff = EventTypeAndReason(type: .normal, reason: "BackOff")
        let warningBackOff = EventTypeAndReason(type: .warning, reason: "BackOff")
        let long = EventTypeAndReason(type: .normal, reason: "SuccessfulCreate")
        let longOther = EventTypeAndReason(type: .normal, reason: "SuccessfulDelete")
        #expect(keys.number(backOff) == 0)
        #expect(keys.number(warningBackOff) == 1)
        #expect(keys.number(long) == 2)
        #expect(keys.number(longOther) == 3)
        #expect(keys.number(EventTypeAndReason(type: .normal, reason: "Successful" + "Create")) == 2)
        #expect(backOff != warningBackOff && long != longOther)
        #expect(Set([backOff, warningBackOff, long, longOther, backOff]).count == 4)
    }
}
