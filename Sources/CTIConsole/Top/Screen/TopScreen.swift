import CTIProtocol

/// What the full-screen `cti top` shows besides the model (issue 21): the agents' sort column
/// and the filter, changed by keys (``handle(_:)``), and each frame drawn from a ``TopModel``
/// (``frame(_:size:colored:)``). A value with no terminal in it, so tests drive it key by key.
struct TopScreen: Hashable, Sendable {
    /// The column the agent rows are sorted by; `s` cycles through them in this order.
    enum SortColumn: String, CaseIterable, Sendable {
        case agent = "AGENT", agentExtension = "EXTENSION", state = "STATE", time = "TIME", call = "CALL"
    }

    /// What a key asks of the view.
    enum Action: Equatable, Sendable {
        /// Draw again now (sort, filter or typed text changed).
        case redraw
        /// Leave.
        case quit
        /// Nothing to do.
        case none
    }

    /// Keys `cti top` reads (bytes of a terminal in raw mode).
    enum Key {
        static let quit = UInt8(ascii: "q")
        static let sort = UInt8(ascii: "s")
        static let filter = UInt8(ascii: "/")
        static let interrupt: UInt8 = 0x03
        static let escape: UInt8 = 0x1B
        static let enter: UInt8 = 0x0D
        static let newline: UInt8 = 0x0A
        static let backspace: UInt8 = 0x7F
        static let controlH: UInt8 = 0x08
    }

    var sort = SortColumn.agent
    /// The filter applied to every table (rows containing it, case-insensitive).
    var filter = ""
    /// The filter being typed after `/`, until Enter applies it or Esc clears it.
    var editing: String?

    /// Applies one key.
    mutating func handle(_ key: UInt8) -> Action {
        if key == Key.interrupt { return .quit }
        if var typed = editing {
            switch key {
            case Key.enter, Key.newline:
                filter = typed
                editing = nil
            case Key.escape:
                filter = ""
                editing = nil
            case Key.backspace, Key.controlH:
                if !typed.isEmpty { typed.removeLast() }
                editing = typed
            case 0x20..<0x7F:
                typed.append(Character(Unicode.Scalar(key)))
                editing = typed
            default:
                return .none
            }
            return .redraw
        }
        switch key {
        case Key.quit:
            return .quit
        case Key.sort:
            let all = SortColumn.allCases
            sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
            return .redraw
        case Key.filter:
            editing = ""
            return .redraw
        case Key.escape where !filter.isEmpty:
            filter = ""
            return .redraw
        default:
            return .none
        }
    }

    /// The agent rows (filtered) in the order of ``sort``; ties by AgentID. Unknown values last,
    /// the longest in state first.
    func agents(_ model: TopModel) -> [TopAgent] {
        func before(_ left: TopAgent, _ right: TopAgent) -> Bool? {
            switch sort {
            case .agent: nil
            case .agentExtension:
                left.agentExtension == right.agentExtension ? nil
                    : (left.agentExtension ?? "~").localizedStandardCompare(right.agentExtension ?? "~") == .orderedAscending
            case .state: left.stateName == right.stateName ? nil : left.stateName < right.stateName
            case .time: left.since == right.since ? nil : (left.since ?? .max) < (right.since ?? .max)
            case .call: left.callID == right.callID ? nil : (left.callID ?? .max) < (right.callID ?? .max)
            }
        }
        // agentRows is by AgentID: its order breaks the ties.
        return model.agentRows(filter: filter).enumerated()
            .sorted { before($0.element, $1.element) ?? ($0.offset < $1.offset) }
            .map(\.element)
    }

    // MARK: - Frames

    /// The terminal's size in character cells.
    struct Size: Hashable, Sendable {
        var columns: Int
        var rows: Int
    }

    /// One line of a frame: plain text, and the part of it painted in an SGR colour.
    struct Line: Equatable, Sendable {
        struct Paint: Equatable, Sendable {
            /// Characters of ``Line/text``.
            var range: Range<Int>
            /// The SGR parameter (`32`: green, `7`: reverse video).
            var code: String
        }

