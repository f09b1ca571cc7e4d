import CTICapture

/// The counts `cti decode --pcap --stats` prints at the end, as tshark's `-z` tables do: per
/// connection (messages each way, gaps) and per message type (each way). Every decoded message
/// counts, shown by `--filter` or not.
struct CaptureStatistics {
    struct Counts {
        var clientToServer = 0
        var serverToClient = 0
        var total: Int { clientToServer + serverToClient }

        mutating func add(_ direction: CaptureDirection) {
            if direction == .clientToServer { clientToServer += 1 } else { serverToClient += 1 }
        }
    }

    struct ConnectionCounts {
        var connection: CTIConnection
        var messages = Counts()
        var gaps = 0
        var gapBytes: Int64 = 0
    }

    private(set) var connections: [ConnectionCounts] = []
    private(set) var types: [String: Counts] = [:]
    private(set) var undecodable = 0

    mutating func found(_ connection: CTIConnection) {
        connections.append(ConnectionCounts(connection: connection))
    }

    mutating func message(_ name: String, _ frame: CapturedFrame) {
        types[name, default: Counts()].add(frame.direction)
        update(frame.connection) { $0.messages.add(frame.direction) }
    }

    mutating func gap(_ gap: StreamGap, _ connection: CTIConnection) {
        update(connection) {
            $0.gaps += 1
            $0.gapBytes += gap.length
        }
    }

    /// The decoder numbers connections 1, 2, … in the order it reports them (``found(_:)``), so
    /// connection `n` is entry `n - 1`: no search per message.
    private mutating func update(_ connection: CTIConnection, _ change: (inout ConnectionCounts) -> Void) {
        let index = connection.number - 1
        guard connections.indices.contains(index), connections[index].connection.number == connection.number else { return }
        change(&connections[index])
    }

    /// The tables, for `file` and the decoder's counters.
    func report(file: String, counters: CaptureCounters) -> String {
        let rule = String(repeating: "=", count: 80)
        var lines = [rule, "CTI capture statistics: \(file)"]
        let skipped = PacketSkipReason.allCases.compactMap { reason in counters.skipped[reason].map { "\($0) \(reason)" } }
        lines.append("Packets: \(counters.packets) (TCP segments: \(counters.tcpSegments), of other connections: \(counters.otherTCPSegments)"
            + (skipped.isEmpty ? "" : "; skipped: " + skipped.joined(separator: ", ")) + ")")
        lines.append("Messages: \(counters.frames), gaps: \(counters.gaps) (\(counters.gapBytes) bytes), bytes skipped: \(counters.skippedBytes)")
        lines.append("")
        lines.append("Connections: \(connections.count)")
        var table = [["#", "Client", "Server", "Side", "Messages", "client→server", "server→client", "Gaps", "Gap bytes"]]
        for entry in connections {
            table.append(["\(entry.connection.number)", entry.connection.client.description, entry.connection.server.description,
                          entry.connection.side?.rawValue ?? "-", "\(entry.messages.total)", "\(entry.messages.clientToServer)",
                          "\(entry.messages.serverToClient)", "\(entry.gaps)", "\(entry.gapBytes)"])
        }
        lines += Self.aligned(table)
        lines.append("")
        lines.append("Messages by type:")
        var byType = [["Type", "Total", "client→server", "server→client"]]
        for (name, counts) in types.sorted(by: { $0.key < $1.key }) {
            byType.append([name, "\(counts.total)", "\(counts.clientToServer)", "\(counts.serverToClient)"])
        }
        lines += Self.aligned(byType)
        lines.append(rule)
        return lines.joined(separator: "\n")
    }

    /// Rows in columns two spaces apart, indented by two.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }
            return "  " + cells.joined(separator: "  ").trimmingSuffix()
        }
    }
}

private extension String {
    func trimmingSuffix() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
