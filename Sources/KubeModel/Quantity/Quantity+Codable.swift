import Foundation

extension Quantity: Codable {
    /// Decodes a quantity from any YAML/JSON scalar by reading its source text.
    ///
    /// Throws `DecodingError.dataCorrupted` (not a custom error) so decoders keep the coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let string = try? container.decode(String.self) {
            text = string
        } else if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a quantity such as 100m or 1Gi")
        }
        do {
            self = try Quantity(parsing: text.trimmingCharacters(in: .whitespaces))
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: error.description)
        }
    }

    /// Encodes the original text if present, else the canonical form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
