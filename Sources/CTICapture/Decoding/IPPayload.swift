/// What an IP header says about its packet: the two addresses, and where the TCP segment is
/// (the bytes after the IP headers, up to the IP length: Ethernet padding is not part of it).
struct IPPayload {
    var source: IPAddress
    var destination: IPAddress
    var payload: Range<Int>
}
