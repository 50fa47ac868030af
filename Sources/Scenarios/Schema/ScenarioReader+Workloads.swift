import KubeModel
import SimulationCore
import Stochastics
import Yams

extension ScenarioReader {
    static let workloadKeys = ["name", "template", "arrivals", "count", "until", "lifetime", "requests"]
    static let arrivalKinds = ["at", "diurnal", "poisson", "trace"]

    mutating func workloads(_ node: Yams.Node, _ path: FieldPath, runHasDuration: Bool) -> [Workload] {
        guard let items = sequence(node, path) else { return [] }
        var result: [Workload] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            guard let map = mapping(item, itemPath, known: Self.workloadKeys) else { continue }
            var template: WorkloadTemplate?
            if let node = map["template"] {
                template = workloadTemplate(node, itemPath.key("template"))
            } else {
                required(itemPath.key("template"))
            }
            var arrivals: ArrivalSpec?
            if let node = map["arrivals"] {
                arrivals = arrivalSpec(node, itemPath.key("arrivals"))
            } else {
                required(itemPath.key("arrivals"))
            }
            if !runHasDuration, map["count"] == nil, map["until"] == nil, let arrivalsNode = map["arrivals"],
                arrivalsNode["poisson"] != nil || arrivalsNode["diurnal"] != nil
            {
                // An open-ended workload would keep an `until: Quiescent` run going forever.
                required(itemPath.key("count"), "an open-ended workload needs count, until or spec.duration")
            }
            let count = map["count"].flatMap { int($0, itemPath.key("count"), minimum: 0) }
            let until = map["until"].flatMap { duration($0, itemPath.key("until")) }
            var lifetime: Distribution?
            if let node = map["lifetime"], !Self.isForever(node) {
                lifetime = distribution(node, itemPath.key("lifetime"), unit: .seconds)
            }
            var requests: [RequestOverride] = []
            if let node = map["requests"], let overrides = mapping(node, itemPath.key("requests"), known: []) {
                diagnostics.removeAll {
                    $0.severity == .warning && $0.message.hasPrefix("unknown field \"\(itemPath.key("requests").text).")
                }
                for (resource, value) in overrides.entries {
                    // Overrides set container requests: `validateContainerResourceName`.
                    let problems = ResourceNameValidation.containerResourceNameProblems(resource)
                    for problem in problems { invalid(itemPath.key("requests").key(resource), resource, problem) }
                    if !problems.isEmpty { continue }
                    let unit: ValueUnit = resource == ResourceName.cpu ? .number : .bytes
                    let resourceUnit: ValueUnit =
                        resource.contains("/") || resource == ResourceName.pods ? .number : unit
                    if let distribution = distribution(
                        value, itemPath.key("requests").key(resource), unit: resourceUnit)
                    {
                        requests.append(RequestOverride(resource: resource, distribution: distribution))
                    }
                }
                requests.sort { $0.resource < $1.resource }
            }
            var name =
                map["name"].flatMap { string($0, itemPath.key("name")) }
                ?? template.flatMap(Self.templateName) ?? "workload-\(index)"
            // Names seed the random streams: keep them unique so two workloads never share draws.
            if result.contains(where: { $0.name == name }) {
                if map["name"] != nil {
                    error(.duplicate(itemPath.key("name").text, .string(name)), at: itemPath.key("name"))
                }
                name += "-\(index)"
            }
            if let template, let arrivals {
                result.append(
                    Workload(
                        name: name, template: template, arrivals: arrivals, count: count, until: until,
                        lifetime: lifetime, requests: requests))
            }
        }
        return result
    }

    /// A stable name for streams: the template's name or generateName, or the file's base name.
    static func templateName(_ template: WorkloadTemplate) -> String? {
        switch template {
        case .file(let file):
            let base = file.split(separator: "/").last.map(String.init) ?? file
            return base.split(separator: ".").first.map(String.init)
        case .pod(let pod): return pod.metadata.name ?? pod.metadata.generateName
        case .podTemplate(let template): return template.metadata.name ?? template.metadata.generateName
        }
    }

    mutating func workloadTemplate(_ node: Yams.Node, _ path: FieldPath) -> WorkloadTemplate? {
        guard let map = mapping(node, path, known: Self.fileOrInlineKeys) else { return nil }
        switch (map["file"], map["inline"]) {
        case (let file?, nil):
            guard let text = string(file, path.key("file")) else { return nil }
            referFile(text, path.key("file"), purpose: .template)
            return .file(text)
        case (nil, let inline?):
            let inlinePath = path.key("inline")
            if inline["kind"] != nil {
                let kind = inline["kind"]?.string ?? ""
                guard kind == "Pod" else {
                    error(.notSupported(inlinePath.key("kind").text, kind, ["Pod"]), at: inlinePath.key("kind"))
                    return nil
                }
                guard let pod = decodable(Pod.self, inline, inlinePath) else { return nil }
                return validated(pod, inlinePath) ? .pod(pod) : nil
            }
            guard let template = decodable(PodTemplateSpec.self, inline, inlinePath) else { return nil }
            return validated(Pod(metadata: template.metadata, spec: template.spec), inlinePath)
                ? .podTemplate(template) : nil
        default:
            invalid(path, node: node, "expected exactly one of file, inline")
            return nil
        }
    }

    mutating func arrivalSpec(_ node: Yams.Node, _ path: FieldPath) -> ArrivalSpec? {
        guard let map = mapping(node, path, known: Self.arrivalKinds) else { return nil }
        guard map.entries.count == 1, let (kind, body) = map.entries.first, Self.arrivalKinds.contains(kind) else {
            invalid(path, node: node, "expected exactly one of " + Self.arrivalKinds.joined(separator: ", "))
            return nil
        }
        let bodyPath = path.key(kind)
        switch kind {
        case "at":
            guard let items = sequence(body, bodyPath) else { return nil }
            var times: [SimulationDuration] = []
            for (index, item) in items.enumerated() {
                if let time = duration(item, bodyPath.index(index)) { times.append(time) }
            }
            return .at(times)
        case "poisson":
            guard let params = mapping(body, bodyPath, known: Self.poissonKeys) else { return nil }
            guard let rateNode = params["rate"] else {
                required(bodyPath.key("rate"))
                return nil
            }
            return value(rateNode, bodyPath.key("rate"), unit: .perSecond).map { ArrivalSpec.poisson(rate: $0) }
        case "diurnal":
            return diurnal(body, bodyPath).map(ArrivalSpec.diurnal)
        default:  // trace
            guard let params = mapping(body, bodyPath, known: Self.traceKeys),
                let file = requiredString(params, "file", bodyPath)
            else { return nil }
            referFile(file, bodyPath.key("file"), purpose: .trace)
            var spec = TraceSpec(file: file)
            if let text = optionalString(params, "format", bodyPath) {
                if let format = TraceSpec.Format(rawValue: text) {
                    spec.format = format
                } else {
                    error(
                        .notSupported(bodyPath.key("format").text, text, TraceSpec.Format.allCases.map(\.rawValue)),
                        at: bodyPath.key("format"))
                }
            }
            if let node = params["timeScale"], let scale = value(node, bodyPath.key("timeScale"), unit: .number) {
                if scale > 0 {
                    spec.timeScale = scale
                } else {
                    invalid(bodyPath.key("timeScale"), node: node, "must be positive")
                }
            }
            return .trace(spec)
        }
    }

    mutating func diurnal(_ node: Yams.Node, _ path: FieldPath) -> DiurnalSpec? {
        guard let params = mapping(node, path, known: Self.diurnalKeys) else {
            return nil
        }
        guard let meanNode = params["mean"] else {
            required(path.key("mean"))
            return nil
        }
        guard let mean = value(meanNode, path.key("mean"), unit: .perSecond) else { return nil }
        var spec = DiurnalSpec(meanRate: mean)
        if params["amplitude"] != nil && params["peakToTrough"] != nil {
            invalid(path.key("peakToTrough"), node: params["peakToTrough"]!, "give amplitude or peakToTrough, not both")
        }
        if let node = params["amplitude"], let amplitude = value(node, path.key("amplitude"), unit: .number) {
            if amplitude >= 0 && amplitude < 1 {
                spec.amplitude = amplitude
            } else {
                invalid(path.key("amplitude"), node: node, "must be at least 0 and less than 1")
            }
        }
        if let node = params["peakToTrough"], let ratio = value(node, path.key("peakToTrough"), unit: .number) {
            if ratio >= 1 {
                spec.amplitude = (ratio - 1) / (ratio + 1)
            } else {
                invalid(path.key("peakToTrough"), node: node, "must be at least 1")
            }
        }
        if let node = params["period"], let period = duration(node, path.key("period")) {
            if period > .zero {
                spec.period = period
            } else {
                invalid(path.key("period"), node: node, "must be positive")
            }
        }
        if let node = params["peak"], let peak = duration(node, path.key("peak")) { spec.peak = peak }
        return spec
    }

    /// Validates a template pod as the API server would validate the pods made from it (the
    /// name is generated, so a missing one is not a problem); reports errors under `path`.
    mutating func validated(_ pod: Pod, _ path: FieldPath) -> Bool {
        var named = pod
        if (named.metadata.name ?? "").isEmpty {
            named.metadata.name = named.metadata.generateName.map { $0 + "x" } ?? "x"
        }
        let errors = named.validate()
        for fieldError in errors {
            let inner = YAMLLocator.components(of: fieldError.path)
            var located = fieldError
            located.path = path.text + "." + fieldError.path  // keeps the API server's `requests[cpu]`
            error(located, at: FieldPath(components: path.components + inner))
        }
        return errors.isEmpty
    }
}
