import KubeModel
import SimulationCore
import Testing

@testable import ClusterComponents

/// GPUShare's own node state (``GPUShareCache``): kept in step with the scheduler cache by the
/// framework's pod and node events, and simulated per node by AddPod/RemovePod
/// (PreFilterExtensions) for nominated pods and preemption victims. Expected lanes are derived
/// by hand in each test's comments.
@Suite("GPUShare node state")
struct GPUShareStateTests {
    @Test("the plugin's devices follow the cache: assume, bind through spec.nodeName, deletion")
    func devicesFollowTheCache() throws {
        // n1 has 2 GPUs. a (600) → best fit device 0: [400, 1000]. b is bound through
        // spec.nodeName (never scheduled) with 1000: the first wholly free device, 1: [400, 0].
        // Deleting a gives back exactly its 600: [1000, 0].
        let (cluster, _) = Fixture.cluster()
        let n1 = GPUShareTests.gpuNode(cluster, "n1", gpus: 2)
        let a = GPUShareTests.gpuPod(cluster, "a", milli: 600)
        Fixture.settle(cluster)
        let devices = try #require(cluster.scheduler).shared.gpuShare
        #expect(devices.node(n1).free[0] == 400 && devices.node(n1).free[1] == 1000)
        let b = GPUShareTests.gpuPod(cluster, "b", milli: 1000, on: "n1")
        Fixture.settle(cluster)
        #expect(devices.node(n1).free[0] == 400 && devices.node(n1).free[1] == 0)
        #expect(devices.pod(b).devices == 0b10)
        #expect(devices.pod(a).node == Int32(n1.value))
        cluster.deletePod(a, gracePeriodSeconds: 0)
        Fixture.settle(cluster, seconds: 60)
        #expect(devices.node(n1).free[0] == 1000 && devices.node(n1).free[1] == 0)
        #expect(devices.pod(a).node == -1 && devices.pod(a).devices == 0)
        // The scheduler cache's NodeInfo knows only scalar resources: no GPU field to read.
        let info = try #require(cluster.scheduler.nodeInfo(n1))
        #expect(info.pods == [b])
    }

    @Test("AddPod gives a kept victim back its own devices and a nominated pod devices by best fit")
    func addAndRemovePodSimulateTheNode() throws {
        // n1 has 2 GPUs. a takes a whole GPU (device 0), then b (600) the only device with room,
        // device 1: [0, 400]. Removing both from the simulated node frees them: [1000, 1000].
        // Adding b back returns its own device 1: [1000, 400] (best fit would have picked device
        // 0, the lowest of two equal leftovers). A nominated pod c (700, counted nowhere) then
        // takes by best fit the only device with room, 0: [300, 400]. The cache itself is untouched.
        let (cluster, _) = Fixture.cluster()
        let n1 = GPUShareTests.gpuNode(cluster, "n1", gpus: 2)
        let a = GPUShareTests.gpuPod(cluster, "a", milli: 1000)
        Fixture.settle(cluster)
        let b = GPUShareTests.gpuPod(cluster, "b", milli: 600)
        Fixture.settle(cluster)
        let c = GPUShareTests.gpuPod(cluster, "c", milli: 700, cpu: "64")  // fits no node: stays pending
        Fixture.settle(cluster)
        let scheduler = try #require(cluster.scheduler)
        let devices = scheduler.shared.gpuShare
        #expect(devices.pod(a).devices == 0b01 && devices.pod(b).devices == 0b10)
        let info = try #require(scheduler.nodeInfo(n1))
        let object = cluster.api[c]
        var state = CycleState(
            pod: c, object: object, info: scheduler.podInfo(c, object: object), profile: .first, addedAffinity: nil)
        var configuration = PluginConfiguration(
            profile: KubeSchedulerProfile(), version: KubernetesVersion(minor: 35), resources: ResourceIndex(),
            shared: scheduler.shared)
        let plugin = GPUShare(&configuration)
        plugin.removePod(&state, a, from: info, scheduler)
        plugin.removePod(&state, b, from: info, scheduler)
        var lanes = try #require(state.read(GPUShare.simulatedKey)).gpu.free
        #expect(lanes[0] == 1000 && lanes[1] == 1000)
        plugin.addPod(&state, b, to: info, scheduler)
        lanes = try #require(state.read(GPUShare.simulatedKey)).gpu.free
        #expect(lanes[0] == 1000 && lanes[1] == 400)
        plugin.addPod(&state, c, to: info, scheduler)
        lanes = try #require(state.read(GPUShare.simulatedKey)).gpu.free
        #expect(lanes[0] == 300 && lanes[1] == 400)
        // The filter sees the simulated devices: c's 700 fits nowhere on [300, 400] ...
        #expect(!plugin.filter(state, info, scheduler).isSuccess)
        // ... and with only a removed, [1000, 400], device 0 has room; the cache is still [0, 400].
        var freed = CycleState(
            pod: c, object: object, info: scheduler.podInfo(c, object: object), profile: .first, addedAffinity: nil)
        plugin.removePod(&freed, a, from: info, scheduler)
        #expect(plugin.filter(freed, info, scheduler).isSuccess)
        #expect(devices.node(n1).free[0] == 0 && devices.node(n1).free[1] == 400)
    }
}
