import Foundation
import Testing
import Yams

@testable import KubeModel

@Suite struct DaemonSetStatefulSetTests {
    let loader = ManifestLoader()

    enum Expected: Error { case kind(String) }

    func daemonSet(_ object: KubeObject) throws -> DaemonSet {
        guard case .daemonSet(let value) = object else { throw Expected.kind(object.kind) }
        return value
    }

    func statefulSet(_ object: KubeObject) throws -> StatefulSet {
        guard case .statefulSet(let value) = object else { throw Expected.kind(object.kind) }
        return value
    }

    // MARK: - Decoding and defaults

    @Test("both kinds decode with the apps/v1 defaults, without warnings")
    func defaults() throws {
        let result = loader.load(
            text: """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: node-agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      containers: [{name: agent, image: "agent:1"}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: data}
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers: [{name: db, image: "db:1"}]
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1Gi}}
                """, fileName: "w.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.objects.map(\.object.kind) == ["DaemonSet", "StatefulSet"])
        #expect(result.objects.map(\.object.displayName) == ["DaemonSet \"node-agent\"", "StatefulSet \"db\""])
        #expect(result.objects.map(\.location.line) == [1, 11])

        let ds = try daemonSet(result.objects[0].object)
        #expect(ds.apiVersion == "apps/v1" && ds.kind == "DaemonSet")
        #expect(ds.metadata.namespace == "default")
        #expect(
            ds.spec.updateStrategy == DaemonSetUpdateStrategy(type: "RollingUpdate", maxUnavailable: 1, maxSurge: 0))
        #expect(ds.spec.minReadySeconds == 0)
        #expect(ds.spec.revisionHistoryLimit == 10)
        #expect(ds.spec.template.spec.terminationGracePeriodSeconds == 30)
        #expect(ds.status == nil)

        let ss = try statefulSet(result.objects[1].object)
        #expect(result.objects[1].object.metadata?.namespace == "data")
        #expect(ss.spec.replicas == 1)
        #expect(ss.spec.serviceName == "db")
        #expect(ss.spec.podManagementPolicy == "OrderedReady")
        #expect(ss.spec.updateStrategy == StatefulSetUpdateStrategy(type: "RollingUpdate", partition: 0))
        #expect(ss.spec.updateStrategy.maxUnavailable == nil)
        #expect(ss.spec.minReadySeconds == 0)
        #expect(ss.spec.revisionHistoryLimit == 10)
        #expect(ss.spec.ordinalsStart == 0)
        #expect(ss.spec.persistentVolumeClaimRetentionPolicy == nil)
        let claims = try #require(ss.spec.volumeClaimTemplates)
        #expect(claims.count == 1)
        #expect(claims[0]["metadata"]?["name"]?.scalarText == "data")
        #expect(claims[0]["spec"]?["resources"]?["requests"]?["storage"]?.scalarText == "1Gi")
    }

