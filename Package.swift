// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "cti",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cti", targets: ["cti"]),
        .executable(name: "cti-bench", targets: ["cti-bench"]),
        .executable(name: "cti-bench-allocations", targets: ["cti-bench-allocations"]),
        .library(name: "CTIProtocol", targets: ["CTIProtocol"]),
        .library(name: "CTIClient", targets: ["CTIClient"]),
        .library(name: "CTISimulator", targets: ["CTISimulator"]),
        .library(name: "CTIOutput", targets: ["CTIOutput"]),
        .library(name: "CTICapture", targets: ["CTICapture"]),
        .library(name: "CTIConsole", targets: ["CTIConsole"]),
        .library(name: "CTIProxy", targets: ["CTIProxy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", exact: "1.6.1"),
    ],
    targets: [
        .target(
            name: "CTIProtocol",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(
            name: "CTIClient",
            dependencies: [
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(
            name: "CTISimulator",
            dependencies: [
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // What the console shows, and how: output records, the format table (`-o`), the sink.
        .target(
            name: "CTIOutput",
            dependencies: [
                "CTIProtocol",
                "CTIClient",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .systemLibrary(
            name: "CLibPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"]), .brew(["libpcap"])]
        ),
        // Packet captures: libpcap files read and written, link layers, IPv4/IPv6, TCP
        // reassembly, CTI connections found in them, and the Wireshark dissector generator.
        .target(
            name: "CTICapture",
            dependencies: [
                "CTIProtocol",
                "CLibPcap",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // `cti proxy` (issue 19): the relay between CTI clients and servers, decoding both ways.
        .target(
            name: "CTIProxy",
            dependencies: [
                "CTIProtocol",
                "CTICapture",
                "CTIClient",
                "CTISimulator",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        // The console: command tree, REPL, scripts, output. A library so that tests and the
        // REPL line-parser fuzz target reach it; the `cti` executable only calls `CTI.start()`.
        .target(
            name: "CTIConsole",
            dependencies: [
                "CTIProtocol",
                "CTIClient",
                "CTIOutput",
                "CTICapture",
                "CTISimulator",
                "CTIProxy",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "cti",
            dependencies: ["CTIConsole"]
        ),
        // The codec work the benchmarks share, and random frames of every layout (also for the
        // dissector's check in ctiTests).
        .target(
            name: "CTIBenchSupport",
            dependencies: ["CTIProtocol", "CTIClient", "CTIOutput", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "cti-bench",
            dependencies: [
                "CTIProtocol",
                "CTIClient",
                "CTIOutput",
                "CTICapture",
                "CTISimulator",
                "CTIProxy",
                "CTIBenchSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Allocation counts, in a process of their own: the malloc interposer replaces malloc
        // for the whole process it is linked into, which would tax every figure of cti-bench.
        .executableTarget(
            name: "cti-bench-allocations",
            dependencies: [
                "CTIBenchSupport",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        // Test helpers shared by the test targets (a throwaway TLS CA, capture files made by hand).
        .target(
            name: "CTITestSupport",
            dependencies: ["CTICapture"],
            path: "Tests/CTITestSupport"
        ),
        .testTarget(
            name: "CTIProtocolTests",
            dependencies: [
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            resources: [.copy("FuzzRegressions")]
        ),
        .testTarget(
            name: "CTIClientTests",
            dependencies: [
                "CTIClient",
                "CTITestSupport",
                "CTISimulator",
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CTIOutputTests",
            dependencies: [
                "CTIOutput",
                "CTIClient",
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CTICaptureTests",
            dependencies: [
                "CTICapture",
                "CTITestSupport",
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // Read from the source tree by CaptureFuzzRegressionTests.
            exclude: ["FuzzRegressions"]
        ),
        .testTarget(
            name: "CTISimulatorTests",
            dependencies: [
                "CTISimulator",
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CTIProxyTests",
            dependencies: [
                "CTIProxy",
                "CTIProtocol",
                "CTIClient",
                "CTICapture",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ctiTests",
            dependencies: ["cti", "CTIConsole", "CTIOutput", "CTIProtocol", "CTIClient", "CTISimulator", "CTITestSupport", "CTIBenchSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
