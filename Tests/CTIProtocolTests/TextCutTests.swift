import Testing
@testable import CTIProtocol

/// ``TextCut``: a value's text form cut to a width in Unicode scalars, the ellipsis and the
/// closing delimiter included, escapes kept whole.
@Suite struct TextCutTests {
    /// `text` after `prefix`, cut to `width`.
    func cut(_ text: String, width: Int, after prefix: String = "key=") -> String {
        var bytes = Array((prefix + text).utf8)
        TextCut.cut(&bytes, from: prefix.utf8.count, toScalars: width)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func textThatFitsIsLeftAsItIs() {
        #expect(cut("abcd", width: 4) == "key=abcd")
        // Six bytes, three scalars.
        #expect(cut("ééé", width: 3) == "key=ééé")
        #expect(cut("", width: 0) == "key=")
    }

    @Test func longTextKeepsItsStartAndAnEllipsis() {
        #expect(cut("abcdef", width: 4) == "key=abc…")
        #expect(cut("ééééé", width: 3) == "key=éé…")
        #expect(cut(String(repeating: "9", count: 64), width: 42) == "key=" + String(repeating: "9", count: 41) + "…")
    }

    @Test func quotesBracketsAndBracesAreClosed() {
        #expect(cut(#""abcdef""#, width: 6) == #"key="abc…""#)
        #expect(cut("[1,2,3,4,5]", width: 6) == "key=[1,2…]")
        #expect(cut("{a=1 b=2 c=3}", width: 8) == "key={a=1 b…}")
    }

    @Test func anEscapeIsKeptWholeOrLeftOut() {
        // Cut after `\` of `\"`: the escape goes.
        #expect(cut(#""ab\"cd""#, width: 6) == #"key="ab…""#)
        // Cut inside `\x1f`.
        #expect(cut(#""a\x1fbcd""#, width: 6) == #"key="a…""#)
        // An escaped backslash before the cut stays.
        #expect(cut(#""a\\bcdefg""#, width: 7) == #"key="a\\b…""#)
    }
}
