import Foundation

/// File-system errors in plain words, for the CLI and for the output files' own errors: the
/// POSIX reason when there is one (`No space left on device`), never `NSCocoaErrorDomain`.
public enum FileErrorText {
    /// Why the call failed, without the path.
    public static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if nsError.domain == NSCocoaErrorDomain {
            var text = nsError.localizedFailureReason ?? nsError.localizedDescription
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        return "\(error)"
    }

    /// `path: reason` when the error names its file, else the reason.
    public static func describe(_ error: any Error) -> String {
        let path = ((error as NSError).userInfo[NSFilePathErrorKey] as? String).map { $0 + ": " } ?? ""
        return path + reason(error)
    }
}
