import CTIProtocol

/// The checks of one `cti doctor` run, and what they add up to: the exit status and the
/// summary line.
struct DoctorReport: Sendable {
    var checks: [DoctorCheck] = []
    /// Whether any side could be reached at all (TCP); none: exit 2.
    var reachedAnything = false

    mutating func add(_ check: DoctorCheck) { checks.append(check) }

    func count(_ status: DoctorCheck.Status) -> Int { checks.filter { $0.status == status }.count }

    /// The worst status of all checks.
    var status: DoctorCheck.Status { checks.map(\.status).max() ?? .ok }

    /// 0 when nothing failed, 1 when a check failed, 2 when no side could be reached at all.
    var exitCode: Int32 {
        if !reachedAnything { return 2 }
        return status == .fail ? 1 : 0
    }

    /// The last text line: `doctor: 7 OK, 1 WARN, 0 FAIL`.
    var summaryText: String {
        "doctor: \(count(.ok)) OK, \(count(.warn)) WARN, \(count(.fail)) FAIL"
            + (reachedAnything ? "" : " (no side reachable)")
    }

    /// The last JSON line: `{"summary":{"OK":7,"WARN":1,"FAIL":0},"status":"WARN","exit":0}`.
    var summaryJSON: String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("summary")
        writer.beginObject()
        for status in [DoctorCheck.Status.ok, .warn, .fail] {
            writer.key(status.rawValue)
            writer.number(count(status))
        }
        writer.endObject()
        writer.key("status")
        writer.string(status.rawValue)
        writer.key("exit")
        writer.number(exitCode)
        writer.endObject()
        return writer.string
    }
}
