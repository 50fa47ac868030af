import KubeModel
import Scenarios
import SimulationCore
import Stochastics
import Testing

@Suite struct WorkloadGeneratorTests {
    static func decode(_ workloadYAML: String) throws -> Workload {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: w}
            spec:
              workloads:
            \(workloadYAML)
            """
        let result = ScenarioDecoder.decode(text: yaml, fileName: "w.yaml")
        #expect(result.diagnostics.map(\.description) == [])
        return try #require(result.scenario.workloads.first)
    }

    static func generator(_ workload: Workload, seed: UInt64 = 1) throws -> WorkloadGenerator {
        try WorkloadGenerator.make(workload: workload, baseDirectory: ".", streams: RandomStreams(seed: seed))
    }

    @Test func namesFromTheTemplateAndBounds() throws {
        let workload = try Self.decode(
            """
              - template: {inline: {apiVersion: v1, kind: Pod, metadata: {name: web}, spec: {containers: [{name: c, image: nginx}]}}}
                arrivals: {poisson: {rate: 10/s}}
                count: 5
                lifetime: 30s
            """)
        let generator = try Self.generator(workload)
        var arrivals: [WorkloadArrival] = []
        while let arrival = generator.next() { arrivals.append(arrival) }
        #expect(arrivals.map { $0.pod.metadata.name } == ["web-0", "web-1", "web-2", "web-3", "web-4"])
        #expect(arrivals.map(\.index) == [0, 1, 2, 3, 4])
        #expect(arrivals.allSatisfy { $0.lifetime == .seconds(30) })
        #expect(zip(arrivals, arrivals.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(generator.produced == 5)
    }

    @Test func untilStopsArrivals() throws {
        let workload = try Self.decode(
            """
              - template: {inline: {metadata: {name: p}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {at: [0s, 10s, 20s, 30s]}
                until: 20s
            """)
        let generator = try Self.generator(workload)
        var times: [SimulationTime] = []
        while let arrival = generator.next() { times.append(arrival.time) }
        #expect(times == [.zero, .seconds(10)])
    }

    @Test func generateNameIsUniqueAndDeterministic() throws {
        let workload = try Self.decode(
            """
              - template: {inline: {metadata: {generateName: batch-}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {poisson: {rate: 100/s}}
                count: 2000
            """)
        func names(seed: UInt64) throws -> [String] {
            let generator = try Self.generator(workload, seed: seed)
            var result: [String] = []
            while let arrival = generator.next() { result.append(arrival.pod.metadata.name ?? "") }
            return result
        }
        let first = try names(seed: 5)
        #expect(first.count == 2000)
        #expect(Set(first).count == 2000)
        let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")
        #expect(
            first.allSatisfy {
                $0.hasPrefix("batch-") && $0.count == 11 && $0.dropFirst(6).allSatisfy(alphabet.contains)
            })
        #expect(try names(seed: 5) == first)
    }

    @Test func requestOverridesAndLifetimeDistributions() throws {
        let workload = try Self.decode(
            """
              - name: sized
                template: {inline: {metadata: {name: s}, spec: {containers: [{name: a, image: x}, {name: b, image: y}]}}}
                arrivals: {poisson: {rate: 1/s}}
                count: 4000
                requests: {cpu: 500m, memory: {uniform: {min: 64Mi, max: 128Mi}}}
                lifetime: {exponential: {mean: 2m}}
            """)
        #expect(
            workload.requests == [
                RequestOverride(resource: "cpu", distribution: .constant(0.5)),
                RequestOverride(resource: "memory", distribution: .uniform(min: 67_108_864, max: 134_217_728)),
            ])
        let generator = try Self.generator(workload)
        var lifetimes: [Double] = []
        while let arrival = generator.next() {
            for container in arrival.pod.spec.containers {
                #expect(container.resources.requests["cpu"]?.milliValue == 500)
                let memory = try #require(container.resources.requests["memory"]).value
                #expect(memory >= 67_108_864 && memory <= 134_217_728)
            }
            lifetimes.append(try #require(arrival.lifetime).seconds)
        }
        let mean = lifetimes.reduce(0, +) / Double(lifetimes.count)
        // Exponential with mean 120 s: σ of the mean of 4000 is 120/√4000 ≈ 1.9 s.
        #expect(abs(mean - 120) < 8, "mean lifetime \(mean)")
    }

    /// Changing the lifetime distribution must not move any arrival (separate named streams).
    @Test func lifetimeDrawsDoNotPerturbArrivals() throws {
        func times(lifetime: String) throws -> [SimulationTime] {
            let workload = try Self.decode(
                """
                  - template: {inline: {metadata: {name: p}, spec: {containers: [{name: c, image: x}]}}}
                    arrivals: {poisson: {rate: 5/s}}
                    count: 200
                    lifetime: \(lifetime)
                """)
            let generator = try Self.generator(workload)
            var result: [SimulationTime] = []
            while let arrival = generator.next() { result.append(arrival.time) }
            return result
        }
        #expect(
            try times(lifetime: "{exponential: {mean: 1m}}") == times(lifetime: "{lognormal: {median: 5m, sigma: 2}}"))
    }
}

@Suite struct WorkloadGeneratorPeekTests {
    @Test func peekDoesNotConsume() throws {
        let workload = Workload(
            name: "peek",
            template: .pod(
                Pod(metadata: ObjectMeta(name: "p"), spec: PodSpec(containers: [Container(name: "c", image: "x")]))),
            arrivals: .poisson(rate: 1), count: 150_000)
        let generator = try WorkloadGenerator.make(
            workload: workload, baseDirectory: ".", streams: RandomStreams(seed: 9))
        let announced = try #require(generator.nextArrivalTime())
        #expect(generator.nextArrivalTime() == announced)  // a peek draws once
        #expect(generator.produced == 1)  // one pending arrival, not 150,000
        let taken = try #require(generator.nextArrival())
        #expect(taken.time == announced)
        #expect(taken.pod.metadata.name == "p-0")
        #expect(try #require(generator.nextArrivalTime()) >= announced)
        #expect(generator.produced == 2)
    }

    @Test func unreadableTemplateProducesNothingAndSaysWhy() {
        var scenario = Scenario.default(name: "x")
        scenario.baseDirectory = "/nonexistent"
        let workload = Workload(name: "w", template: .file("pod.yaml"), arrivals: .at([.zero]))
        let generator = WorkloadGenerator(workload: workload, scenario: scenario, streams: RandomStreams(seed: 1))
        #expect(generator.nextArrival() == nil)
        #expect(generator.problem != nil)
    }

    @Test("size estimates: count, or the expected arrivals over the run, whichever is smaller")
    func sizeEstimates() throws {
        let yaml = """
            apiVersion: kubesim/v1alpha1
            kind: Scenario
            metadata: {name: w}
            spec:
              duration: 1h
              workloads:
              - template: {inline: {metadata: {name: a}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {poisson: {rate: 10/s}}
                count: 100
              - template: {inline: {metadata: {name: b}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {poisson: {rate: 10/s}}
                until: 10m
              - template: {inline: {metadata: {name: c}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {diurnal: {mean: 1/s}}
              - template: {inline: {metadata: {name: d}, spec: {containers: [{name: c, image: x}]}}}
                arrivals: {at: [1s, 2s]}
                count: 5
            """
        let result = ScenarioDecoder.decode(text: yaml, fileName: "w.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let pods = result.scenario.workloads.map { WorkloadSizeEstimate($0, in: result.scenario).pods }
        #expect(pods == [100, 6000, 3600, 2])
        #expect(WorkloadSizeEstimate.check(result.scenario).isEmpty)
    }

    @Test("workloads too large together are refused at spec.workloads")
    func sizeEstimateTotal() throws {
        var scenario = Scenario(name: "w")
        scenario.runLength.duration = .seconds(1000)
        let template = WorkloadTemplate.file("p.yaml")
        scenario.workloads = (0..<3).map {
            Workload(name: "w\($0)", template: template, arrivals: .poisson(rate: 4000), count: nil, until: nil)
        }
        let errors = WorkloadSizeEstimate.check(scenario).map(\.message)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("spec.workloads: Invalid value: \"1.2e+07 pods\": the workloads would") == true)
    }
}
