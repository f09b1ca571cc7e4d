import Foundation
import Testing
@testable import CTIProtocol

/// The version history (`spec/protocol-versions.json`, issue 20) is consistent with itself and with
/// the catalogue it is applied to: every entry names something the baseline spec has, at a version
/// `cti` speaks, citing sources that exist.
@Suite struct VersionHistoryTests {
    let history = VersionHistory.standard
    let catalog = MessageCatalog.standard

    /// The repository's `spec/protocol-versions.json`, when the checkout is beside the tests.
    static let versionsFile: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../spec/protocol-versions.json").standardized
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    @Test(.enabled(if: VersionHistoryTests.versionsFile != nil, "needs spec/protocol-versions.json"))
    func embeddedHistoryMatchesTheFile() throws {
        let text = try String(contentsOf: try #require(VersionHistoryTests.versionsFile), encoding: .utf8)
        #expect(EmbeddedSpec.protocolVersionsJSON == text.trimmingCharacters(in: .newlines), "run scripts/embed-spec.py")
    }

    @Test func baselineIsTheSpecsVersion() {
        #expect(history.baseline == 25)
        #expect(history.baseline == catalog.version)
        #expect(!catalog.isRestricted)
    }

    @Test func everyReleaseFrom20To25IsListedOnceOldestFirst() throws {
        #expect(history.releases.map(\.number) == Array(20...25))
        #expect(history.releases.map(\.number) == ProtocolVersion.supported.map(\.number))
        // Issue 20: UCCE 11.5, 11.6, 12.0, 12.5, 12.6 and 15.0.
        #expect(history.releases.map(\.ucce) == ["11.5", "11.6", "12.0", "12.5", "12.6", "15.0"])
        for release in history.releases {
            #expect(!release.summary.isEmpty, "\(release.number)")
            #expect(!release.sources.isEmpty, "\(release.number)")
            #expect(history.release(release.number)?.ucce == release.ucce)
        }
        #expect(history.release(19) == nil)
    }

    /// `since` means "absent before": 20 is the floor (nothing is absent from it relative to
    /// itself), and nothing can arrive after the baseline.
    @Test func everySinceIsAfterTheOldestVersionAndAtMostTheBaseline() {
        #expect(!history.arrivals.isEmpty)
        for arrival in history.arrivals {
            #expect((21...25).contains(arrival.since), "\(arrival.subject): since \(arrival.since)")
        }
        #expect((21...25).reduce(0) { $0 + history.arrivals(in: $1).count } == history.arrivals.count)
        for retirement in history.retirements {
            #expect((20...24).contains(retirement.until), "\(retirement.table) \(retirement.value): until \(retirement.until)")
        }
    }

    @Test func noSubjectArrivesTwice() {
        var seen: [VersionHistory.Subject: UInt32] = [:]
        for arrival in history.arrivals {
            #expect(seen[arrival.subject] == nil, "\(arrival.subject): since \(seen[arrival.subject] ?? 0) and \(arrival.since)")
            seen[arrival.subject] = arrival.since
        }
    }

    /// Exact names: `descriptor(named:)` would also accept other spellings.
    private func message(_ name: String) -> MessageDescriptor? { catalog.messages.first { $0.name == name } }

    @Test func everySubjectNamesSomethingOfTheStandardCatalogue() throws {
        var checked = (messages: 0, fixed: 0, floating: 0, tags: 0, values: 0)
        for arrival in history.arrivals {
            switch arrival.subject {
            case .message(let name):
                #expect(message(name) != nil, "no message \(name)")
                checked.messages += 1
            case .fixedField(let name, let field):
                let descriptor = try #require(message(name), "no message \(name)")
                #expect(descriptor.fixed.contains { $0.name == field }, "\(name) has no fixed field \(field)")
                checked.fixed += 1
            case .floatingField(let name, let field):
                let descriptor = try #require(message(name), "no message \(name)")
                // OPEN_REQ.UniqueInstanceID is in the layout without a known tag (messages.json tag null).
                #expect(descriptor.floating.contains { $0.name == field } || descriptor.untaggedFields.contains(field),
                        "\(name) has no floating field \(field)")
                checked.floating += 1
            case .tag(let tag):
                #expect(catalog.tags[tag] != nil, "no tag \(tag) in the tag table")
                checked.tags += 1
            case .value(let table, let value):
                let enumTable = try #require(catalog.enumTable(named: table), "no table \(table)")
                #expect(enumTable.name(of: value) != nil, "\(table) has no value \(value)")
                checked.values += 1
            }
        }
        // Every kind occurs, so each branch above is exercised by the data.
        #expect(checked.messages > 0 && checked.fixed > 0 && checked.floating > 0 && checked.tags > 0 && checked.values > 0)
        for retirement in history.retirements {
            #expect(catalog.enumTable(named: retirement.table) != nil, "no table \(retirement.table)")
            #expect(!retirement.name.isEmpty)
        }
    }

