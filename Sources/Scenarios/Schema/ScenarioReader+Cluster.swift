import Foundation
import KubeModel
import Stochastics
import Yams

extension ScenarioReader {
    // MARK: - Node pools

    mutating func nodePools(_ node: Yams.Node, _ path: FieldPath) -> [NodePool] {
        guard let items = sequence(node, path) else { return [] }
        var pools: [NodePool] = []
        var seen: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard
                let map = mapping(
                    item, itemPath,
                    known: Self.nodePoolKeys)
            else { continue }
            // A pool read from a node list (`from`) may omit its name.
            let defaultName = map["from"] != nil && map["name"] == nil ? NodeListSpec.defaultPoolName : nil
            guard let name = defaultName ?? requiredString(map, "name", itemPath) else { continue }
            if seen.contains(name) {
                error(.duplicate(itemPath.key("name").text, .string(name)), at: itemPath.key("name"))
            }
            seen.append(name)
            // Node names are `<pool>-<i>`: the pool name must make them valid DNS subdomains
            // (ValidateNodeName, pkg/apis/core/validation).
            for problem in NameValidation.dns1123SubdomainProblems(name + "-0") {
                invalid(itemPath.key("name"), name, problem)
            }
            var pool = NodePool(name: name, count: 1, capacity: Scenario.defaultNodePools[0].capacity)
            if let node = map["count"], let count = int(node, itemPath.key("count"), minimum: 0, maximum: 1_000_000) {
                pool.count = count
            }
            if let node = map["capacity"] {
                // Resources not listed keep the default node's (4 CPU, 16Gi, 110 pods, 100Gi storage).
                for (resource, quantity) in resourceList(node, itemPath.key("capacity")) {
                    pool.capacity[resource] = quantity
                }
            }
            if let node = map["labels"] { pool.labels = stringMap(node, itemPath.key("labels")) ?? [:] }
            if let node = map["taints"], let taintNodes = sequence(node, itemPath.key("taints")) {
                pool.taints = taintNodes.enumerated().compactMap { offset, taint in
                    decodable(Taint.self, taint, itemPath.key("taints").index(offset))
                }
            }
            if let node = map["images"] { pool.images = stringList(node, itemPath.key("images")) ?? [] }
            if let node = map["kubelet"] { pool.kubelet = kubeletSettings(node, itemPath.key("kubelet")) }
            if let node = map["from"] { readNodeList(node, itemPath, into: &pool, countGiven: map["count"] != nil) }
            if let node = map["autoscaling"] {
                pool.autoscaling = nodeGroupAutoscaling(node, itemPath.key("autoscaling"), count: pool.count)
                if map["from"] != nil {
                    invalid(itemPath.key("autoscaling"), node: node, "a pool read from a node list cannot autoscale")
                }
            }
            pools.append(pool)
        }
        return pools
    }

    mutating func resourceList(_ node: Yams.Node, _ path: FieldPath) -> ResourceList {
        guard let map = mapping(node, path, known: []) else { return ResourceList() }
        // `known: []` warned about every key; resource names are free-form, so drop those warnings.
        diagnostics.removeAll { $0.severity == .warning && $0.message.hasPrefix("unknown field \"\(path.text).") }
        var list = ResourceList()
        for (name, value) in map.entries {
            let entryPath = path.key(name)
            // Node resources are named as the API server's `validateResourceName` wants, so a
            // typo (`cpus`, `memroy`) is an error, not a resource no pod asks for.
            let problems = ResourceNameValidation.resourceNameProblems(name)
            for problem in problems { invalid(entryPath, name, problem) }
            guard let text = string(value, entryPath), problems.isEmpty else { continue }
            guard let quantity = try? Quantity(parsing: text.trimmingCharacters(in: .whitespaces)) else {
                invalid(entryPath, text, "must be a quantity such as 4, 500m or 16Gi")
                continue
            }
            if quantity.isNegative {
                invalid(entryPath, text, "must be non-negative")
                continue
            }
            list[name] = quantity
        }
        return list
    }

    static let kubeletKeys = [
        "serializeImagePulls", "maxParallelImagePulls", "pullBandwidth", "maxContainerRestartPeriod",
        "crashLoopBackOff", "imageGCHighThresholdPercent", "imageGCLowThresholdPercent",
        "reduceDefaultCrashLoopBackOffDecay", "featureGates", "kubeReserved", "systemReserved", "evictionHard",
        "kubeAPIQPS", "kubeAPIBurst",
    ]

    /// The eviction signals of the kubelet (pkg/kubelet/eviction/api/types.go).
    static let evictionSignals = [
        "memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree",
        "containerfs.available", "containerfs.inodesFree", "pid.available", "allocatableMemory.available",
    ]

    mutating func kubeletSettings(_ node: Yams.Node, _ path: FieldPath) -> KubeletSettings {
        var settings = KubeletSettings()
        guard let map = mapping(node, path, known: Self.kubeletKeys) else { return settings }
        if let node = map["serializeImagePulls"] {
            settings.serializeImagePulls = bool(node, path.key("serializeImagePulls"))
        }
        if let node = map["maxParallelImagePulls"] {
            settings.maxParallelImagePulls = int(node, path.key("maxParallelImagePulls"), minimum: 1)
        }
        if let node = map["kubeAPIQPS"] { settings.kubeAPIQPS = clientQPS(node, path.key("kubeAPIQPS")) }
        if let node = map["kubeAPIBurst"] { settings.kubeAPIBurst = int(node, path.key("kubeAPIBurst"), minimum: 1) }
        if let node = map["pullBandwidth"] {
            settings.pullBandwidth = value(node, path.key("pullBandwidth"), unit: .perSecond)
        }
        if let node = map["maxContainerRestartPeriod"] {
            settings.maxContainerRestartPeriod = duration(node, path.key("maxContainerRestartPeriod"))
        }
        if let node = map["crashLoopBackOff"],
            let backOff = mapping(node, path.key("crashLoopBackOff"), known: Self.crashLoopBackOffKeys),
            let period = backOff["maxContainerRestartPeriod"]
        {
            settings.maxContainerRestartPeriod = duration(
                period, path.key("crashLoopBackOff").key("maxContainerRestartPeriod"))
        }
        if let node = map["imageGCHighThresholdPercent"] {
            settings.imageGCHighThresholdPercent = int(
                node, path.key("imageGCHighThresholdPercent"), minimum: 0, maximum: 100)
        }
        if let node = map["imageGCLowThresholdPercent"] {
            settings.imageGCLowThresholdPercent = int(
                node, path.key("imageGCLowThresholdPercent"), minimum: 0, maximum: 100)
        }
        if let node = map["reduceDefaultCrashLoopBackOffDecay"] {
            settings.reduceDefaultCrashLoopBackOffDecay = bool(node, path.key("reduceDefaultCrashLoopBackOffDecay"))
        }
        if let node = map["featureGates"],
            let gates = mapping(node, path.key("featureGates"), known: Self.featureGateKeys),
            let gate = gates["ReduceDefaultCrashLoopBackOffDecay"]
        {
            settings.reduceDefaultCrashLoopBackOffDecay =
                bool(gate, path.key("featureGates").key("ReduceDefaultCrashLoopBackOffDecay"))
        }
        if let node = map["kubeReserved"] { settings.kubeReserved = resourceList(node, path.key("kubeReserved")) }
        if let node = map["systemReserved"] { settings.systemReserved = resourceList(node, path.key("systemReserved")) }
        if let node = map["evictionHard"],
            let signals = mapping(node, path.key("evictionHard"), known: Self.evictionSignals)
        {
            var thresholds: [String: String] = [:]
            for (signal, value) in signals.entries {
                let signalPath = path.key("evictionHard").key(signal)
                guard let text = string(value, signalPath) else { continue }
                // pkg/kubelet/eviction/helpers.go parseThresholdStatement: a percentage in
                // (0%, 100%] or a non-negative quantity.
                if text.hasSuffix("%") {
                    guard let percent = Double(text.dropLast()), percent > 0, percent <= 100 else {
                        invalid(signalPath, text, "must be a percentage in (0%, 100%] or a quantity such as 100Mi")
                        continue
                    }
                } else if (try? Quantity(parsing: text))?.isNegative != false {
                    invalid(signalPath, text, "must be a percentage in (0%, 100%] or a quantity such as 100Mi")
                    continue
                }
                thresholds[signal] = text
            }
            settings.evictionHard = thresholds
        }
        if let high = settings.imageGCHighThresholdPercent, let low = settings.imageGCLowThresholdPercent, low > high {
            // kubelet validation: "imageGCLowThresholdPercent (%v) must be less than imageGCHighThresholdPercent (%v)"
            // (pkg/kubelet/apis/config/validation/validation.go).
            error(
                .invalid(
                    path.key("imageGCLowThresholdPercent").text, .int(low),
                    "must be less than imageGCHighThresholdPercent (\(high))"),
                at: path.key("imageGCLowThresholdPercent"))
        }
        return settings
    }

    // MARK: - Images

    mutating func images(_ node: Yams.Node, _ path: FieldPath) -> [ImageSpec] {
        guard let items = sequence(node, path) else { return [] }
        var result: [ImageSpec] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let map = mapping(item, itemPath, known: Self.imageKeys),
                let name = requiredString(map, "name", itemPath)
            else { continue }
            var spec = ImageSpec(name: name)
            if let node = map["size"] { spec.size = value(node, itemPath.key("size"), unit: .bytes) }
            if let node = map["pull"] {
                let pullPath = itemPath.key("pull")
                if let pull = mapping(node, pullPath, known: Self.pullKeys) {
                    var settings = PullSpec()
                    if let node = pull["failures"] {
                        if node.string == "forever" {
                            settings.failures = .forever
                        } else if let count = int(node, pullPath.key("failures"), minimum: 0) {
                            settings.failures = .count(count)
                        }
                    }
                    if let text = optionalString(pull, "error", pullPath) { settings.error = text }
                    if let node = pull["latency"] {
                        settings.latency = distribution(node, pullPath.key("latency"), unit: .seconds)
                    }
                    spec.pull = settings
                }
            }
            result.append(spec)
        }
        return result
    }

    // MARK: - Behaviours

    static let behaviorKeys = [
        "match", "runs", "ready", "memory", "writes", "liveness", "terminationDelay", "ignoresSigterm", "cpu",
        "logs",
    ]

    mutating func behaviors(_ node: Yams.Node, _ path: FieldPath) -> [Behavior] {
        guard let items = sequence(node, path) else { return [] }
        var result: [Behavior] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let map = mapping(item, itemPath, known: Self.behaviorKeys) else { continue }
            var behavior = Behavior()
            if let node = map["match"] { behavior.match = behaviorMatch(node, itemPath.key("match")) }
            if let node = map["runs"], let runs = sequence(node, itemPath.key("runs")) {
                for (offset, run) in runs.enumerated() {
                    let runPath = itemPath.key("runs").index(offset)
                    guard let runMap = mapping(run, runPath, known: Self.runKeys) else { continue }
                    var entry = Behavior.Run(duration: nil)
                    if let node = runMap["duration"] {
                        if Self.isForever(node) {
                            entry.duration = nil
                        } else if let duration = distribution(node, runPath.key("duration"), unit: .seconds) {
                            entry.duration = duration
                        }
                    }
                    if let node = runMap["exit"], let code = int(node, runPath.key("exit"), minimum: 0, maximum: 255) {
                        entry.exitCode = Int32(code)
                    }
                    behavior.runs.append(entry)
                }
            }
            if let node = map["ready"], let ready = mapping(node, itemPath.key("ready"), known: Self.readyKeys) {
                if let after = ready["after"] {
                    if Self.isForever(after) || after.string == "never" {
                        behavior.ready = .never
                    } else if let value = distribution(after, itemPath.key("ready").key("after"), unit: .seconds) {
                        behavior.ready = .after(value)
                    }
                } else {
                    behavior.ready = .after(.constant(0))
                }
            }
            if let node = map["memory"], let memory = mapping(node, itemPath.key("memory"), known: Self.memoryKeys) {
                var model = Behavior.Memory()
                if let node = memory["start"],
                    let start = distribution(node, itemPath.key("memory").key("start"), unit: .bytes)
                {
                    model.start = start
                }
                if let node = memory["growth"],
                    let growth = distribution(node, itemPath.key("memory").key("growth"), unit: .perSecond)
                {
                    model.growth = growth
                }
                if let node = memory["perRequest"],
                    let perRequest = value(node, itemPath.key("memory").key("perRequest"), unit: .bytes)
                {
                    model.perRequest = perRequest
                }
                behavior.memory = model
            }
            if let node = map["cpu"], let cpu = mapping(node, itemPath.key("cpu"), known: Self.cpuKeys) {
                var model = Behavior.CPU()
                for key in Self.cpuKeys {
                    guard let node = cpu[key], let cores = value(node, itemPath.key("cpu").key(key), unit: .number)
                    else { continue }
                    if cores < 0 {
                        invalid(itemPath.key("cpu").key(key), node: node, "must be non-negative")
                    } else if key == "base" {
                        model.base = cores
                    } else {
                        model.perRequest = cores
                    }
                }
                behavior.cpu = model
            }
            if let node = map["writes"], let writes = sequence(node, itemPath.key("writes")) {
                for (offset, write) in writes.enumerated() {
                    let writePath = itemPath.key("writes").index(offset)
                    guard let writeMap = mapping(write, writePath, known: Self.writeKeys) else { continue }
                    let volume = requiredString(writeMap, "volume", writePath)
                    var rate: Distribution?
                    if let node = writeMap["rate"] {
                        rate = distribution(node, writePath.key("rate"), unit: .perSecond)
                    } else {
                        required(writePath.key("rate"))
                    }
                    if let volume, let rate { behavior.writes.append(Behavior.Write(volume: volume, rate: rate)) }
                }
            }
            if let node = map["liveness"],
                let liveness = mapping(node, itemPath.key("liveness"), known: Self.livenessKeys)
            {
                if let after = liveness["failAfter"] {
                    behavior.livenessFailAfter = distribution(
                        after, itemPath.key("liveness").key("failAfter"), unit: .seconds)
                } else {
                    required(itemPath.key("liveness").key("failAfter"))
                }
            }
            if let node = map["terminationDelay"] {
                behavior.terminationDelay = distribution(node, itemPath.key("terminationDelay"), unit: .seconds)
            }
            if let node = map["ignoresSigterm"] {
                behavior.ignoresSigterm = bool(node, itemPath.key("ignoresSigterm")) ?? false
            }
            if let node = map["logs"], let lines = sequence(node, itemPath.key("logs")) {
                for (offset, line) in lines.enumerated() {
                    let linePath = itemPath.key("logs").index(offset)
                    guard let lineMap = mapping(line, linePath, known: Self.logKeys) else { continue }
                    let text = requiredString(lineMap, "line", linePath)
                    var after: Double?
                    if let node = lineMap["after"] {
                        if case .constant(let value)? = distribution(node, linePath.key("after"), unit: .seconds) {
                            after = value
                        }
                    } else {
                        after = 0
                    }
                    if let text, let after { behavior.logs.append(Behavior.LogLine(after: after, line: text)) }
                }
                behavior.logs = behavior.logs.enumerated().sorted {
                    ($0.element.after, $0.offset) < ($1.element.after, $1.offset)
                }
                .map(\.element)
            }
            result.append(behavior)
        }
        return result
    }

    mutating func behaviorMatch(_ node: Yams.Node, _ path: FieldPath) -> BehaviorMatch {
        var match = BehaviorMatch()
        guard let map = mapping(node, path, known: Self.matchKeys) else {
            return match
        }
        match.pod = optionalString(map, "pod", path)
        match.container = optionalString(map, "container", path)
        match.namespace = optionalString(map, "namespace", path)
        match.image = optionalString(map, "image", path)
        if let node = map["labels"] { match.labels = stringMap(node, path.key("labels")) ?? [:] }
        return match
    }

    /// `forever` (the only non-duration word a duration field takes).
    static func isForever(_ node: Yams.Node) -> Bool { node.string == "forever" }
}
