import XCTest
@testable import VippsAuth

final class TokenManagerTests: XCTestCase {
    var emulator: Emulator!
    var manager: TokenManager!
    let merchant = try! Credentials(
        clientId: Emulator.clientId, clientSecret: Emulator.clientSecret,
        subscriptionKey: Emulator.subscriptionKey, msn: Emulator.msn)

    override func setUp() async throws {
        emulator = try Emulator()
        try await emulator.reset()
        manager = try TokenManager(config: Config(environment: Environment.custom(baseUrl: emulator.url)))
    }

    func testStandardTokenIsFetchedOnceThenCached() async throws {
        let first = try await manager.accessToken(credentials: merchant)
        let second = try await manager.accessToken(credentials: merchant)
        XCTAssertEqual(first.tokenType, "Bearer")
        XCTAssertEqual(first, second)
        let left = first.expiresAt.timeIntervalSinceNow
        XCTAssertTrue(left > 55 * 60 && left <= 3600, "expires in \(left) s")
        let paths = try await emulator.tokenRequests().map { $0["path"] as! String }
        XCTAssertEqual(paths, ["/accesstoken/get"])
    }

    func testPastTheBoundOnlyTheOverflowRefetches() async throws {
        try await emulator.addMerchants(30)
        let config = try Config(environment: Environment.custom(baseUrl: emulator.url))
        XCTAssertThrowsError(try TokenManager.withCapacity(config: config, capacity: 0))
        let bounded = try TokenManager.withCapacity(config: config, capacity: 20)
        let units = try (100001...100030).map {
            try Credentials(clientId: "emu-client-id-\($0)", clientSecret: "emu-client-secret-\($0)",
                            subscriptionKey: Emulator.subscriptionKey, msn: String($0))
        }
        func requests(for batch: ArraySlice<Credentials>) async throws -> Int {
            let before = try await emulator.tokenRequests().count
            for keys in batch { _ = try bounded.accessTokenBlocking(credentials: keys) }
            return try await emulator.tokenRequests().count - before
        }
        let first = try await requests(for: units[0..<20])
        XCTAssertEqual(first, 20)
        for _ in 0..<3 {
            let kept = try await requests(for: units[0..<20])
            XCTAssertEqual(kept, 0, "a token in use was dropped for a newcomer")
            let overflow = try await requests(for: units[20..<30])
            XCTAssertEqual(overflow, 10)
            XCTAssertEqual(bounded.cachedEntries, 20)
        }
    }

    func testSpecializedTokenComesFromMiami() async throws {
        let keys = try Credentials.specialized(clientId: Emulator.clientId, clientSecret: Emulator.clientSecret)
        _ = try manager.accessTokenBlocking(credentials: keys)
        let paths = try await emulator.tokenRequests().map { $0["path"] as! String }
        XCTAssertEqual(paths, ["/miami/v1/token"])
    }

    func testThirtyTwoTasksOnAColdCacheShareOneRequest() async throws {
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<32 {
                group.addTask { try await self.manager.accessToken(credentials: self.merchant).value }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        XCTAssertEqual(values.count, 1)
        let count = try await emulator.tokenRequests().count
        XCTAssertEqual(count, 1)
    }

    func testInjected503sAreRetried() async throws {
        try await emulator.fault(#"{"path": "/accesstoken/get", "count": 2, "status": 503}"#)
        _ = try await manager.accessToken(credentials: merchant)
        let statuses = try await emulator.tokenRequests().map { $0["status"] as! Int }
        XCTAssertEqual(statuses, [503, 503, 200])
    }

    func testWrongSecretIsRefusedWithCodeAndHint() async throws {
        let wrong = try Credentials(
            clientId: Emulator.clientId, clientSecret: "not-the-secret", subscriptionKey: Emulator.subscriptionKey)
        do {
            _ = try await manager.accessToken(credentials: wrong)
            XCTFail("a wrong secret was accepted")
        } catch let VippsAuthError.ServerRefused(code, _, hint, status, error, _) {
            XCTAssertEqual(code, 3)
            XCTAssertEqual(status, 401)
            XCTAssertEqual(error, "invalid_client")
            XCTAssertFalse(hint.isEmpty)
        }
    }

    func testAWrongSecretBesideACachedTokenGoesToTheEmulator() async throws {
        _ = try await manager.accessToken(credentials: merchant)
        for (secret, key) in [("WRONG", Emulator.subscriptionKey), (Emulator.clientSecret, "WRONG-SUB")] {
            let wrong = try Credentials(
                clientId: Emulator.clientId, clientSecret: secret, subscriptionKey: key, msn: Emulator.msn)
            do {
                _ = try await manager.accessToken(credentials: wrong)
                XCTFail("the cached token was handed to wrong keys")
            } catch VippsAuthError.ServerRefused {}
        }
        let statuses = try await emulator.tokenRequests().map { $0["status"] as! Int }
        XCTAssertEqual(statuses, [200, 401, 401])
    }

    func testBadMsnIsAConfigurationError() {
        XCTAssertThrowsError(try Credentials(clientId: "id", clientSecret: "s", subscriptionKey: "k", msn: "12ab")) {
            guard case let VippsAuthError.Configuration(code, detail, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(code, 1)
            XCTAssertTrue(detail.contains("msn"))
        }
    }

    func testDescriptionsNeverShowSecrets() async throws {
        let token = try await manager.accessToken(credentials: merchant)
        for text in [String(describing: token), String(reflecting: token), "\(merchant)", "\(manager!)"] {
            XCTAssertFalse(text.contains(token.value), text)
            XCTAssertFalse(text.contains(Emulator.clientSecret) || text.contains(Emulator.subscriptionKey), text)
        }
    }

    /// The XCFramework is a phone build: no Redis store, the same API, a clear error.
    func testAStoreIsAConfigurationErrorOnThePhoneBuild() {
        XCTAssertThrowsError(try RedisStore(url: "redis://127.0.0.1:6379", timeoutMs: nil)) { error in
            guard case .Configuration = error as! VippsAuthError else { return XCTFail("\(error)") }
        }
    }
}
