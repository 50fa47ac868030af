/// A UTC calendar date and time of day from seconds since the Unix epoch, computed
/// arithmetically (Howard Hinnant's `civil_from_days`): no `DateFormatter`, locale or time
/// zone, so timestamps in outputs are the same on every machine.
///
/// The one civil-date conversion of the code base: RFC 3339 (`metav1.Time`, `MicroTime`) and
/// RFC 1123 texts are formatted from it, and the scenario reader's RFC 3339 parser turns dates
/// back into days with ``daysSinceEpoch(year:month:day:)``.
public struct UTCDateTime: Sendable, Hashable {
    /// Year (proleptic Gregorian).
    public let year: Int64
    /// Month, 1…12.
    public let month: Int64
    /// Day of the month, 1…31.
    public let day: Int64
    /// Hour, 0…23.
    public let hour: Int64
    /// Minute, 0…59.
    public let minute: Int64
    /// Second, 0…59.
    public let second: Int64
    /// Day of the week, 0 = Sunday … 6 = Saturday.
    public let weekday: Int64

    /// The date and time `unixSeconds` seconds after 1970-01-01T00:00:00Z (negative: before).
    /// - Complexity: O(1).
    public init(unixSeconds: Int64) {
        var days = unixSeconds / 86_400
        var secondOfDay = unixSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        // 1970-01-01 was a Thursday (4).
        weekday = ((days % 7) + 7 + 4) % 7
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`,
    /// the inverse of the conversion in ``init(unixSeconds:)``); negative before 1970.
    /// - Complexity: O(1).
    public static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days in `month` (1…12) of `year` (Gregorian leap years).
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// RFC 3339 in UTC with `fractionDigits` (0…9) digits of the second, truncated:
    /// `2026-01-01T00:12:00Z` (`metav1.Time`, 0 digits) or `2026-01-01T00:12:00.000000Z`
    /// (`metav1.MicroTime`, 6 digits; apimachinery pkg/apis/meta/v1 `RFC3339Micro`).
    /// - Parameters:
    ///   - unixSeconds: whole seconds since the Unix epoch.
    ///   - nanoseconds: nanoseconds to add (any sign or size; carried into the seconds).
    /// - Complexity: O(1).
    public static func rfc3339(unixSeconds: Int64, nanoseconds: Int64 = 0, fractionDigits: Int) -> String {
        var seconds = unixSeconds + nanoseconds / 1_000_000_000
        var nanos = nanoseconds % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        var text = UTCDateTime(unixSeconds: seconds).rfc3339
        if fractionDigits > 0 {
            var divisor: Int64 = 1
            for _ in 0..<(9 - fractionDigits) { divisor *= 10 }
            text += "." + pad(nanos / divisor, fractionDigits)
        }
        return text + "Z"
    }

    /// `2026-01-01T00:00:00` (RFC 3339 without the zone designator).
    public var rfc3339: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T"
            + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))"
    }

    /// Go's `time.RFC1123Z` in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`.
    public var rfc1123Z: String {
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(weekdays[Int(weekday)]), \(Self.pad(day, 2)) \(months[Int(month) - 1]) \(year) "
            + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)) +0000"
    }

    /// `value` with leading zeros to `width` digits.
    public static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
