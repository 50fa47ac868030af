import Foundation
import KubeModel
import Scenarios
import Testing

@testable import Experiments

@Suite struct ParameterTests {
    @Test(
        "paths parse and print back",
        arguments: [
            "spec.nodes[worker].count", "spec.nodes[0].count", "spec.nodes[worker].capacity.cpu",
            "spec.nodes[gpu].capacity.nvidia.com/gpu", "spec.seed", "spec.workloads[2].arrivals.poisson.rate",
            "spec.duration",
            "scheduler.policy",
        ])
    func roundTrip(path: String) throws {
        #expect(try ParameterPath(parsing: path).description == path)
    }

    @Test(
        "malformed paths are named with the supported ones",
        arguments: ["spec.nodes[].count", "count", "metadata.name", "Deployment/:spec.replicas", "spec.nodes[web"])
    func unsupported(path: String) {
        #expect(throws: SweepError.unsupportedPath(path)) { try ParameterPath(parsing: path) }
        #expect(SweepError.unsupportedPath(path).description.contains("spec.nodes[<pool>].count"))
    }

    @Test("--set values: lists, ranges, steps")
    func values() throws {
        #expect(try SweepAxis(parsing: "spec.nodes[worker].count=2,4, 8").values == ["2", "4", "8"])
        #expect(try SweepAxis(parsing: "spec.nodes[worker].count=2..5").values == ["2", "3", "4", "5"])
        #expect(try SweepAxis(parsing: "spec.nodes[worker].count=4..16:4,32").values == ["4", "8", "12", "16", "32"])
        #expect(
            try SweepAxis(parsing: "spec.workloads[0].arrivals.poisson.rate=10/m,0.5/s").values == ["10/m", "0.5/s"])
    }

    @Test(
        "--set parsing errors",
        arguments: [
            ("spec.nodes[worker].count", "expected PATH=V1,V2"),
            ("=3", "the path is empty"),
            ("spec.nodes[worker].count=", "no values"),
            ("spec.nodes[worker].count=2,,3", "empty value"),
            ("spec.nodes[worker].count=5..2", "is empty"),
            ("spec.nodes[worker].count=a..b", "must be LO..HI"),
            ("spec.nodes[worker].count=1..4:0", "step"),
            ("spec.nodes[worker].count=2,2", "listed twice"),
        ])
    func setErrors(text: String, message: String) {
        do {
            _ = try SweepAxis(parsing: text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("--find needs an integer path and a range")
    func findErrors() throws {
        let interval = try SearchInterval(parsing: "spec.nodes[worker].count=2..64")
        #expect(interval.low == 2 && interval.high == 64)
        #expect(throws: SweepError.self) { try SearchInterval(parsing: "spec.duration=1..5") }
        #expect(throws: SweepError.self) { try SearchInterval(parsing: "spec.nodes[worker].count=4") }
    }

    @Test("the cartesian product runs the first axis slowest; JSON keys are sorted")
    func product() throws {
        let points = ParameterPoint.cartesianProduct([
            try SweepAxis(parsing: "spec.nodes[worker].count=1,2"), try SweepAxis(parsing: "spec.duration=1m,2m,3m"),
        ])
        #expect(points.count == 6)
        #expect(
            points.map { $0.settings.map(\.value) } == [
                ["1", "1m"], ["1", "2m"], ["1", "3m"], ["2", "1m"], ["2", "2m"], ["2", "3m"],
            ])
        #expect(points[0].json == #"{"spec.duration":"1m","spec.nodes[worker].count":"1"}"#)
        #expect(ParameterPoint.cartesianProduct([]).count == 1)
    }

    @Test("any field of the Scenario or of a manifest: written into the document and decoded again")
    func anyField() throws {
        let input = ScenarioInput.load(paths: [BundledSuiteTests.root.appendingPathComponent("scenarios/demo").path])
        #expect(!input.hasErrors, "\(input.diagnostics)")
        var configuration = RunConfiguration(input: input)
        let point = ParameterPoint(settings: [
            (try ParameterPath(parsing: "spec.nodes[general].kubelet.systemReserved.memory"), "512Mi"),
            (try ParameterPath(parsing: "Deployment/web:spec.replicas"), "7"),
            (
                try ParameterPath(
                    parsing: "Deployment/web:spec.template.spec.containers[nginx].resources.requests.cpu"), "250m"
            ),
            (try ParameterPath(parsing: "spec.nodes[general].count"), "6"),
        ])
        try point.apply(to: &configuration)
        let pool = try #require(configuration.input.scenario.nodePools?.first { $0.name == "general" })
        let reserved = try #require(pool.kubelet.systemReserved?["memory"])
        #expect(reserved == (try Quantity(parsing: "512Mi")))
        #expect(pool.count == 6, "typed settings apply after the document is decoded again")
        #expect(pool.kubelet.pullBandwidth != nil, "the rest of the pool is kept")
        let web = try #require(
            configuration.input.objects.compactMap { if case .deployment(let d) = $0.object { d } else { nil } }.first)
        #expect(web.spec.replicas == 7)
        #expect(web.spec.template.spec.containers[0].resources.requests["cpu"]?.milliValue == 250)
    }

    @Test(
        "a field the format does not have, a missing object or a value its decoder refuses fails before any run",
        arguments: [
            // (kubeAPIQPS, the example until issue 15, is a field now.)
            ("spec.nodes[general].kubelet.cpuManagerPolicy", "static", "not a field"),
            ("spec.nodes[gpu].labels.tier", "gpu", "no element named \"gpu\""),
            ("Deployment/api:spec.replicas", "3", "no Deployment \"api\""),
            ("Deployment/web:spec.replicas", "lots", "invalid value"),
            ("spec.nodes[general].capacity.cpu", "-4", "invalid value"),
        ])
    func badFields(path: String, value: String, message: String) throws {
        let input = ScenarioInput.load(paths: [BundledSuiteTests.root.appendingPathComponent("scenarios/demo").path])
        var configuration = RunConfiguration(input: input)
        let point = ParameterPoint(settings: [(try ParameterPath(parsing: path), value)])
        do {
            try point.apply(to: &configuration)
            Issue.record("\(path)=\(value) was accepted")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("overrides change the typed scenario")
    func apply() throws {
        let (_, input) = try TestScenario.input()
        #expect(!input.hasErrors, "\(input.diagnostics)")
        var configuration = RunConfiguration(input: input)
        let point = ParameterPoint(settings: [
            (try ParameterPath(parsing: "spec.nodes[worker].count"), "5"),
            (try ParameterPath(parsing: "spec.nodes[1].capacity.cpu"), "16"),
            (try ParameterPath(parsing: "spec.nodes[big].capacity.memory"), "64Gi"),
            (try ParameterPath(parsing: "spec.workloads[0].arrivals.poisson.rate"), "30/m"),
            (try ParameterPath(parsing: "spec.duration"), "1h"),
            (try ParameterPath(parsing: "spec.seed"), "99"),
            (try ParameterPath(parsing: "scheduler.policy"), "mostallocated"),
        ])
        try point.apply(to: &configuration)
        let scenario = configuration.input.scenario
        #expect(scenario.nodePools?[0].count == 5)
        #expect(scenario.nodePools?[1].capacity["cpu"]?.milliValue == 16_000)
        let memory = try #require(scenario.nodePools?[1].capacity["memory"])
        let expectedMilli: Int64 = 64 * 1_073_741_824 * 1000  // 64 GiB in thousandths
        #expect(memory.milliValue == expectedMilli)
        #expect(scenario.workloads[0].arrivals == .poisson(rate: 0.5))
        #expect(scenario.runLength.duration == .seconds(3600))
        #expect(scenario.seed == 99)
        #expect(configuration.policy?.name == "mostallocated")
    }

    @Test(
        "overrides that do not fit the scenario are errors",
        arguments: [
            ("spec.nodes[gpu].count", "3", "no pool named \"gpu\""),
            ("spec.nodes[5].count", "3", "no pool at index 5"),
            ("spec.nodes[worker].count", "-1", "non-negative integer"),
            ("spec.nodes[worker].count", "two", "non-negative integer"),
            ("spec.nodes[worker].capacity.cpu", "lots", "quantity"),
            ("spec.workloads[3].arrivals.poisson.rate", "1/s", "has 1 workload"),
            ("spec.workloads[0].arrivals.poisson.rate", "fast", "positive rate"),
            ("spec.duration", "0s", "positive duration"),
            ("scheduler.policy", "fastest", "unknown policy"),
        ])
    func applyErrors(path: String, value: String, message: String) throws {
        let (_, input) = try TestScenario.input()
        var configuration = RunConfiguration(input: input)
        do {
            try ParameterPath(parsing: path).apply(value, to: &configuration)
            Issue.record("\(path)=\(value) applied")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("replication seeds depend on the scenario seed and r only")
    func seeds() throws {
        let (path, input) = try TestScenario.input()
        let plan = try SweepPlan(
            scenarioName: "tiny", scenarioHash: ScenarioFingerprint.fingerprint(paths: [path], input: input),
            base: RunConfiguration(input: input),
            points: ParameterPoint.cartesianProduct([try SweepAxis(parsing: "spec.nodes[worker].count=1,2,3")]),
            replications: 4)
        let tasks = try plan.tasks()
        #expect(tasks.count == 12)
        for point in 1..<3 {
            #expect(
                tasks.filter { $0.pointIndex == point }.map(\.seed) == tasks.filter { $0.pointIndex == 0 }.map(\.seed))
        }
        #expect(tasks[0].seed == 7)  // replication 0 is the scenario's own seed
        #expect(Set(tasks.prefix(4).map(\.seed)).count == 4)
        // Sweeping spec.seed moves the base.
        let seeded = try SweepPlan(
            scenarioName: "tiny", scenarioHash: "x", base: RunConfiguration(input: input),
            points: ParameterPoint.cartesianProduct([try SweepAxis(parsing: "spec.seed=7,8")]), replications: 2)
        let seededTasks = try seeded.tasks()
        #expect(seededTasks[0].seed == 7 && seededTasks[2].seed == 8)
        #expect(seededTasks[1].seed == ReplicationSeed.seed(base: 7, replication: 1))
    }

    @Test("a plan with an invalid point fails before any run")
    func planValidation() throws {
        let (_, input) = try TestScenario.input()
        #expect(throws: SweepError.self) {
            try SweepPlan(
                scenarioName: "tiny", scenarioHash: "x", base: RunConfiguration(input: input),
                points: ParameterPoint.cartesianProduct([try SweepAxis(parsing: "spec.nodes[worker].count=1,x")]),
                replications: 1)
        }
    }

    @Test("a point whose workload outgrows memory fails with the point named, before any run")
    func planRunsTheScenarioChecks() throws {
        let (_, input) = try TestScenario.input()
        let axis = try SweepAxis(parsing: "spec.duration=5m,1000h")
        let plan = { () throws(SweepError) -> SweepPlan in
            try SweepPlan(
                scenarioName: "tiny", scenarioHash: "x", base: RunConfiguration(input: input),
                points: ParameterPoint.cartesianProduct([axis]), replications: 1)
        }
        // `count: 20` bounds the workload whatever the duration.
        _ = try plan()
        let rate = try SweepAxis(parsing: "spec.workloads[0].arrivals.poisson.rate=1/s,1000000/s")
        var base = RunConfiguration(input: input)
        base.input.scenario.workloads[0].count = nil
        do {
            _ = try SweepPlan(
                scenarioName: "tiny", scenarioHash: "x", base: base, points: ParameterPoint.cartesianProduct([rate]),
                replications: 1)
            Issue.record("the plan was accepted")
        } catch {
            guard case .invalidPoint(let point, let errors) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(point == "rate[0]=1000000/s")
            #expect(
                errors.count == 1 && errors[0].contains("spec.workloads[0]: Invalid value: \"3e+08 pods\""), "\(errors)"
            )
        }
    }
}
