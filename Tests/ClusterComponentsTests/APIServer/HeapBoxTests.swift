import KubeModel
import Testing

@testable import ClusterComponents

/// ``HeapBox`` must behave as the value it boxes: a copy never sees a later write to the other.
@Suite struct HeapBoxTests {
    struct Holder {
        @HeapBox var items: [Int]
    }

    @Test("copies are independent: a write to one copies the value, the other keeps its own")
    func copyOnWrite() {
        var first = Holder(items: [1, 2, 3])
        var second = first
        second.items.append(4)
        #expect(first.items == [1, 2, 3])
        #expect(second.items == [1, 2, 3, 4])
        first.items[0] = 9
        #expect(first.items == [9, 2, 3])
        #expect(second.items == [1, 2, 3, 4])
    }

    @Test("a stored pod keeps value semantics: a modified copy leaves the store's pod unchanged")
    func podObjectCopy() {
        var metadata = ObjectMeta()
        metadata.name = "web"
        let pod = Pod(metadata: metadata, spec: PodSpec(containers: []))
        let stored = PodObject(id: PodID(0), pod: pod, createdAt: .zero)
        var copy = stored
        copy.pod.spec.nodeName = "node-1"
        #expect(stored.pod.spec.nodeName == nil)
        #expect(copy.pod.spec.nodeName == "node-1")
        #expect(copy.name == "web")
    }
}
