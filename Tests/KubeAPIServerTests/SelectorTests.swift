import Testing

@testable import KubeAPIServer

@Suite struct SelectorTests {
    @Test(
        "label selectors parse as apimachinery's labels.Parse",
        arguments: [
            ("app=web", ["app": "web"], true), ("app==web", ["app": "web"], true), ("app!=web", ["app": "web"], false),
            ("app!=web", [:], true), ("app in (web,db)", ["app": "db"], true),
            ("app notin (web, db)", ["app": "db"], false),
            ("app", ["app": ""], true), ("!app", ["app": "x"], false), ("app=web,tier=front", ["app": "web"], false),
            ("app=web, tier=front", ["app": "web", "tier": "front"], true), ("", [:], true),
        ])
    func labels(text: String, labels: [String: String], expected: Bool) throws {
        let selector = try Selector(labels: text)
        #expect(selector.matches { labels[$0] } == expected)
    }

    @Test("malformed label selectors are refused", arguments: ["app in (a", "a b=c", "app=(x)", ",", "app=web,,x=y"])
    func malformed(text: String) {
        #expect(throws: Selector.ParseError.self) { try Selector(labels: text) }
    }

    @Test("field selectors take =, == and != terms")
    func fields() throws {
        let selector = try Selector(fields: "status.phase=Running,spec.nodeName!=a,metadata.name==p")
        let values = ["status.phase": "Running", "spec.nodeName": "b", "metadata.name": "p"]
        #expect(selector.matches { values[$0] })
        #expect(!selector.matches { $0 == "spec.nodeName" ? "a" : values[$0] })
        #expect(throws: Selector.ParseError.self) { try Selector(fields: "status.phase") }
    }
}
