// swift-tools-version:6.1
//
// libFuzzer harnesses for CTIProtocol and for the console's line parser (CTIConsole). A separate
// package so that the main build never sees -sanitize=fuzzer. Build and run with ./run.sh (see README.md).
import PackageDescription

let package = Package(
    name: "cti-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "cti", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // The checks both harnesses run: decode, render, re-encode, round-trip property.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "CTIProtocol", package: "cti"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Declares libFuzzer's LLVMFuzzerRunDriver (see the harnesses' main.swift).
        .target(name: "CLibFuzzerDriver"),
        // Input: selector byte, then a byte stream cut into frames by CTIFrameDecoder.
        .executableTarget(
            name: "FuzzFrameDecoder",
            dependencies: ["FuzzSupport", "CLibFuzzerDriver"]
        ),
        // Input: selector byte, 4-byte wire type (big-endian), then the body.
        .executableTarget(
            name: "FuzzMessageDecoder",
            dependencies: ["FuzzSupport", "CLibFuzzerDriver"]
        ),
        // Input: a capture file (pcap or pcapng), read, reassembled and decoded as `cti decode --pcap`.
        .executableTarget(
            name: "FuzzCaptureReader",
            dependencies: [
                "CLibFuzzerDriver",
                .product(name: "CTICapture", package: "cti"),
                .product(name: "CTIProtocol", package: "cti"),
            ]
        ),
        // Input: selector byte (as FuzzFrameDecoder's), then one direction of a relayed
        // connection, cut by cti proxy's decode path (ProxyStreamTap) and masked as recorded.
        .executableTarget(
            name: "FuzzProxyTap",
            dependencies: [
                "CLibFuzzerDriver",
                "FuzzSupport",
                .product(name: "CTIProxy", package: "cti"),
                .product(name: "CTIProtocol", package: "cti"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Input: one console line (UTF-8, repaired like the console's readers repair it), parsed
        // by ConsoleLine.parse against the whole `cti` command tree; nothing is run.
        .executableTarget(
            name: "FuzzConsoleLine",
            dependencies: [
                "CLibFuzzerDriver",
                .product(name: "CTIConsole", package: "cti"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
