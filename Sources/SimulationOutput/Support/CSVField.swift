import Foundation

/// CSV fields as RFC 4180 §2 writes them: the one quoting of every CSV kubesim writes (the
/// metrics file's header, sweep and policy-benchmark tables).
public enum CSVField {
    /// `text` as is, or in double quotes with inner quotes doubled when it holds a comma, a
    /// double quote or a line break (RFC 4180 §2, rules 6 and 7).
    /// - Complexity: O(text).
    public static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
