import PropertyBased
import Testing

@testable import KubeModel

@Suite struct QuantityTests {
    @Test(
        "parses like resource.ParseQuantity",
        arguments: [
            ("100m", Int64(100)), ("0.5", 500), ("1", 1000), ("1.5Gi", 1_610_612_736_000), ("1e3", 1_000_000),
            ("128M", 128_000_000_000), ("128Mi", 134_217_728_000), ("1Ki", 1_024_000), ("2k", 2_000_000),
            ("1n", 1), ("1u", 1), ("1500u", 2), ("+3", 3000), ("-2", -2000), (".5", 500), ("5.", 5000),
            ("0", 0), ("000100m", 100), ("1E-3", 1), ("2e-2", 20), ("8Ei", nil), ("1T", 1_000_000_000_000_000),
            ("8389Ti", nil), ("8388Ti", 9_222_703_533_785_088_000),
        ] as [(String, Int64?)])
    func parses(text: String, milli: Int64?) throws {
        if let milli {
            #expect(try Quantity(parsing: text).milliValue == milli)
        } else {
            #expect(throws: Quantity.ParseError.self) { try Quantity(parsing: text) }
        }
    }

    @Test(
        "rejects malformed text",
        arguments: ["", "lots", "1.2.3", "1K", "1Gb", "m", "--1", "1e", "1 Gi", "0x10", "1e99999999"])
    func rejectsMalformed(text: String) {
        #expect(throws: Quantity.ParseError.self) { try Quantity(parsing: text) }
    }

    @Test func absurdMagnitudesAreErrorsNotTraps() {
        #expect(throws: Quantity.ParseError(text: "10Ei", reason: .tooLarge)) { try Quantity(parsing: "10Ei") }
        #expect(throws: Quantity.ParseError(text: "1e30", reason: .tooLarge)) { try Quantity(parsing: "1e30") }
        #expect(throws: Quantity.ParseError.self) { try Quantity(parsing: "99999999999999999999999") }
    }

    @Test func valueRoundsUpLikeKubernetes() throws {
        #expect(try Quantity(parsing: "100m").value == 1)
        #expect(try Quantity(parsing: "1").value == 1)
        #expect(try Quantity(parsing: "1001m").value == 2)
        #expect(try Quantity(parsing: "-1500m").value == -2)
        #expect(try Quantity(parsing: "1.5Gi").value == 1_610_612_736)
    }

    @Test func equalityIsNumeric() throws {
        #expect(try Quantity(parsing: "1Gi") == Quantity(parsing: "1073741824"))
        #expect(try Quantity(parsing: "1000m") == Quantity(parsing: "1"))
        #expect(try Quantity(parsing: "1G") < Quantity(parsing: "1Gi"))
        #expect(try Quantity(parsing: "1Gi").original == "1Gi")
    }

    @Test func sumsExactly() throws {
        var total = Quantity.zero
        for _ in 0..<10 { total += try Quantity(parsing: "0.1") }
        #expect(total == (try Quantity(parsing: "1")))
    }

    @Test(
        "canonical form",
        arguments: [
            ("1.5Gi", "1536Mi"), ("1024Mi", "1Gi"), ("100m", "100m"), ("1000m", "1"), ("0.5", "500m"),
            ("1e3", "1e3"), ("2000", "2k"), ("128M", "128M"), ("1500", "1500"), ("512Ki", "512Ki"), ("0", "0"),
            ("1536", "1536"), ("-1Gi", "-1Gi"),
        ])
    func canonical(text: String, expected: String) throws {
        #expect(try Quantity(parsing: text).canonical == expected)
    }

    @Test func canonicalRoundTripsForAnyValue() async {
        await propertyCheck(
            count: 500, input: Gen.int(in: -1_000_000_000_000...1_000_000_000_000), Gen.int(in: 0...2)
        ) { milli, formatIndex in
            let formats: [Quantity.Format] = [.decimalSI, .binarySI, .decimalExponent]
            let quantity = Quantity(milliValue: Int64(milli), format: formats[formatIndex])
            let reparsed = try? Quantity(parsing: quantity.canonical)
            #expect(reparsed == quantity, "\(quantity.canonical)")
            #expect(reparsed?.canonical == quantity.canonical)
        }
    }

    @Test func suffixedTextRoundTrips() async {
        // Up to 999999Gi ≈ 1.07e15 units, inside the Int64-milli range (≈ 9.2e15 units).
        let suffixes = ["", "m", "k", "M", "G", "Ki", "Mi", "Gi", "u"]
        await propertyCheck(count: 500, input: Gen.int(in: 0...999_999), Gen.int(in: 0...8)) { number, suffixIndex in
            let text = "\(number)\(suffixes[suffixIndex])"
            guard let quantity = try? Quantity(parsing: text) else {
                Issue.record("failed to parse \(text)")
                return
            }
            #expect((try? Quantity(parsing: quantity.canonical)) == quantity)
        }
    }

    @Test func decodesFromYAMLScalarsWithPath() {
        let text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                image: x:1
                resources:
                  requests: {cpu: 0.5, memory: 128Mi}
                  limits: {cpu: lots}
            """
        let result = ManifestLoader().load(text: text, fileName: "q.yaml")
        #expect(result.objects.isEmpty)
        #expect(
            result.errors.map(\.description) == [
                "q.yaml:10: Pod \"p\": spec.containers[0].resources.limits.cpu: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
            ])
    }
}

@Suite struct ResourceListTests {
    @Test func iteratesInSortedOrder() {
        var list: ResourceList = ["memory": "1Gi", "cpu": "1"]
        list["nvidia.com/gpu"] = "2"
        list["ephemeral-storage"] = "10Gi"
        #expect(list.names == ["cpu", "ephemeral-storage", "memory", "nvidia.com/gpu"])
        #expect(Array(list).map(\.name) == list.names)
        list["memory"] = nil
        #expect(list.names == ["cpu", "ephemeral-storage", "nvidia.com/gpu"])
    }

    @Test func sumsElementWise() {
        let a: ResourceList = ["cpu": "100m", "memory": "1Gi"]
        let b: ResourceList = ["cpu": "900m", "nvidia.com/gpu": "1"]
        let sum = a + b
        #expect(sum["cpu"] == Quantity(1))
        #expect(sum["memory"] == Quantity(1_073_741_824))
        #expect(sum["nvidia.com/gpu"] == Quantity(1))
    }
}
