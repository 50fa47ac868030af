extension KeyedDecodingContainer {
    /// Decodes `key` if present (and not null), else returns `defaultValue`.
    func decode<T: Decodable>(_ key: Key, default defaultValue: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? defaultValue()
    }
}