    /// The `[KEY]`s a text cites.
    private static func citedKeys(_ text: String) -> [String] {
        text.matches(of: /\[([A-Z][A-Z0-9-]*)\]/).map { String($0.output.1) }
    }

    @Test func everyCitedSourceKeyExists() {
        var texts = history.arrivals.map(\.source) + history.retirements.map(\.source)
        texts += history.releases.flatMap { $0.sources + [$0.summary] }
        var cited: Set<String> = []
        for text in texts {
            for key in Self.citedKeys(text) {
                #expect(history.sources[key] != nil, "[\(key)] is not a key of sources, in: \(text)")
                cited.insert(key)
            }
        }
        #expect(cited.contains("PV24-CHANGES"))
        #expect(Self.citedKeys("see [PV24-CHANGES] and [UCCE-CTIDRIVER], not [a] or []") == ["PV24-CHANGES", "UCCE-CTIDRIVER"])
        for (key, text) in history.sources { #expect(!text.isEmpty, "source \(key) is empty") }
    }

    @Test func retiredValuesAreNamedOnlyInTheVersionsThatHaveThem() throws {
        #expect(!history.retirements.isEmpty)
        #expect(catalog.forVersion(25) === catalog)
        for retirement in history.retirements {
            let standard = try #require(catalog.enumTable(named: retirement.table))
            #expect(standard.name(of: retirement.value) == nil, "\(retirement.name) is still in the baseline")
            for version in UInt32(20)...25 {
                let table = try #require(catalog.forVersion(version).enumTable(named: retirement.table))
                let expected = version <= retirement.until ? retirement.name : nil
                #expect(table.name(of: retirement.value) == expected, "protocol \(version): \(retirement.table) \(retirement.value)")
            }
        }
        // The PV25 list: PT_ASPECT, PT_SYMPOSIUM and PT_SIMPLIFIED_IPCC, named up to 24.
        let peripheralTypes = try #require(catalog.forVersion(24).enumTable(named: "PeripheralType"))
        #expect(peripheralTypes.name(of: 1) == "PT_ASPECT")
        #expect(peripheralTypes.name(of: 16) == "PT_SYMPOSIUM")
        #expect(peripheralTypes.name(of: 23) == "PT_SIMPLIFIED_IPCC")
        #expect(history.retiredValues(in: 25).isEmpty)
        #expect(history.retiredValues(in: 24)["PeripheralType"]?.count == 3)
    }

    @Test func missingFromTheBaselineIsNothingAndFromTheOldestEverything() {
        #expect(history.missing(from: 25).isEmpty)
        let fromOldest = history.missing(from: 20)
        #expect(fromOldest.count == history.arrivals.count)
        for arrival in history.arrivals {
            #expect(fromOldest[arrival.subject] == arrival.since, "\(arrival.subject)")
        }
        for version in UInt32(20)...25 {
            let expected = Dictionary(history.arrivals.filter { $0.since > version }.map { ($0.subject, $0.since) }, uniquingKeysWith: min)
            #expect(history.missing(from: version) == expected, "protocol \(version)")
        }
    }
}
