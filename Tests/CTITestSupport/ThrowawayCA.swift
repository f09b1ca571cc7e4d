import Foundation

/// A certificate authority made for one test run with the `openssl` command: its certificate,
/// and certificates it signs for servers and clients, as PEM files in a fresh temporary
/// directory. Keys are P-256; everything is valid for one day.
public struct ThrowawayCA: Sendable {
    /// The directory holding every file; ``remove()`` deletes it.
    public let directory: String
    /// The CA's certificate (the file to trust).
    public let certificate: String
    private let key: String

    /// A certificate and its private key.
    public struct Issued: Sendable {
        public let certificate: String
        public let key: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Makes a CA named `name` in a new temporary directory.
    public init(name: String = "cti test CA") throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.directory = directory
        certificate = "\(directory)/ca.pem"
        key = "\(directory)/ca.key"
        try ThrowawayCA.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                 "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=\(name)",
                                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"])
    }

    /// A certificate for `commonName` with these subject alternative names (`DNS:localhost`,
    /// `IP:127.0.0.1`), signed by this CA.
    public func issue(_ commonName: String, alternativeNames: [String], file: String) throws -> Issued {
        let issued = Issued(certificate: "\(directory)/\(file).pem", key: "\(directory)/\(file).key")
        let request = "\(directory)/\(file).csr"
        let extensions = "\(directory)/\(file).ext"
        try ThrowawayCA.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                 "-keyout", issued.key, "-out", request, "-subj", "/CN=\(commonName)"])
        var lines = ["basicConstraints=CA:FALSE"]
        if !alternativeNames.isEmpty { lines.append("subjectAltName=" + alternativeNames.joined(separator: ",")) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: extensions, atomically: true, encoding: .utf8)
        try ThrowawayCA.openssl(["x509", "-req", "-in", request, "-CA", certificate, "-CAkey", key, "-CAcreateserial",
                                 "-out", issued.certificate, "-days", "1", "-extfile", extensions])
        return issued
    }

    /// A server certificate for 127.0.0.1 and localhost.
    public func issueLoopbackServer() throws -> Issued {
        try issue("localhost", alternativeNames: ["DNS:localhost", "IP:127.0.0.1"], file: "server")
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