        var text: String
        var paint: Paint?
    }

    /// The lines of a frame, unclipped: the sort column, the filter, the session line and the
    /// keys, then agents, calls and
    /// skill groups; the agent states painted in their colours, the table headers in reverse video.
    func lines(_ model: TopModel) -> [Line] {
        var status = "sort \(sort.rawValue)"
        if let editing {
            status += "  filter: \(editing)_"
        } else if !filter.isEmpty {
            status += "  filter \(filter) (Esc clears)"
        }
        status += "  " + model.sessionLine + "  [q quit, s sort, / filter]"
        var lines = [Line(text: "cti top  " + status, paint: nil), Line(text: "", paint: nil)]
        func table(_ text: String, painting: (Int, String) -> Line.Paint? = { _, _ in nil }) {
            for (index, row) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let row = String(row)
                let paint = index == 0 ? Line.Paint(range: 0..<row.count, code: TopScreen.headerCode) : painting(index - 1, row)
                lines.append(Line(text: row, paint: paint))
            }
        }
        let agents = agents(model)
        table(model.agentTable(agents)) { index, row in
            let state = agents[index].stateName
            guard !state.isEmpty, let found = row.range(of: state) else { return nil }
            let start = row.distance(from: row.startIndex, to: found.lowerBound)
            return Line.Paint(range: start..<start + state.count, code: Self.colorCode(agents[index].state ?? 0))
        }
        lines.append(Line(text: "", paint: nil))
        table(model.callTable(model.callRows(filter: filter)))
        lines.append(Line(text: "", paint: nil))
        table(model.skillGroupTable(model.skillGroupRows(filter: filter)))
        return lines
    }

    /// One frame as the bytes of one write: cursor home, each line clipped to the width and
    /// followed by erase-to-end-of-line, the lines that do not fit dropped, then erase below.
    /// Nothing is cleared before it is drawn again, so the screen never shows a half-drawn frame.
    func frame(_ model: TopModel, size: Size, colored: Bool) -> [UInt8] {
        var bytes = Array(ANSI.home.utf8)
        for (index, line) in lines(model).prefix(max(1, size.rows)).enumerated() {
            if index > 0 { bytes.append(contentsOf: "\r\n".utf8) }
            let visible = Array(line.text.prefix(max(0, size.columns)))
            if colored, let paint = line.paint, paint.range.lowerBound < visible.count {
                let end = min(paint.range.upperBound, visible.count)
                bytes.append(contentsOf: String(visible[..<paint.range.lowerBound]).utf8)
                bytes.append(contentsOf: "\u{1B}[\(paint.code)m".utf8)
                bytes.append(contentsOf: String(visible[paint.range.lowerBound..<end]).utf8)
                bytes.append(contentsOf: ANSI.reset.utf8)
                bytes.append(contentsOf: String(visible[end...]).utf8)
            } else {
                bytes.append(contentsOf: String(visible).utf8)
            }
            bytes.append(contentsOf: ANSI.eraseLine.utf8)
        }
        bytes.append(contentsOf: ANSI.eraseBelow.utf8)
        return bytes
    }

    /// Reverse video, for the table headers.
    static let headerCode = "7"

    /// The colour of an AgentState (`constants.md` §9): green ready, red not ready, yellow on a
    /// call, cyan reserved, magenta in wrap-up, dim logged out or unknown.
    static func colorCode(_ state: UInt32) -> String {
        switch AgentState(rawValue: state) {
        case .available: "32"
        case .notReady: "31"
        case .talking, .hold, .busyOther, .active: "33"
        case .reserved: "36"
        case .workReady, .workNotReady: "35"
        default: "2"
        }
    }
}

/// The VT100 control sequences `cti top` uses (ECMA-48 / DEC private modes).
enum ANSI {
    static let home = "\u{1B}[H"
    static let eraseLine = "\u{1B}[K"
    static let eraseBelow = "\u{1B}[J"
    static let reset = "\u{1B}[0m"
    static let enterAlternateScreen = "\u{1B}[?1049h"
    static let leaveAlternateScreen = "\u{1B}[?1049l"
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
}
