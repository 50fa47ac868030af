import Scenarios
import SimulationCore
import Testing

@Suite struct ScenarioUnitsTests {
    static func rate(_ text: String) -> Double? { try? ScenarioUnits.rate(text).get() }

    @Test(
        arguments: [
            ("20/m", 20.0 / 60), ("2/s", 2), ("3600/h", 1), ("86400/d", 1), ("29B/s", 29), ("2Mi/s", 2_097_152),
            ("100Mi", 104_857_600), ("1G/s", 1e9), ("500m/s", 0.5), ("1.5/m", 0.025),
        ] as [(String, Double)])
    func rates(text: String, perSecond: Double) {
        let value = Self.rate(text)
        #expect(value != nil && abs(value! - perSecond) <= perSecond * 1e-12, "\(text) ⇒ \(String(describing: value))")
    }

    @Test(arguments: ["0/m", "-1/s", "abc", "20/fortnight", "/s", ""])
    func badRates(text: String) { #expect(Self.rate(text) == nil) }

    @Test func durations() throws {
        #expect(try ScenarioUnits.duration("1m30s").get() == .seconds(90))
        #expect(try ScenarioUnits.duration("90").get() == .seconds(90))  // bare seconds
        #expect(try ScenarioUnits.duration("1.5").get() == .milliseconds(1500))
        #expect(try ScenarioUnits.duration("500ms").get() == .milliseconds(500))
        #expect(try ScenarioUnits.duration("876000h").get() == .seconds(876_000 * 3600))  // exactly 100 × 365 days
        #expect(throws: ScenarioUnits.Problem.self) { try ScenarioUnits.duration("876000h1s").get() }
        #expect(throws: ScenarioUnits.Problem.self) { try ScenarioUnits.duration("-1s").get() }
    }

    @Test func sizes() throws {
        #expect(try ScenarioUnits.size("187Mi").get() == 196_083_712)
        #expect(try ScenarioUnits.size("1G").get() == 1e9)
        #expect(try ScenarioUnits.size("512MiB").get() == 536_870_912)
        #expect(try ScenarioUnits.size("2e3").get() == 2000)
        #expect(throws: ScenarioUnits.Problem.self) { try ScenarioUnits.size("-1Ki").get() }
    }

    /// Independent values: `date -u -d … +%s`.
    @Test(
        arguments: [
            ("2026-01-01T00:00:00Z", Int64(1_767_225_600)), ("2026-01-01T02:00:00+02:00", 1_767_225_600),
            ("1970-01-01T00:00:00Z", 0), ("2024-02-29T12:34:56.789Z", 1_709_210_096),
            ("2000-03-01T00:00:00-05:30", 951_888_600),
        ] as [(String, Int64)])
    func timestamps(text: String, unix: Int64) throws {
        #expect(try ScenarioUnits.rfc3339(text).get() == unix)
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-01-01 00:00", "2026-01-01T00:00:00", "tomorrow"])
    func badTimestamps(text: String) {
        #expect(throws: ScenarioUnits.Problem.self) { try ScenarioUnits.rfc3339(text).get() }
    }
}
