import Foundation
import Testing

@testable import KubeModel

@Suite struct JSONStringTests {
    @Test("quotes, backslashes and control characters are escaped as RFC 8259 writes them")
    func escapes() {
        #expect(JSONString.quoted("plain") == "\"plain\"")
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quoted("l1\nl2\r\t") == #""l1\nl2\r\t""#)
        #expect(JSONString.quoted("\u{01}é") == "\"\\u0001é\"")
    }

    @Test("what it writes, Foundation's JSON decoder reads back")
    func roundTrip() throws {
        let text = "x\"\\\n\r\t\u{1f}ünï 🚀"
        let decoded = try JSONDecoder().decode(String.self, from: Data(JSONString.quoted(text).utf8))
        #expect(decoded == text)
    }
}
