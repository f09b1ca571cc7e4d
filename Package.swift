// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "cti",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cti", targets: ["cti"]),
        .executable(name: "cti-bench", targets: ["cti-bench"]),
        .library(name: "CTIProtocol", targets: ["CTIProtocol"]),
        .library(name: "CTIClient", targets: ["CTIClient"]),
        .library(name: "CTISimulator", targets: ["CTISimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
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
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .executableTarget(
            name: "cti",
            dependencies: [
                "CTIProtocol",
                "CTIClient",
                "CTISimulator",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "cti-bench",
            dependencies: [
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
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
                "CTISimulator",
                "CTIProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
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
            name: "ctiTests",
            dependencies: ["cti", "CTIProtocol", "CTIClient", "CTISimulator"],
            exclude: ["Fixtures"]
        ),
    ]
)
