import CTIProtocol

/// What an `expect` step waits for: a request of one type whose fields include the given ones
/// (a subset: fields not named may hold anything).
public struct ExpectedRequest: Hashable, Sendable {
    /// The request's message name, e.g. `MAKE_CALL_REQ`.
    public var name: String
    /// The fields that must match, as built by ``FieldAssignment`` (`cti encode`'s syntax).
    public var fields: MessageFields?
    /// The `Field=value` words the fields were built from, for the step's description.
    public var assignments: [String]

    /// `name` with the `Field=value` words of `assignments`, parsed as `cti encode` parses them.
    public init(name: String, assignments: [String] = []) throws(CTIEncodeError) {
        self.name = name
        self.assignments = assignments
        self.fields = assignments.isEmpty ? nil : try FieldAssignment().build(name, assignments: assignments)
        if assignments.isEmpty { _ = try MessageFields(named: name) }
    }

    /// `nil` when `message` is what is expected, else what differs (`got CLEAR_CALL_REQ`,
    /// `DialedNumber is "5550000"`).
    public func mismatch(_ message: CTIMessage) -> String? {
        guard message.name == name else { return "got \(message.name)" }
        guard let expected = fields else { return nil }
        guard let received = message.fields else { return "got \(message.name) without readable fields" }
        let descriptor = expected.descriptor
        for assignment in assignments {
            let key = String(assignment.prefix { $0 != "=" })
            if let index = descriptor.fixedIndex(named: key) {
                let want = expected.fixedValue(at: index), got = received.fixedValue(at: index)
                if want != got { return "\(descriptor.fixed[index].name) is \(got), expected \(want)" }
            } else if let spec = descriptor.floatingSpec(named: key) {
                let wanted = expected.floating.filter { $0.tag == spec.tag }.map(\.value)
                let got = received.floating.filter { $0.tag == spec.tag }.map(\.value)
                for value in wanted where !got.contains(value) {
                    return "\(spec.name) is \(got.map(Self.text).joined(separator: ", ").ifEmpty("absent")), expected \(Self.text(value))"
                }
            }
        }
        return nil
    }

    /// A value as a log line shows it.
    private static func text(_ value: FieldValue) -> String {
        if let text = value.text { return "\"\(text)\"" }
        if let number = value.number { return "\(number)" }
        return "\(value)"
    }
}

private extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
