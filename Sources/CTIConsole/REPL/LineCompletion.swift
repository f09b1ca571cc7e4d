import ArgumentParser
import Foundation
import NIOConcurrencyHelpers

/// Tab completion of a console line by context, derived from the `cti` command tree: the first
/// word completes commands, a command's next words its subcommands, `-` its options and flags, an
/// option's value and a positional argument what their `completion:` kind gives (a list, the
/// values of an enum, or a custom function run the way shells run it, `cti ---completion ...`).
/// Values of any other kind complete to `seen`: call IDs, agent IDs and devices seen in events.
///
/// Subcommands come from the command types; a command's arguments from the description
/// swift-argument-parser gives of it (`--experimental-dump-help`), made for the command being
/// completed only (describing the whole tree takes seconds in a debug build).
struct LineCompletion {
    /// A command as swift-argument-parser describes it (the subset completion reads).
    struct Command: Decodable {
        var arguments: [Argument]?
    }

    struct Argument: Decodable, Equatable {
        struct Name: Decodable, Equatable {
            var kind: String
            var name: String

            /// As typed: `--long`, `-s`.
            var spelling: String { kind == "long" ? "--" + name : "-" + name }
        }

        enum Kind: String, Decodable {
            case positional, option, flag
        }

        var kind: Kind
        var shouldDisplay: Bool
        var isRepeating: Bool
        var names: [Name]?
        var preferredName: Name?
        var allValues: [String]?
        var completionKind: CompletionKindDescription?
    }

    /// An argument's `completion:` kind: `{"list": {"values": [...]}}`, `{"custom": {}}`, ...
    struct CompletionKindDescription: Decodable, Equatable {
        struct Values: Decodable, Equatable {
            var values: [String]
        }

        var list: Values?
        var custom: [String: String]?
    }

    private struct Tool: Decodable {
        var command: Command
    }

    let root: any ParsableCommand.Type

    /// The tree of `cti`.
    static let cti = LineCompletion(root: CTI.self)

    /// Commands described so far.
    private static let described = NIOLockedValueBox<[ObjectIdentifier: Command]>([:])

    /// `type`'s arguments as swift-argument-parser describes them.
    static func describe(_ type: any ParsableCommand.Type) -> Command {
        if let known = described.withLockedValue({ $0[ObjectIdentifier(type)] }) { return known }
        let command = (try? JSONDecoder().decode(Tool.self, from: Data(type._dumpHelp().utf8)).command) ?? Command()
        described.withLockedValue { $0[ObjectIdentifier(type)] = command }
        return command
    }

    /// The subcommands of `type` people see, and the parser's own `help` on the root.
    func subcommandNames(of type: any ParsableCommand.Type) -> [String] {
        let shown = type.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        return shown + (ObjectIdentifier(type) == ObjectIdentifier(root) ? ["help"] : [])
    }

    /// The whole words the last word of `line` (the text before the cursor) can become.
    func candidates(lineBeforeCursor line: String, seen: [String] = []) -> [String] {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let endsWord = line.last.map { $0 == " " || $0 == "\t" } ?? true
        let done = endsWord ? words : Array(words.dropLast())
        let word = endsWord ? "" : words.last!

        var type = root
        var path: [String] = []
        var rest = done[...]
        while let next = rest.first, let sub = type.configuration.subcommands.first(where: { $0._commandName == next }) {
            type = sub
            path.append(next)
            rest = rest.dropFirst()
        }
        if rest.isEmpty, !type.configuration.subcommands.isEmpty, !word.hasPrefix("-") {
            return ProtocolNameCompletion.names(subcommandNames(of: type), startingWith: word)
        }
        let command = Self.describe(type)
        var positionals = 0
        var awaitingValue: Argument?
        var afterTerminator = false
        for typed in rest {
            if awaitingValue != nil {
                awaitingValue = nil
            } else if typed == "--" {
                afterTerminator = true
            } else if !afterTerminator, typed.count > 1, typed.hasPrefix("-") {
                if let argument = command.argument(spelled: typed), argument.kind == .option, !typed.contains("=") { awaitingValue = argument }
            } else {
                positionals += 1
            }
        }

        let callWords = ["cti"] + done + [word]
        if let option = awaitingValue {
            return values(of: option, in: command, path: path, words: callWords, completing: word, seen: seen)
        }
        if word.hasPrefix("-") && !afterTerminator {
            let spellings = (command.arguments ?? []).filter { $0.kind != .positional && $0.shouldDisplay }.flatMap { $0.names ?? [] }.map(\.spelling)
            return ProtocolNameCompletion.names(spellings, startingWith: word).sorted()
        }
        let positional = (command.arguments ?? []).filter { $0.kind == .positional }
        guard let argument = positionals < positional.count ? positional[positionals] : positional.last.flatMap({ $0.isRepeating ? $0 : nil }) else {
            return []
        }
        return values(of: argument, in: command, path: path, words: callWords, completing: word, seen: seen)
    }

    /// What an option's value or a positional argument completes to.
    private func values(of argument: Argument, in command: Command, path: [String], words: [String], completing word: String,
                        seen: [String]) -> [String] {
        if let list = argument.completionKind?.list?.values ?? argument.allValues {
            return ProtocolNameCompletion.names(list, startingWith: word)
        }
        if argument.completionKind?.custom != nil, let name = command.completionName(of: argument) {
            return Self.custom(path: path, argument: name, words: words, completing: word)
        }
        return ProtocolNameCompletion.names(seen, startingWith: word)
    }

    /// Runs a custom completion function through the parser, as a shell does with
    /// `cti ---completion SUBCOMMAND... -- ARGUMENT INDEX CURSOR WORD...`.
    private static func custom(path: [String], argument: String, words: [String], completing word: String) -> [String] {
        let request = ["---completion"] + path + ["--", argument, String(words.count - 1), String(word.count)] + words
        do {
            _ = try CTI.parseAsRoot(request)
            return []
        } catch {
            return CTI.fullMessage(for: error).split(separator: "\n").map(String.init)
        }
    }
}

extension LineCompletion.Command {
    /// The option or flag `typed` names (`--name`, `--name=value`, `-n`).
    func argument(spelled typed: String) -> LineCompletion.Argument? {
        let spelling = typed.split(separator: "=", maxSplits: 1).first.map(String.init) ?? typed
        return arguments?.first { $0.names?.contains { $0.spelling == spelling } ?? false }
    }

    /// How `---completion` names an argument: its preferred name, or `positional@INDEX`.
    func completionName(of argument: LineCompletion.Argument) -> String? {
        if argument.kind == .positional {
            return (arguments ?? []).filter { $0.kind == .positional }.firstIndex(of: argument).map { "positional@\($0)" }
        }
        return argument.preferredName?.spelling
    }
}
