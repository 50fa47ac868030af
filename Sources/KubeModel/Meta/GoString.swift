/// Go string literals as `strconv.Quote` and the `%q` verb write them (go/src/strconv/quote.go
/// `appendEscapedRune`): the one quoting of values inside messages, since Kubernetes error
/// messages quote bad values with `%q` (apimachinery pkg/util/validation/field/errors.go
/// `Error.ErrorBody`).
public enum GoString {
    /// `text` as `strconv.Quote` returns it: `"` and `\` backslashed; `\a \b \f \n \r \t \v`
    /// by name; other non-printable scalars (`strconv.IsPrint`: not a letter, mark, number,
    /// punctuation or symbol, nor the ASCII space) as `\xNN` below U+0020 and for U+007F, else
    /// `\uNNNN` or `\UNNNNNNNN`; printable non-ASCII scalars as they are.
    /// - Complexity: O(text).
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{0B}": output += "\\v"
            default:
                if isPrint(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value < 0x1_0000 {
                    output += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    output += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return output + "\""
    }

    /// `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// `value` as `digits` lower-case hex digits.
    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
