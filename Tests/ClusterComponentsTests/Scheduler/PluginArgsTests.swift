import KubeModel
import Testing

@testable import ClusterComponents

/// `pluginConfig` args decode as the type their plugin declares (``SchedulerPlugin/Args``),
/// found through the registry, with bad args reported at file:line:field.
@Suite struct PluginArgsTests {
    static func load(_ pluginConfig: String) -> ManifestLoader.Result {
        ManifestLoader(options: .scheduling).load(
            text: """
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                profiles:
                - schedulerName: default-scheduler
                  pluginConfig:
                """ + "\n" + pluginConfig, fileName: "scheduler.yaml")
    }

    @Test("the registry names each plugin's args type; plugins without args have none")
    func table() {
        let types = Scheduler.pluginArgsTypes.types
        #expect(
            types.keys.sorted() == [
                "DefaultPreemption", "InterPodAffinity", "NodeAffinity", "NodeResourcesFit", "PodTopologySpread",
            ])
        #expect(types["NodeResourcesFit"] == NodeResourcesFitArgs.self)
        #expect(types["ImageLocality"] == nil)
    }

    @Test("args decode as the plugin's type and reach the plugin")
    func typed() throws {
        let result = Self.load(
            """
              - name: DefaultPreemption
                args: {minCandidateNodesPercentage: 20, minCandidateNodesAbsolute: 7}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        guard case .schedulerConfiguration(let configuration) = result.objects.first?.object else {
            Issue.record("no configuration")
            return
        }
        let profile = configuration.profiles[0]
        let args = try #require(profile.args(for: "DefaultPreemption", as: DefaultPreemptionArgs.self))
        #expect(args.minCandidateNodesPercentage == 20 && args.minCandidateNodesAbsolute == 7)
        var plugin = PluginConfiguration(profile: profile, version: .default, resources: ResourceIndex())
        let preemption = DefaultPreemption(&plugin)
        #expect(preemption.minCandidateNodesPercentage == 20 && preemption.minCandidateNodesAbsolute == 7)
    }

    @Test("a bad args field is refused with its file, line and field")
    func badField() {
        // Line 7 holds the bad value; the coding path names the field inside args.
        let mistyped = Self.load(
            """
              - name: InterPodAffinity
                args: {hardPodAffinityWeight: heavy}
            """)
        let message = mistyped.diagnostics.map(\.description).joined(separator: "\n")
        #expect(
            message.contains(
                "scheduler.yaml:7: KubeSchedulerConfiguration: profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid value: \"heavy\""
            ), "\(message)")
        // A value the args type refuses (validation_pluginargs.go): the strategy type.
        let unsupported = Self.load(
            """
              - name: NodeResourcesFit
                args: {scoringStrategy: {type: Tightest}}
            """)
        let text = unsupported.diagnostics.map(\.description).joined(separator: "\n")
        #expect(
            text.contains(
                "scheduler.yaml:7: KubeSchedulerConfiguration: profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: \"Tightest\""
            ), "\(text)")
    }
}
