import CTIProtocol

extension CaptureContext {
    /// The keys a captured message's JSON object begins with: `time` (ISO 8601 UTC, microseconds),
    /// `packet` (left out for a message relayed live), `connection` (`number` for `cti proxy`'s
    /// connection number, `client`, `server` as `address:port`), `direction` (`client→server` or
    /// `server→client`) and `side` (`null` when the ports do not say).
    public func writeJSONKeys(into writer: inout JSONWriter) {
        writer.key("time")
        writer.string(timestamp)
        if let packet {
            writer.key("packet")
            writer.number(packet)
        }
        writer.key("connection")
        writer.beginObject()
        if let connection {
            writer.key("number")
            writer.number(connection)
        }
        writer.key("client")
        writer.string(client)
        writer.key("server")
        writer.string(server)
        writer.endObject()
        writer.key("direction")
        writer.string(direction)
        writer.key("side")
        if let side { writer.string(side.rawValue) } else { writer.null() }
    }

    /// What a captured message's text line begins with: the time of day (UTC, microseconds), the
    /// side (`-` for none), `#` and the connection number for a message relayed live, then the client, an arrow for the direction (`→` client to server,
    /// `←` server to client) and the server, each followed by a space.
    public func appendTextStamp(style: TextStyle, to line: inout [UInt8]) {
        style.paint("2", into: &line) { appendTimeOfDay(to: &$0) }
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: (side?.rawValue ?? "-").utf8)
        line.append(UInt8(ascii: " "))
        if let connection {
            line.append(UInt8(ascii: "#"))
            line.append(contentsOf: String(connection).utf8)
            line.append(UInt8(ascii: " "))
        }
        line.append(contentsOf: client.utf8)
        line.append(contentsOf: (fromClient ? " → " : " ← ").utf8)
        line.append(contentsOf: server.utf8)
        line.append(UInt8(ascii: " "))
    }
}
