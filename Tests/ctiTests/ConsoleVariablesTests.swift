import Testing
@testable import CTIConsole

/// `$CALLID` and `$INVOKEID` in console lines: expanded by the tokenizer as a shell expands
/// variables (not inside single quotes), an unset one is an error naming what sets it.
@Suite struct ConsoleVariablesTests {
    let set = ConsoleVariables(callID: 16777300, invokeID: 7)

    @Test(arguments: [
        ("call hold $CALLID --device 2001", ["call", "hold", "16777300", "--device", "2001"]),
        ("call hold ${CALLID}x", ["call", "hold", "16777300x"]),
        (#"send X "Text=$INVOKEID""#, ["send", "X", "Text=7"]),
        ("send X 'Text=$CALLID'", ["send", "X", "Text=$CALLID"]),
        (#"send X Text=\$CALLID"#, ["send", "X", "Text=$CALLID"]),
        ("send X Text=$HOME $ ${ ${CALLID", ["send", "X", "Text=$HOME", "$", "${", "${CALLID"]),
    ])
    func variablesExpandOutsideSingleQuotes(line: String, words: [String]) throws {
        #expect(try LineTokenizer.words(line, variables: set) == words)
    }

    @Test func anUnsetVariableSaysWhatSetsIt() {
        #expect(throws: LineTokenizer.Failure(description: "$CALLID is not set yet: a request's confirmation, `persistent make` or `wait` sets it")) {
            try LineTokenizer.words("call hold $CALLID", variables: ConsoleVariables())
        }
        #expect(throws: LineTokenizer.Failure(description: "$INVOKEID is not set yet: the first request sets it")) {
            try LineTokenizer.words("x $INVOKEID", variables: ConsoleVariables(callID: 1))
        }
    }
}