    @Test("nested rollingUpdate and ordinals decode into the flattened fields")
    func explicitValues() throws {
        let result = loader.load(
            text: """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: surge}
                spec:
                  selector: {matchLabels: {app: a}}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: 0, maxSurge: 25%}
                  minReadySeconds: 5
                  revisionHistoryLimit: 3
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: manual}
                spec:
                  selector: {matchLabels: {app: a}}
                  updateStrategy: {type: OnDelete}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web}
                spec:
                  replicas: 3
                  podManagementPolicy: Parallel
                  updateStrategy:
                    rollingUpdate: {partition: 2, maxUnavailable: 50%}
                  ordinals: {start: 5}
                  minReadySeconds: 7
                  revisionHistoryLimit: 0
                  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}
                  selector: {matchLabels: {app: w}}
                  template:
                    metadata: {labels: {app: w}}
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: manual}
                spec:
                  podManagementPolicy: ""
                  updateStrategy: {type: OnDelete}
                  selector: {matchLabels: {app: m}}
                  template:
                    metadata: {labels: {app: m}}
                    spec:
                      containers: [{name: c, image: x}]
                """, fileName: "e.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.objects.count == 4)

        let surge = try daemonSet(result.objects[0].object)
        #expect(surge.spec.updateStrategy == DaemonSetUpdateStrategy(maxUnavailable: .int(0), maxSurge: .string("25%")))
        #expect(surge.spec.minReadySeconds == 5 && surge.spec.revisionHistoryLimit == 3)
        #expect(try surge.spec.updateStrategy.surgeCount(numberToSchedule: 10) == 3)  // 2.5 rounds up
        #expect(try surge.spec.updateStrategy.unavailableCount(numberToSchedule: 10) == 0)

        let manual = try daemonSet(result.objects[1].object)
        #expect(manual.spec.updateStrategy.type == "OnDelete")
        #expect(try manual.spec.updateStrategy.unavailableCount(numberToSchedule: 10) == 0)

        let web = try statefulSet(result.objects[2].object)
        #expect(web.spec.replicas == 3 && web.spec.podManagementPolicy == "Parallel")
        #expect(web.spec.updateStrategy == StatefulSetUpdateStrategy(partition: 2, maxUnavailable: "50%"))
        #expect(try web.spec.updateStrategy.maxUnavailableCount(replicas: 3) == 1)  // 1.5 rounds down
        #expect(web.spec.ordinalsStart == 5)
        #expect(web.spec.minReadySeconds == 7 && web.spec.revisionHistoryLimit == 0)
        #expect(web.spec.persistentVolumeClaimRetentionPolicy?["whenDeleted"]?.scalarText == "Delete")
        #expect(web.spec.serviceName == nil && web.spec.volumeClaimTemplates == nil)

        let ordered = try statefulSet(result.objects[3].object)
        #expect(ordered.spec.podManagementPolicy == "OrderedReady")  // empty is defaulted
        #expect(ordered.spec.updateStrategy == StatefulSetUpdateStrategy(type: "OnDelete"))
    }

    @Test("encoding writes the nested API shape and loads back equal")
    func roundTrip() throws {
        let template = PodTemplateSpec(
            metadata: ObjectMeta(labels: ["app": "a"]),
            spec: PodSpec(containers: [Container(name: "c", image: "x")]))
        let ds = DaemonSet(
            metadata: ObjectMeta(name: "d", namespace: "n"),
            spec: DaemonSetSpec(
                selector: LabelSelector(matchLabels: ["app": "a"]), template: template,
                updateStrategy: DaemonSetUpdateStrategy(maxUnavailable: "10%", maxSurge: 0), minReadySeconds: 2))
        let ss = StatefulSet(
            metadata: ObjectMeta(name: "s", namespace: "n"),
            spec: StatefulSetSpec(
                replicas: 2, selector: LabelSelector(matchLabels: ["app": "a"]), template: template,
                serviceName: "s", updateStrategy: StatefulSetUpdateStrategy(partition: 1, maxUnavailable: 2),
                ordinalsStart: 3, volumeClaimTemplates: [.mapping([.init(key: "metadata", value: .null)])]))

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let dsJSON = try #require(String(data: encoder.encode(ds.spec.updateStrategy), encoding: .utf8))
        #expect(dsJSON == #"{"rollingUpdate":{"maxSurge":0,"maxUnavailable":"10%"},"type":"RollingUpdate"}"#)
        let ssJSON = try #require(String(data: encoder.encode(ss.spec.updateStrategy), encoding: .utf8))
        #expect(ssJSON == #"{"rollingUpdate":{"maxUnavailable":2,"partition":1},"type":"RollingUpdate"}"#)
        let onDelete = try encoder.encode(StatefulSetUpdateStrategy(type: "OnDelete"))
        #expect(String(data: onDelete, encoding: .utf8) == #"{"type":"OnDelete"}"#)
        let specJSON = try #require(String(data: encoder.encode(ss.spec), encoding: .utf8))
        #expect(specJSON.contains(#""ordinals":{"start":3}"#))

        let text = try YAMLEncoder().encode(ds) + "---\n" + YAMLEncoder().encode(ss)
        let result = loader.load(text: text, fileName: "r.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let loaded = result.objects.map(\.object)
        #expect(loaded.count == 2)
        #expect(try daemonSet(loaded[0]).spec.updateStrategy == ds.spec.updateStrategy)
        #expect(try daemonSet(loaded[0]).spec.minReadySeconds == 2)
        let back = try statefulSet(loaded[1])
        #expect(back.spec.updateStrategy == ss.spec.updateStrategy)
        #expect(back.spec.ordinalsStart == 3 && back.spec.replicas == 2 && back.spec.serviceName == "s")
        #expect(back.spec.volumeClaimTemplates == ss.spec.volumeClaimTemplates)
    }

    // MARK: - Loader

    @Test("unknown fields in the nested shapes are warnings with their lines")
    func unknownFields() {
        let result = loader.load(
            text: """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: s}
                spec:
                  serviceName: s
                  selector: {matchLabels: {app: a}}
                  updateStrategy:
                    rollingUpdate: {partition: 0, maxSurge: 1}
                  ordinals: {begin: 2}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                  volumeClaimTemplates: [{metadata: {name: d}, spec: {anything: 1}}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {app: a}}
                  replicas: 3
                  updateStrategy: {type: OnDelete, rollingUpdate: {maxUnavailable: 2, partition: 1}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                """, fileName: "u.yaml")
        #expect(!result.hasErrors, "\(result.errors)")
        #expect(result.objects.map(\.object.kind) == ["StatefulSet", "DaemonSet"])
        #expect(
            result.warnings.map(\.description) == [
                "u.yaml:8: warning: StatefulSet \"s\": unknown field \"spec.updateStrategy.rollingUpdate.maxSurge\"",
                "u.yaml:9: warning: StatefulSet \"s\": unknown field \"spec.ordinals.begin\"",
                "u.yaml:21: warning: DaemonSet \"d\": unknown field \"spec.replicas\"",
                "u.yaml:22: warning: DaemonSet \"d\": unknown field \"spec.updateStrategy.rollingUpdate.partition\"",
            ])
    }

    @Test("the kinds are typed (no longer unrecognized) and need apps/v1")
    func apiVersionAndTypeErrors() {
        let result = loader.load(
            text: """
                apiVersion: extensions/v1beta1
                kind: DaemonSet
                metadata: {name: old}
                spec: {}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: s}
                spec:
                  replicas: three
                """, fileName: "v.yaml")
        #expect(result.objects.isEmpty)
        #expect(
            result.errors.map(\.description) == [
                "v.yaml:1: DaemonSet \"old\": no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\" (expected \"apps/v1\")",
                "v.yaml:10: StatefulSet \"s\": spec.replicas: Invalid value: \"three\": expected an integer",
            ])
    }

