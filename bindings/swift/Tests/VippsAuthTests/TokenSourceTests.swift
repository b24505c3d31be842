import XCTest
@testable import VippsAuth

/// TokenSource: a fresh token answered in Swift, the manager's rules otherwise.
final class TokenSourceTests: XCTestCase {
    var emulator: Emulator!
    var source: TokenSource!

    override func setUp() async throws {
        emulator = try Emulator()
        try await emulator.reset()
        let keys = try Credentials(
            clientId: Emulator.clientId, clientSecret: Emulator.clientSecret,
            subscriptionKey: Emulator.subscriptionKey, msn: Emulator.msn)
        let manager = try TokenManager(config: Config(environment: Environment.custom(baseUrl: emulator.url)))
        source = TokenSource(manager: manager, credentials: keys)
    }

    func testAFreshTokenIsAnsweredWithoutARequest() async throws {
        let first = try source.accessTokenBlocking()
        for _ in 0..<1000 { XCTAssertEqual(try source.accessTokenBlocking(), first) }
        let again = try await source.accessToken()
        XCTAssertEqual(again, first)
        let requests = try await emulator.tokenRequests()
        XCTAssertEqual(requests.count, 1)
    }

    func testTheSourcesOwnHitsAreCounted() throws {
        _ = try source.accessTokenBlocking()
        let name = "vipps_auth_token_gets_total", cached = ["level": "cached"]
        let before = VippsMetrics.snapshot().value(name: name, labels: cached)
        for _ in 0..<1000 { _ = try source.accessTokenBlocking() }
        XCTAssertEqual(VippsMetrics.snapshot().value(name: name, labels: cached) - before, 1000)
        XCTAssertTrue(VippsMetrics.prometheus().contains("# TYPE vipps_auth_request_duration_seconds histogram\n"))
    }

    func testInvalidateMakesTheNextGetFetch() async throws {
        let first = try await source.accessToken()
        source.invalidate()
        let second = try await source.accessToken()
        XCTAssertNotEqual(first, second)
        let requests = try await emulator.tokenRequests()
        XCTAssertEqual(requests.count, 2)
    }

    func testThirtyTwoTasksOnAColdCacheShareOneRequest() async throws {
        let source = self.source!
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<32 { group.addTask { try await source.accessToken().value } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        XCTAssertEqual(values.count, 1)
        let requests = try await emulator.tokenRequests()
        XCTAssertEqual(requests.count, 1)
    }
}
