import Testing

@testable import KubeModel

@Suite struct SelectorTests {
    let labels = ["app": "web", "tier": "front", "gen": "7"]

    @Test func labelSelectorMatches() {
        #expect(LabelSelector().matches(labels))
        #expect(LabelSelector(matchLabels: ["app": "web"]).matches(labels))
        #expect(!LabelSelector(matchLabels: ["app": "db"]).matches(labels))
        #expect(
            LabelSelector(matchExpressions: [.init(key: "tier", operator: "In", values: ["front", "back"])]).matches(
                labels))
        #expect(LabelSelector(matchExpressions: [.init(key: "zone", operator: "NotIn", values: ["a"])]).matches(labels))
        #expect(!LabelSelector(matchExpressions: [.init(key: "app", operator: "DoesNotExist")]).matches(labels))
        #expect(!LabelSelector(matchExpressions: [.init(key: "app", operator: "Bogus")]).matches(labels))
    }

    @Test func nodeSelectorRequirementOperators() {
        #expect(NodeSelectorRequirement(key: "gen", operator: "Gt", values: ["6"]).matches(labels))
        #expect(!NodeSelectorRequirement(key: "gen", operator: "Gt", values: ["7"]).matches(labels))
        #expect(NodeSelectorRequirement(key: "gen", operator: "Lt", values: ["8"]).matches(labels))
        #expect(!NodeSelectorRequirement(key: "app", operator: "Lt", values: ["8"]).matches(labels))  // not an integer
        #expect(!NodeSelectorRequirement(key: "missing", operator: "Gt", values: ["1"]).matches(labels))
        #expect(NodeSelectorRequirement(key: "missing", operator: "DoesNotExist").matches(labels))
        #expect(NodeSelectorRequirement(key: "app", operator: "Exists").matches(labels))
        #expect(!NodeSelectorRequirement(key: "gen", operator: "Gt", values: ["1", "2"]).matches(labels))
    }

    @Test func nodeSelectorTermsAreORedAndEmptyTermMatchesNothing() {
        let selector = NodeSelector(nodeSelectorTerms: [
            NodeSelectorTerm(matchExpressions: [.init(key: "app", operator: "In", values: ["db"])]),
            NodeSelectorTerm(matchFields: [.init(key: "metadata.name", operator: "In", values: ["node-1"])]),
        ])
        #expect(selector.matches(labels: labels, nodeName: "node-1"))
        #expect(!selector.matches(labels: labels, nodeName: "node-2"))
        #expect(!NodeSelectorTerm().matches(labels: labels, nodeName: "node-1"))
    }

    @Test func tolerationsFollowToleratesTaint() {
        let taint = Taint(key: "dedicated", value: "gpu", effect: .noSchedule)
        #expect(Toleration(operator: .exists).tolerates(taint))  // empty key + Exists: everything
        #expect(Toleration(key: "dedicated", operator: .exists).tolerates(taint))
        #expect(Toleration(key: "dedicated", value: "gpu").tolerates(taint))  // empty operator = Equal
        #expect(!Toleration(key: "dedicated", value: "cpu").tolerates(taint))
        #expect(!Toleration(key: "dedicated", operator: .exists, effect: .noExecute).tolerates(taint))
        #expect(Toleration(key: "dedicated", operator: .equal, value: "gpu", effect: .noSchedule).tolerates(taint))
        #expect(!Toleration(key: "other", operator: .exists).tolerates(taint))
        #expect(!Toleration(key: "dedicated", operator: "Gt", value: "gpu").tolerates(taint))
        // Empty key with Equal compares values only.
        #expect(Toleration(value: "gpu").tolerates(taint))
    }

    @Test func intOrStringScaling() throws {
        #expect(try IntOrString.string("25%").scaledValue(total: 10, roundUp: true) == 3)
        #expect(try IntOrString.string("25%").scaledValue(total: 10, roundUp: false) == 2)
        #expect(try IntOrString.int(4).scaledValue(total: 10, roundUp: true) == 4)
        #expect(try IntOrString.string("100%").scaledValue(total: 7, roundUp: false) == 7)
        #expect(throws: IntOrString.ScaleError.self) {
            try IntOrString.string("abc").scaledValue(total: 10, roundUp: true)
        }
    }

    @Test func imageReferenceAndPullPolicyDefaults() {
        #expect(Container.defaultPullPolicy(image: "nginx") == .always)
        #expect(Container.defaultPullPolicy(image: "nginx:latest") == .always)
        #expect(Container.defaultPullPolicy(image: "nginx:1.27") == .ifNotPresent)
        #expect(Container.defaultPullPolicy(image: "nginx@sha256:abc") == .ifNotPresent)
        #expect(Container.defaultPullPolicy(image: "localhost:5000/app") == .always)
        #expect(Container.defaultPullPolicy(image: "localhost:5000/app:v2") == .ifNotPresent)
        #expect(ImageReference("nginx").withDefaultTag == "nginx:latest")
    }
}
