import NIOCore
import Testing
@testable import CTIProtocol

/// decode(encode(x)) == x and encode(decode(b)) == b over every message description, with
/// random field values.
@Suite struct RoundTripPropertyTests {
    let catalog = MessageCatalog.standard

    @Test(arguments: ProtocolVersion.supported)
    func everyLayoutRoundTripsRandomValues(version: ProtocolVersion) throws {
        var rng = SplitMix64(seed: 0xC71 + UInt64(version.number))
        let catalog = catalog.forVersion(version)
        let random = RandomMessage(catalog: catalog)
        let encoder = CTIMessageEncoder(version: version)
        let decoder = CTIMessageDecoder(version: version)
        var checked = 0
        let layouts = catalog.messages.filter { $0.hasLayout && $0.arrivesIn == nil }
        #expect(layouts.count > 140)
        for descriptor in layouts {
            for _ in 0..<40 {
                let original = random.fields(for: descriptor, using: &rng)
                let frame = try encoder.encode(.fields(original))
                var stream = frame
                var framer = CTIFrameDecoder()
                let decodedFrame = try #require(try framer.decode(buffer: &stream))
                #expect(stream.readableBytes == 0)
                let decoded = try decoder.decode(decodedFrame)
                #expect(decoded == .fields(original), "\(descriptor.name): decode(encode(x)) != x")
                let reencoded = try encoder.encode(decoded)
                #expect(reencoded == frame, "\(descriptor.name): encode(decode(b)) != b")
                checked += 1
            }
        }
        #expect(checked == 40 * layouts.count)
    }

    @Test func messagesWithoutLayoutKeepTheirBodyAndReencodeIt() throws {
        var rng = SplitMix64(seed: 7)
        let random = RandomMessage(catalog: catalog)
        let noLayout = catalog.messages.filter { !$0.hasLayout }
        #expect(!noLayout.isEmpty)
        for descriptor in noLayout {
            let body = random.bytes(upTo: 40, using: &rng)
            let message = try CTIMessageDecoder().decode(wireType: descriptor.typeID, body: body)
            #expect(message == .opaque(descriptor, body: body))
            let frame = try CTIMessageEncoder().encode(message)
            #expect(frame == CTIFrame(type: descriptor.typeID, body: body).bytes)
        }
    }

    @Test func unknownTypesDecodeAsUnknownWithTheirBody() throws {
        let body = ByteBuffer(bytes: [1, 2, 3])
        for type: UInt32 in [0, 66, 267, 300, 0xFFFF_FFFF] {
            let message = try CTIMessageDecoder().decode(wireType: type, body: body)
            #expect(message == .unknown(type: type, body: body))
            #expect(message.name == "UNKNOWN")
            #expect(try CTIMessageEncoder().encode(message) == CTIFrame(type: type, body: body).bytes)
        }
    }

    @Test func pv24NumberingMovesTheNetworkRecordingMessages() throws {
        var pv24 = ProtocolVersion.v24
        pv24.numbering = .pv24
        let started = try #require(catalog.descriptor(named: "NETWORK_RECORDING_STARTED_EVENT"))
        #expect(started.typeID == 272)
        #expect(catalog.descriptor(wireType: 271, version: pv24) === started)
        #expect(catalog.wireType(of: started, version: pv24) == 271)
        #expect(catalog.descriptor(wireType: 275, version: pv24) == nil)
        #expect(catalog.descriptor(wireType: 272, version: .v24) === started, "PV25 numbering is the default")
    }
}
