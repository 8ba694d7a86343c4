// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Docket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib",
                       providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract",
                       providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),

        .target(name: "DocketModel"),
        .target(name: "DocketAnswer", dependencies: ["DocketModel"], exclude: ["Models"], plugins: ["EmbedModels"]),
        .target(name: "DocketLayout", dependencies: ["DocketModel"]),
        .target(name: "DocketExtract", dependencies: ["CPoppler", "CTesseract", "DocketModel", "DocketLayout"]),
        // A sentence encoder (all-MiniLM-L6-v2) over OpenBLAS; its weights are installed by deploy/install-encoder.sh.
        .target(name: "DocketEncoder", dependencies: ["COpenBLAS"]),
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketModel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedMigrations"]),
        .target(
            name: "DocketQueue",
            dependencies: ["DocketStore", "DocketModel", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "DocketReport", dependencies: ["DocketAnswer", "DocketModel"]),
        // The JSON the CLI and the HTTP API print: one convention, one shape per resource.
        .target(name: "DocketJSON", dependencies: ["DocketStore", "DocketReport", "DocketAnswer", "DocketModel", "DocketEncoder"]),
        .target(
            name: "DocketWorker",
            dependencies: ["DocketQueue", "DocketStore", "DocketExtract", "DocketAnswer", "DocketReport", "DocketModel"]),
        .target(
            name: "DocketServer",
            dependencies: [
                "DocketQueue", "DocketStore", "DocketModel", "DocketAnswer", "DocketReport", "DocketJSON", "DocketEncoder",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["openapi.yaml"], plugins: ["EmbedOpenAPI"]),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketServer", "DocketWorker", "DocketQueue", "DocketStore", "DocketExtract", "DocketLayout", "DocketAnswer", "DocketModel", "DocketReport",
                "DocketJSON", "DocketTestReceiver", "DocketEncoder",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .executableTarget(name: "embed-text-files"),
        .plugin(name: "EmbedMigrations", capability: .buildTool(), dependencies: ["embed-text-files"]),
        .plugin(name: "EmbedModels", capability: .buildTool(), dependencies: ["embed-text-files"]),
        .plugin(name: "EmbedOpenAPI", capability: .buildTool(), dependencies: ["embed-text-files"]),

        // Draws documents with known text (cairo) and writes images (Leptonica): test fixtures and Samples/.
        .target(name: "DocketFixtures", dependencies: ["CPoppler", "CTesseract", "DocketModel"]),
        .executableTarget(name: "make-samples", dependencies: ["DocketFixtures"]),
        // For tests only: a fresh database on a PostgreSQL cluster started for the test process.
        .target(name: "DocketTestDatabases", dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")]),
        // An HTTP receiver on loopback that records webhook requests: for tests and `docket bench webhook`.
        .target(name: "DocketTestReceiver"),

        .testTarget(name: "DocketAnswerTests", dependencies: ["DocketAnswer", "DocketExtract", "DocketFixtures", "DocketModel"]),
        .testTarget(name: "DocketReportTests", dependencies: ["DocketReport", "DocketAnswer", "DocketFixtures", "DocketModel"]),
        .testTarget(name: "DocketJSONTests", dependencies: ["DocketJSON", "DocketStore", "DocketReport", "DocketAnswer", "DocketModel"]),
        .testTarget(name: "DocketLayoutTests", dependencies: ["DocketLayout", "DocketModel"]),
        .testTarget(name: "DocketEncoderTests", dependencies: ["DocketEncoder"], exclude: ["reference.json"]),
        .testTarget(name: "DocketExtractTests", dependencies: ["DocketExtract", "DocketFixtures", "DocketModel", "CTesseract"]),
        .testTarget(
            name: "DocketStoreTests",
            dependencies: [
                "DocketStore", "DocketModel", "DocketTestDatabases", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(
            name: "DocketQueueTests",
            dependencies: [
                "DocketQueue", "DocketStore", "DocketJSON", "DocketModel", "DocketTestDatabases", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "DocketWorkerTests",
            dependencies: [
                "DocketWorker", "DocketQueue", "DocketStore", "DocketAnswer", "DocketFixtures", "DocketModel", "DocketTestDatabases",
                "DocketTestReceiver", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "DocketServerTests",
            dependencies: [
                "DocketServer", "DocketStore", "DocketQueue", "DocketFixtures", "DocketModel", "DocketTestDatabases", "DocketTestReceiver",
                "DocketJSON", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "DocketEndToEndTests",
            dependencies: [
                "DocketFixtures", "DocketStore", "DocketQueue", "DocketModel", "DocketTestDatabases", "DocketTestReceiver",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
