// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Limber",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "limber", targets: ["limber"]),
        .library(name: "LimberKit", targets: ["LimberKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `limber serve`. Hummingbird brings SwiftNIO, swift-log and swift-service-lifecycle; the
        // preview's server names them too, for its connection guard and its shutdown.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.14.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Debian's libyaml: Limber composes YAML from its events (Content/YAML.swift).
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // Non-variadic wrappers around the libvips calls Limber makes, which Swift cannot call;
        // libvips (Debian's libvips42) is loaded by them when a picture is first encoded.
        .target(name: "CVipsShim", linkerSettings: [.linkedLibrary("dl")]),
        // Limber's Mustache engine and the typed views templates read: no dependency, no C.
        .target(name: "LimberTemplates"),
        .target(
            name: "LimberKit",
            dependencies: [
                "LimberTemplates",
                "CCmarkGFM",
                "CQREncode",
                "CLibYAML",
                "CVipsShim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The default theme, compiled into the binary: `Theme` is a link to `templates/`.
            resources: [.embedInCode("Theme")]
        ),
        .executableTarget(
            name: "limber",
            dependencies: [
                "LimberKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What must hold for any input, checked by `limber-fuzz` and the tests: not part of Limber.
        .target(name: "LimberFuzzing", dependencies: ["LimberKit"]),
        .executableTarget(name: "limber-fuzz", dependencies: ["LimberKit", "LimberFuzzing"]),
        .testTarget(
            name: "LimberKitTests",
            dependencies: ["LimberKit", "LimberTemplates", "LimberFuzzing"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LimberTemplatesTests",
            dependencies: ["LimberTemplates"],
            exclude: ["Fixtures"]
        ),
    ]
)