    // MARK: - Validation

    @Test("DaemonSet validation: rolling update bounds, strategy type, selector and template")
    func daemonSetValidation() {
        let result = loader.load(
            text: """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: zero}
                spec:
                  selector: {matchLabels: {app: a}}
                  updateStrategy:
                    rollingUpdate:
                      maxUnavailable: 0%
                      maxSurge: 0
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: both}
                spec:
                  selector: {matchLabels: {app: a}}
                  updateStrategy: {rollingUpdate: {maxSurge: 1}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: bad}
                spec:
                  selector: {matchLabels: {app: a}}
                  updateStrategy:
                    rollingUpdate: {maxUnavailable: 150%, maxSurge: ten}
                  minReadySeconds: -1
                  template:
                    metadata: {labels: {app: b}}
                    spec:
                      restartPolicy: OnFailure
                      activeDeadlineSeconds: 5
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: strat}
                spec:
                  updateStrategy: {type: Recreate}
                  revisionHistoryLimit: -1
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c}]
                """, fileName: "ds.yaml")
        #expect(result.objects.isEmpty)
        #expect(
            result.errors.map(\.description) == [
                "ds.yaml:8: DaemonSet \"zero\": spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
                "ds.yaml:20: DaemonSet \"both\": spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
                "ds.yaml:35: DaemonSet \"bad\": spec.template.metadata.labels: Invalid value: \"map[string]string{\\\"app\\\":\\\"b\\\"}\": `selector` does not match template `labels`",
                "ds.yaml:37: DaemonSet \"bad\": spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
                "ds.yaml:38: DaemonSet \"bad\": spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
                "ds.yaml:33: DaemonSet \"bad\": spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
                "ds.yaml:32: DaemonSet \"bad\": spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"ten\": \(IntOrString.percentMessage)",
                "ds.yaml:32: DaemonSet \"bad\": spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
                // A missing field is reported at the first line of its parent mapping.
                "ds.yaml:45: DaemonSet \"strat\": spec.selector: Required value",
                "ds.yaml:50: DaemonSet \"strat\": spec.template.spec.containers[0].image: Required value",
                "ds.yaml:45: DaemonSet \"strat\": spec.updateStrategy: Unsupported value: \"Recreate\": supported values: \"RollingUpdate\", \"OnDelete\"",
                "ds.yaml:46: DaemonSet \"strat\": spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
            ])
    }

    @Test("StatefulSet validation: name, policy, strategy, counts, selector and template")
    func statefulSetValidation() {
        let result = loader.load(
            text: """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db.v1}
                spec:
                  replicas: -1
                  podManagementPolicy: Random
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {partition: -2, maxUnavailable: 0}
                  persistentVolumeClaimRetentionPolicy: {whenDeleted: Keep}
                  ordinals: {start: -1}
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      restartPolicy: Never
                      activeDeadlineSeconds: 10
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web}
                spec:
                  updateStrategy: {type: Always}
                  selector: {}
                  template:
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: od}
                spec:
                  updateStrategy:
                    type: OnDelete
                    rollingUpdate: {partition: 1}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: pct}
                spec:
                  updateStrategy: {rollingUpdate: {maxUnavailable: 101%}}
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers: [{name: c, image: x}]
                """, fileName: "ss.yaml")
        #expect(result.objects.isEmpty)
        #expect(
            result.errors.map(\.description) == [
                "ss.yaml:3: StatefulSet \"db.v1\": metadata.name: Invalid value: \"db.v1\": \(NameValidation.labelMessage)",
                "ss.yaml:6: StatefulSet \"db.v1\": spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
                "ss.yaml:9: StatefulSet \"db.v1\": spec.updateStrategy.rollingUpdate.partition: Invalid value: -2: must be greater than or equal to 0",
                "ss.yaml:9: StatefulSet \"db.v1\": spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0",
                "ss.yaml:10: StatefulSet \"db.v1\": spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: \"Keep\": supported values: \"Retain\", \"Delete\"",
                "ss.yaml:5: StatefulSet \"db.v1\": spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "ss.yaml:11: StatefulSet \"db.v1\": spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0",
                "ss.yaml:16: StatefulSet \"db.v1\": spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "ss.yaml:17: StatefulSet \"db.v1\": spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported",
                "ss.yaml:24: StatefulSet \"web\": spec.updateStrategy: Invalid value: \"Always\": must be 'RollingUpdate' or 'OnDelete'",
                "ss.yaml:25: StatefulSet \"web\": spec.selector: Invalid value: \"{}\": empty selector is invalid for statefulset",
                "ss.yaml:36: StatefulSet \"od\": spec.updateStrategy.rollingUpdate: Invalid value: only allowed for updateStrategy 'RollingUpdate'",
                "ss.yaml:34: StatefulSet \"od\": spec.selector: Required value",
                "ss.yaml:46: StatefulSet \"pct\": spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"101%\": must not be greater than 100%",
            ])
    }

    @Test("validate() on values built in code names the fields")
    func validateInCode() {
        let template = PodTemplateSpec(
            metadata: ObjectMeta(labels: ["app": "a"]),
            spec: PodSpec(containers: [Container(name: "c", image: "x")]))
        let selector = LabelSelector(matchLabels: ["app": "a"])
        #expect(
            DaemonSet(metadata: ObjectMeta(name: "d"), spec: DaemonSetSpec(selector: selector, template: template))
                .validate().isEmpty)
        #expect(
            StatefulSet(metadata: ObjectMeta(name: "s"), spec: StatefulSetSpec(selector: selector, template: template))
                .validate().isEmpty)

        let surge = DaemonSet(
            metadata: ObjectMeta(name: "d"),
            spec: DaemonSetSpec(
                selector: selector, template: template,
                updateStrategy: DaemonSetUpdateStrategy(maxUnavailable: 0, maxSurge: "-5%")))
        #expect(
            surge.validate().map(\.description) == [
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"-5%\": \(IntOrString.percentMessage)",
                // As upstream: a string that is not a percentage counts as its integer value (here 0).
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
            ])
        let unnamed = StatefulSet(
            metadata: ObjectMeta(),
            spec: StatefulSetSpec(selector: selector, template: template, podManagementPolicy: ""))
        #expect(
            unnamed.validate().map(\.path) == ["metadata.name", "spec.podManagementPolicy"])
    }
}
