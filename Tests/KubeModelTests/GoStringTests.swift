import KubeModel
import Testing

/// `GoString.quoted` against the cases of Go's own `strconv.Quote` test table
/// (go/src/strconv/quote_test.go `quotetests`, the `out` column), minus the invalid-UTF-8 case
/// a Swift string cannot hold.
@Suite struct GoStringTests {
    @Test(
        "quotes as strconv.Quote does",
        arguments: [
            ("\u{07}\u{08}\u{0C}\r\n\t\u{0B}", #""\a\b\f\r\n\t\v""#),
            ("\\", #""\\""#),
            ("\u{263a}", "\"☺\""),
            ("\u{10ffff}", #""\U0010ffff""#),
            ("\u{04}", #""\x04""#),
            ("!\u{00a0}!\u{2000}!\u{3000}!", #""!\u00a0!\u2000!\u3000!""#),
            ("\u{7f}", #""\x7f""#),
        ])
    func quote(input: String, expected: String) {
        #expect(GoString.quoted(input) == expected)
    }

    @Test("a double quote is backslashed and printable text is kept")
    func plain() {
        #expect(GoString.quoted(#"say "hi" 5%"#) == #""say \"hi\" 5%""#)
        #expect(GoString.quoted("") == #""""#)
    }
}
