import CTIProtocol

/// One finding of `cti doctor` (issue 21): a check's name (`tcp B`, `protocol`), how it went,
/// what was found, and for a WARN or FAIL what to do about it.
struct DoctorCheck: Hashable, Sendable {
    /// How a check went: only FAIL makes `cti doctor` exit non-zero.
    enum Status: String, Hashable, Sendable, Comparable {
        case ok = "OK"
        case warn = "WARN"
        case fail = "FAIL"

        private var rank: Int { self == .ok ? 0 : self == .warn ? 1 : 2 }
        static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    var name: String
    var status: Status
    /// What was found, in words.
    var detail: String
    /// What to do, in words (WARN and FAIL).
    var fix: String?

    static func ok(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .ok, detail: detail, fix: nil)
    }

    static func warn(_ name: String, _ detail: String, fix: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .warn, detail: detail, fix: fix)
    }

    static func fail(_ name: String, _ detail: String, fix: String) -> DoctorCheck {
        DoctorCheck(name: name, status: .fail, detail: detail, fix: fix)
    }

    /// The text line: status, name and detail in columns, then `fix: ...`.
    var textLine: String {
        let status = self.status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
        let name = self.name.padding(toLength: max(self.name.count, 10), withPad: " ", startingAt: 0)
        return "\(status)\(name) \(detail)" + (fix.map { "; fix: \($0)" } ?? "")
    }

    /// The JSON line: `{"check":...,"status":"OK|WARN|FAIL","detail":...,"fix":...}` (`fix`
    /// only for WARN and FAIL).
    var jsonLine: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("check")
        writer.string(name)
        writer.key("status")
        writer.string(status.rawValue)
        writer.key("detail")
        writer.string(detail)
        if let fix {
            writer.key("fix")
            writer.string(fix)
        }
        writer.endObject()
        return writer.string
    }
}
