/// Decisions from `shared/spec/ERRATA.md` that the codec applies, kept as data.
enum Errata {
    /// Tags decoded as another tag of the message's layout; the encoder writes the layout tag.
    /// - AGENT_STATE_EVENT: CTIClientSignature arrives as CLIENT_SIGNATURE_TAG (3) or
    ///   CTI_CLIENT_SIGNATURE_TAG (23); the guide's table lists 3.
    /// - CONFIG_AGENT_EVENT / CONFIG_AGENT_SERVICE_EVENT: AgentSkillTargetID is listed at 141
    ///   and 185; 141 is encoded, both decode.
    static let tagAliases: [String: [UInt16: UInt16]] = [
        "AGENT_STATE_EVENT": [23: 3],
        "CONFIG_AGENT_EVENT": [185: 141],
        "CONFIG_AGENT_SERVICE_EVENT": [185: 141],
    ]

    /// FAILURE_CONF: "decode by body length" (8 or 10 bytes). CLEAR_CONNECTION_REQ: "accept both
    /// lengths" — the 16-byte guide form only where the 14-byte canonical one does not fit.
    static let alternateLayoutRule: [String: AlternateLayoutRule] = [
        "FAILURE_CONF": .bodyLength(10, layout: 0),
        "CLEAR_CONNECTION_REQ": .whenCanonicalFails,
    ]

    /// Tags whose data is a secret: rendered as length and `***`, never as bytes.
    /// CLIENT_PASSWORD_TAG (2) and AGENT_PASSWORD_TAG (49).
    static let secretTags: Set<UInt16> = [2, 49]

    /// Message names that mark a reserved or unassigned number, not a message.
    static let placeholderNames: Set<String> = ["RESERVED", "UNASSIGNED"]
}

/// How a decoder chooses between a message's canonical fixed layout and its alternatives
/// (`messages.json` `altFixed`, decided in `ERRATA.md`).
public enum AlternateLayoutRule: Hashable, Sendable {
    /// The alternative (by index in ``MessageDescriptor/alternateFixed``) exactly when the body
    /// has this length.
    case bodyLength(Int, layout: Int)
    /// An alternative only when the canonical layout cannot read the body (an error, or a
    /// required field missing) and the alternative can, with the fewest fields outside the layout.
    case whenCanonicalFails
}
