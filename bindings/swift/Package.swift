// swift-tools-version:5.9
// VippsAuth: the vipps-auth Rust core for iOS and macOS. `build-xcframework.sh` builds the
// binary target (the static library, its C header and module map) on a Mac.
import PackageDescription

let package = Package(
    name: "VippsAuth",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "VippsAuth", targets: ["VippsAuth"]),
    ],
    targets: [
        .binaryTarget(name: "VippsAuthFFI", path: "VippsAuthFFI.xcframework"),
        .target(name: "VippsAuth", dependencies: ["VippsAuthFFI"], path: "Sources/VippsAuth"),
        .testTarget(name: "VippsAuthTests", dependencies: ["VippsAuth"], path: "Tests/VippsAuthTests"),
    ]
)
