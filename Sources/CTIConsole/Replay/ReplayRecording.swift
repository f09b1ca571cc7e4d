import CTICapture
import CTIProtocol
import CTISimulator
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The recorded session `cti simulate --replay FILE` plays (issue 19): a pcap (`watch --record
/// x.pcap`, the proxy's, any capture ``CaptureDecoder`` reads) or a raw recording (frames back
/// to back, as `watch --record` and the proxy write them).
struct ReplayRecording {
    /// Why a file cannot be replayed (exit 65).
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var frames: [RecordedFrame]
    /// Whether the frames carry capture times (a pcap).
    var hasTimes: Bool

    /// Reads `path`: a capture file if libpcap reads it, else a raw recording. Of a capture,
    /// the `connection`-th CTI connection (1-based) that has an OPEN_REQ; `nil`: the first.
    static func load(path: String, connection: Int?, serverPorts: CTIServerPorts = .defaults,
                     version: ProtocolVersion = .v25) throws -> ReplayRecording {
        let reader: CaptureFileReader
        do {
            reader = try CaptureFileReader(path: path)
        } catch let error {
            guard case .notACapture = error.problem else { throw Failure(description: "\(error)") }
            return try loadRaw(path: path, version: version)
        }
        return try loadCapture(reader, path: path, connection: connection ?? 1, serverPorts: serverPorts, version: version)
    }

    private static func loadCapture(_ reader: CaptureFileReader, path: String, connection wanted: Int,
                                    serverPorts: CTIServerPorts, version: ProtocolVersion) throws -> ReplayRecording {
        var decoder = CaptureDecoder(serverPorts: serverPorts, version: version)
        var byConnection: [Int: [RecordedFrame]] = [:]
        var opening: [Int] = []
        var first: CaptureTime?
        func handle(_ event: CaptureEvent) {
            guard case .frame(let captured) = event else { return }
            let start = first ?? captured.time
            first = start
            let number = captured.connection.number
            let fromClient = captured.direction == .clientToServer
            if fromClient, !opening.contains(number),
               MessageCatalog.standard.descriptor(wireType: captured.frame.type, version: version)?.name == "OPEN_REQ" {
                opening.append(number)
            }
            let time = TimeAmount.seconds(captured.time.seconds - start.seconds) + .nanoseconds(Int64(captured.time.nanoseconds) - Int64(start.nanoseconds))
            byConnection[number, default: []].append(RecordedFrame(frame: captured.frame, fromClient: fromClient, time: time))
        }
        do {
            while let packet = try reader.next() { decoder.receive(packet, linkType: reader.linkType, handle) }
        } catch {
            throw Failure(description: "\(error)")
        }
        decoder.finish(handle)
        guard !opening.isEmpty else { throw Failure(description: "\(path): no CTI connection with an OPEN_REQ in the capture") }
        guard wanted <= opening.count else {
            throw Failure(description: "\(path): --replay-connection \(wanted): the capture has \(opening.count) connection(s) with an OPEN_REQ")
        }
        return ReplayRecording(frames: byConnection[opening[wanted - 1]] ?? [], hasTimes: true)
    }

    private static func loadRaw(path: String, version: ProtocolVersion) throws -> ReplayRecording {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(description: "\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = ByteBuffer()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count < 0 { throw Failure(description: "\(path): read failed: \(String(cString: strerror(errno)))") }
                break
            }
            bytes.writeBytes(chunk[..<count])
        }
        var frames: [RecordedFrame] = []
        var decoder = CTIFrameDecoder()
        do {
            while let frame = try decoder.decodeLast(buffer: &bytes, seenEOF: true) {
                let type = MessageCatalog.standard.descriptor(wireType: frame.type, version: version)
                guard type != nil else {
                    throw Failure(description: "\(path): not a capture file nor a raw recording: frame \(frames.count + 1) has unknown MessageType \(frame.type)")
                }
                frames.append(RecordedFrame(frame: frame, fromClient: RecordedFrame.isFromClient(type), time: nil))
            }
        } catch let error as CTIFramingError {
            throw Failure(description: "\(path): not a capture file nor a raw recording: \(error)")
        }
        guard bytes.readableBytes == 0, !frames.isEmpty else {
            throw Failure(description: "\(path): not a capture file nor a raw recording (\(frames.isEmpty ? "no frame" : "\(bytes.readableBytes) bytes after the last frame"))")
        }
        return ReplayRecording(frames: frames, hasTimes: false)
    }
}

extension ReplaySpeed {
    /// `--speed`: a number > 0, or `max`.
    init?(argument: String) {
        if argument.lowercased() == "max" {
            self = .max
        } else if let factor = Double(argument), factor > 0, factor.isFinite {
            self = .factor(factor)
        } else {
            return nil
        }
    }
}
