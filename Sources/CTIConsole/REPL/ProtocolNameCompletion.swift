import ArgumentParser
import CTIProtocol

/// The protocol's names as completions, from ``MessageCatalog/standard``: message names, mask
/// names (the last name of a list `A,B` or `A|B`), and a message's fields (`Field=`, then the
/// names of the field's enum or mask). Shells reach them through the `completion:` kinds below;
/// the REPL through the same kinds (``LineCompletion``).
enum ProtocolNameCompletion {
    /// Names starting with `prefix`, case-insensitive.
    static func names(_ names: some Sequence<String>, startingWith prefix: some StringProtocol) -> [String] {
        let lowered = prefix.lowercased()
        return names.filter { $0.lowercased().hasPrefix(lowered) }
    }

    /// Every message name.
    static var messageNames: [String] { MessageCatalog.standard.messages.map(\.name) }

    /// The messages a client sends (`send`).
    static var requestNames: [String] { MessageCatalog.standard.messages.filter { $0.direction != .serverToClient }.map(\.name) }

    /// The messages that can be built (`encode`).
    static var buildableNames: [String] { MessageCatalog.standard.messages.filter(\.hasLayout).map(\.name) }

    /// Every mask name of the four masks (`describe masks NAME`).
    static var maskNames: [String] {
        let catalog = MessageCatalog.standard
        return [catalog.serviceMask, catalog.callEventMask, catalog.agentStateMask, catalog.configMask].flatMap { $0.entries.map(\.name) }
    }

    /// `word` is a list of names joined by `,` or `|` (as ``MaskParser`` and `--filter` read
    /// them): the whole words its last name can complete to, the names before it kept.
    static func list(of names: [String], completing word: String) -> [String] {
        let split = word.lastIndex { $0 == "," || $0 == "|" }.map(word.index(after:)) ?? word.startIndex
        let kept = word[..<split]
        let typed = Set(word[..<split].split { $0 == "," || $0 == "|" }.map { $0.uppercased() })
        return Self.names(names, startingWith: word[split...]).filter { !typed.contains($0.uppercased()) }.map { kept + $0 }
    }

    /// `Field=value` words of the message named among `words` (the first word that names one):
    /// field names with `=` while no `=` is typed, then the names of the field's enum or mask.
    static func fieldAssignments(words: [String], completing word: String) -> [String] {
        let catalog = MessageCatalog.standard
        guard let message = words.lazy.compactMap({ catalog.descriptor(named: $0) }).first else { return [] }
        guard let equals = word.firstIndex(of: "=") else {
            return names(message.fieldNames, startingWith: word).map { $0 + "=" }
        }
        let field = word[..<equals]
        let table = message.fixed.first { $0.name.lowercased() == field.lowercased() }?.enumTable
            ?? message.floating.first { $0.name.lowercased() == field.lowercased() }?.enumTable
        guard let table else { return [] }
        let value = String(word[word.index(after: equals)...])
        let values = table.isMask ? list(of: table.entries.map(\.name), completing: value) : names(table.entries.map(\.name), startingWith: value)
        return values.map { word[...equals] + $0 }
    }
}

extension CompletionKind {
    /// A mask option (`--services`, `--call-mask`, ...): the names of `table`, in lists too.
    static func maskNames(_ table: @escaping @Sendable (MessageCatalog) -> EnumTable) -> CompletionKind {
        .custom { _, _, prefix in ProtocolNameCompletion.list(of: table(.standard).entries.map(\.name), completing: prefix) }
    }

    /// `send NAME`: the requests, listed in the completion scripts.
    static var requestNames: CompletionKind { .list(ProtocolNameCompletion.requestNames) }

    /// `encode NAME`: the messages that can be built, listed in the completion scripts.
    static var buildableMessageNames: CompletionKind { .list(ProtocolNameCompletion.buildableNames) }

    /// `--filter NAME,NAME`: message names, in lists too.
    static var messageNameList: CompletionKind {
        .custom { _, _, prefix in ProtocolNameCompletion.list(of: ProtocolNameCompletion.messageNames, completing: prefix) }
    }

    /// `Field=value` after a message name.
    static var fieldAssignments: CompletionKind {
        .custom { words, _, prefix in ProtocolNameCompletion.fieldAssignments(words: words, completing: prefix) }
    }

    /// `describe TOPIC NAME`: mask names after `masks`, message names otherwise.
    static var describedName: CompletionKind {
        .custom { words, _, prefix in
            ProtocolNameCompletion.names(words.contains("masks") ? ProtocolNameCompletion.maskNames : ProtocolNameCompletion.messageNames,
                                         startingWith: prefix)
        }
    }
}
