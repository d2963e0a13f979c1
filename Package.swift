// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Sabaq",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "sabaq", targets: ["sabaq"]),
    .library(name: "Planner", targets: ["Planner"]),
    .library(name: "Timetabling", targets: ["Timetabling"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
  ],
  targets: [
    .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
    .target(name: "Planner"),
    .target(
      name: "Solver", dependencies: ["Planner", "CGLPK", .product(name: "Logging", package: "swift-log")],
      // The search state is one class whose arrays are read and written millions of times a
      // second; its accesses never overlap, so the dynamic exclusivity checks (a third of the
      // time) are switched off in optimised builds.
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
    .target(name: "Checker", dependencies: ["Planner"]),
    .target(name: "Interchange", dependencies: ["Planner"]),
    .target(
      name: "Reports",
      dependencies: ["Planner", .product(name: "CSV", package: "CSV.swift")]),
    .target(name: "SampleSchools", dependencies: ["Planner"]),
    .target(
      name: "Timetabling",
      dependencies: ["Planner", "Solver", "Checker", "Interchange", .product(name: "Logging", package: "swift-log")]),
    .target(
      name: "Store",
      dependencies: [
        "Planner", "Interchange", "Timetabling",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(
      name: "Server",
      dependencies: [
        "Store", "Planner", "Timetabling", "Interchange", "Reports", "Checker",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      resources: [.copy("Resources/openapi.json"), .copy("Resources/pages")]),
    .target(
      name: "Bench",
      dependencies: ["Timetabling", "Planner", "Solver", "Checker", "Interchange", "Reports", "SampleSchools", "Store"]),
    .executableTarget(
      name: "sabaq",
      dependencies: [
        "Planner", "Interchange", "Reports", "SampleSchools", "Solver", "Checker", "Timetabling", "Bench", "Store",
        "Server",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // What several test targets use (running a child process without a full pipe hanging it).
    .target(
      name: "TestSupport", dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")],
      path: "Tests/TestSupport"),
    .testTarget(name: "PlannerTests", dependencies: ["Planner", "SampleSchools"]),
    .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "Planner", "SampleSchools", "TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Planner", "SampleSchools", "Interchange"]),
    .testTarget(name: "CheckerTests", dependencies: ["Checker", "Planner"]),
    .testTarget(name: "SolverTests", dependencies: ["Solver", "Planner", "Checker", "SampleSchools"]),
    .testTarget(
      name: "TimetablingTests",
      dependencies: ["Timetabling", "Planner", "Solver", "Checker", "Interchange", "SampleSchools"]),
    .testTarget(name: "BenchTests", dependencies: ["Bench", "Timetabling", "Planner", "SampleSchools"]),
    .testTarget(
      name: "StoreTests",
      dependencies: ["Store", "Timetabling", "Planner", "Interchange", "SampleSchools", "TestSupport"]),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "Store", "Planner", "TestSupport", "Timetabling", "Interchange", "Reports",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(
      name: "CLITests", dependencies: ["sabaq", "Planner", "Interchange", "SampleSchools", "Store", "TestSupport"]),
  ]
)
