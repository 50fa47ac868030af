import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A Prometheus server started by a test (Debian's `prometheus` package, which brings
/// `promtool`): its own storage and configuration under a temporary folder, listening on a free
/// loopback port, stopped by its pid.
final class LocalPrometheus {
    static let promtool = "/usr/bin/promtool"
    static let server = "/usr/bin/prometheus"

    /// Why the Prometheus tests cannot run here, or `nil` when they can.
    static var missing: String? {
        for path in [promtool, server] where !FileManager.default.isExecutableFile(atPath: path) {
            return "\(path) is absent (scripts/bootstrap --test-tools installs Debian's prometheus package)"
        }
        return nil
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let process: Process
    let port: Int
    let log: URL

    /// Starts `prometheus` on `storage` with `configuration` and waits (up to 60 s) until
    /// `/-/ready` answers.
    init(storage: URL, configuration: URL, extra: [String] = []) throws {
        port = try Self.freePort()
        log = storage.deletingLastPathComponent().appendingPathComponent("prometheus.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.server)
        process.arguments =
            [
                "--storage.tsdb.path=\(storage.path)", "--web.listen-address=127.0.0.1:\(port)",
                "--config.file=\(configuration.path)", "--storage.tsdb.retention.time=100y",
            ] + extra
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning { break }
            if let (code, _) = try? get("/-/ready"), code == 200 { return }
            usleep(200_000)
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw Failure(description: "prometheus did not become ready on port \(port):\n\(text.suffix(2000))")
    }

    /// Stops the server by its pid (SIGTERM, then SIGKILL after 10 s) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// `GET path` over HTTP/1.0 (no chunked replies): the status code and the body.
    func get(_ path: String) throws -> (Int, String) {
        let response = try RawClient.exchange(
            port: port, send: "GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", readReply: true)
        let code = Int(response.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = response.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (code, body)
    }

    /// One sample of an instant query's result: its labels and value.
    struct Sample {
        var labels: [String: String]
        var value: Double
    }

    /// `/api/v1/query?query=…&time=…`: the vector (or scalar, as one unlabelled sample).
    func query(_ expression: String, at unixSeconds: Int64) throws -> [Sample] {
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let (code, body) = try get("/api/v1/query?query=\(encoded)&time=\(unixSeconds)")
        guard code == 200, let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            json["status"] as? String == "success", let data = json["data"] as? [String: Any]
        else { throw Failure(description: "query \(expression) failed (\(code)): \(body)") }
        func number(_ pair: Any?) -> Double {
            guard let pair = pair as? [Any], pair.count == 2, let text = pair[1] as? String else { return .nan }
            return Double(text) ?? .nan
        }
        if data["resultType"] as? String == "scalar" { return [Sample(labels: [:], value: number(data["result"]))] }
        let results = data["result"] as? [[String: Any]] ?? []
        return results.map {
            Sample(labels: $0["metric"] as? [String: String] ?? [:], value: number($0["value"]))
        }
    }

    /// The value of a query whose answer is one sample.
    func value(_ expression: String, at unixSeconds: Int64) throws -> Double {
        let samples = try query(expression, at: unixSeconds)
        guard samples.count == 1 else {
            throw Failure(description: "\(expression) at \(unixSeconds): \(samples.count) samples, expected 1")
        }
        return samples[0].value
    }

    /// A port that was free a moment ago (bound to 0 and released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
