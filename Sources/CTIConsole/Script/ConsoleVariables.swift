/// What a REPL or script remembers for later lines: `$CALLID` (the call of the last request's
/// confirmation, the last persistent call made, or the call of the event `wait` matched) and
/// `$INVOKEID` (the InvokeID of the last request). Expanded by ``LineTokenizer`` outside single
/// quotes, as a shell expands its variables; `${CALLID}` works too.
struct ConsoleVariables: Sendable, Equatable {
    var callID: UInt32?
    var invokeID: UInt32?

    /// The names the tokenizer expands; any other `$WORD` stays as typed.
    static let names = ["CALLID", "INVOKEID"]

    /// The value of `name`: `nil` for a name this type does not define; a failure for one
    /// defined but not set yet.
    func value(of name: String) throws(LineTokenizer.Failure) -> String? {
        switch name {
        case "CALLID":
            guard let callID else { throw LineTokenizer.Failure(description: "$CALLID is not set yet: a request's confirmation, `persistent make` or `wait` sets it") }
            return String(callID)
        case "INVOKEID":
            guard let invokeID else { throw LineTokenizer.Failure(description: "$INVOKEID is not set yet: the first request sets it") }
            return String(invokeID)
        default:
            return nil
        }
    }
}
