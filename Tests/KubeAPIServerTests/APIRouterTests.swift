import ClusterComponents
import Foundation
import Scenarios
import SimulationCore
import Testing

@testable import KubeAPIServer

/// The router over the demo scenario's snapshot at 12m, without a network.
@Suite struct APIRouterTests {
    static let router: APIRouter = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let input = ScenarioInput.load(paths: [root.appendingPathComponent("scenarios/demo").path])
        let runner = ScenarioRunner(input: input)
        let recorder = InvolvedObjectRecorder()
        runner.cluster.addSink(recorder)
        runner.run(to: .zero + .seconds(720))
        let cluster = try! ServedCluster(cluster: runner.cluster, events: recorder, shownAt: 1_800_000_000_000_000_000)
        return APIRouter(cluster: cluster)
    }()

    @Test("DaemonSets, StatefulSets, PDBs and PriorityClasses have one cell per Table column too")
    func allKindsCellsMatchColumns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let input = ScenarioInput.load(paths: [root.appendingPathComponent("scripts/check-python-client.yaml").path])
        let runner = ScenarioRunner(input: input)
        let recorder = InvolvedObjectRecorder()
        runner.cluster.addSink(recorder)
        runner.run(to: .zero + .seconds(120))
        let cluster = try ServedCluster(cluster: runner.cluster, events: recorder, shownAt: 0)
        for name in ["daemonsets", "statefulsets", "poddisruptionbudgets", "priorityclasses"] {
            let resource = try #require(ServedResource.all.first { $0.name == name })
            let objects = cluster.objects(of: resource)
            #expect(!objects.isEmpty, "\(name)")
            for object in objects { #expect(object.cells.count == resource.columns.count, "\(name)") }
        }
    }

    func get(_ target: String, accept: String = "application/json") -> APIResponse {
        Self.router.respond(to: APIRequest(method: "GET", target: target, accept: accept))
    }

    @Test("every served object has one cell per Table column")
    func cellsMatchColumns() {
        for resource in ServedResource.all {
            for object in Self.router.cluster.objects(of: resource) {
                #expect(object.cells.count == resource.columns.count, "\(resource.name) \(object.name)")
            }
        }
    }

    @Test("the instant is shown at the wall clock given: timestamps are shifted")
    func shiftedTime() {
        #expect(Self.router.cluster.clock.timestamp(.zero + .seconds(720)) == "2027-01-15T08:00:00Z")
        #expect(Self.router.cluster.clock.timestamp(.zero) == "2027-01-15T07:48:00Z")
    }

    @Test("status codes: 404 unknown, 400 bad selector, 405 write, 200 list with selector")
    func codes() {
        #expect(get("/api/v1/widgets").status == 404)
        #expect(get("/apis/nope/v1").status == 404)
        #expect(get("/apis").status == 200)
        #expect(get("/api/v1/pods?labelSelector=a%20in%20(b").status == 400)
        #expect(get("/api/v1/pods?fieldSelector=spec.colour%3Dred").status == 400)
        let write = Self.router.respond(to: APIRequest(method: "PUT", target: "/api/v1/nodes/x", accept: ""))
        #expect(write.status == 405)
        #expect(write.body.contains("snapshot"))
        let running = get("/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DRunning")
        #expect(running.status == 200)
        #expect(running.body.contains("\"phase\":\"Running\""))
        #expect(!running.body.contains("\"phase\":\"Succeeded\""))
    }

    @Test("Tables only when asked for, with the object when includeObject=Object")
    func tables() {
        #expect(get("/api/v1/nodes").body.hasPrefix("{\"kind\":\"NodeList\""))
        let table = get("/api/v1/nodes?includeObject=Object", accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
        #expect(table.body.hasPrefix("{\"kind\":\"Table\""))
        #expect(table.body.contains("\"object\":{\"kind\":\"Node\""))
        #expect(get("/version").headers.contains { $0.0 == "Cache-Control" && $0.1 == "no-store" })
    }
}

/// The uid of an object the simulator gave none: two FNV-1a hashes of the key in RFC 4122 shape.
@Suite struct ServedUIDTests {
    @Test("the uid is FNV-1a of the key from the standard and the half-swapped basis (hand-computed)")
    func uid() {
        // Python: fnv1a64(b"default/web") and fnv1a64 from 0x84222325cbf29ce4, as 32 hex digits,
        // version nibble 4 and variant nibble a.
        #expect(SnapshotBuilder.uid(for: "default/web") == "9d2ba508-24d6-44bb-a252-ee44ac67bab4")
    }
}
