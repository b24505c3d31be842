import XCTest
@testable import VippsAuth

/// Login, app-to-app and phone login from Swift against the emulator (run-tests.sh starts it
/// with one-second phone polling). Written to run on a Mac; syntax-checked on Linux.
final class LoginTests: XCTestCase {
    var emulator: Emulator!
    var login: LoginClient!

    override func setUp() async throws {
        emulator = try Emulator()
        try await emulator.reset()
        let config = try Config(environment: Environment.custom(baseUrl: emulator.url))
        login = try LoginClient(config: config, clientId: Emulator.clientId, clientSecret: Emulator.clientSecret)
    }

    private func request(_ flow: AppFlow? = nil) -> AuthorizeRequest {
        AuthorizeRequest(redirectUri: "https://example.com/app/callback", scope: "name phoneNumber", appFlow: flow)
    }

    func testABrowserLoginCompletesWithUserinfoAndPrintsNoSecret() async throws {
        let authorization = try await login.authorize(request: request())
        let callback = try await emulator.follow(authorization.url)
        let result = try await login.complete(pending: authorization.pending, callback: callback, withUserinfo: true)
        guard case let .completed(done) = result else { return XCTFail("not completed: \(result)") }
        XCTAssertEqual(done.claims.sub, "c0ffee00-4712-4345-8678-e00000000001")
        XCTAssertEqual(done.userinfo?.phoneNumber, "4712345678")
        let shown = "\(done) \(authorization.pending) \(authorization)"
        XCTAssertFalse(shown.contains(done.accessToken) || shown.contains(authorization.pending.state))
    }

    func testABrokenIdTokenIsItsOwnTypedError() async throws {
        try await emulator.tamperIdToken(#"{"claims": {"aud": ["someone-else"]}}"#)
        let authorization = try login.authorizeBlocking(request: request())
        let callback = try await emulator.follow(authorization.url)
        do {
            _ = try login.completeBlocking(pending: authorization.pending, callback: callback, withUserinfo: false)
            XCTFail("a token for someone else was accepted")
        } catch let VippsAuthError.IdTokenInvalid(code, _, _, rule) {
            XCTAssertEqual(code, 6)
            XCTAssertEqual(rule, "audience")
        }
    }

    /// As an iOS app: the pending login in the Keychain as a string, the universal link in
    /// `onOpenURL`, the code to the backend.
    func testAnAppRestoresItsPendingLoginAndHandsTheCodeToTheBackend() async throws {
        let authorization = try login.authorizeBlocking(request: request(.appToApp(appCallbackUri: "com.example.app://callback")))
        let stored = authorization.pending.serialize()
        var opened = try parseAppUrl(url: try await emulator.follow(authorization.url), pendingLogins: [stored])
        guard case let .resume(_, resumeUri) = opened else { return XCTFail("expected resume: \(opened)") }
        opened = try parseAppUrl(url: try await emulator.follow(resumeUri), pendingLogins: [stored])
        guard case let .code(state, code, _) = opened else { return XCTFail("expected a code: \(opened)") }
        let handoff = codeHandoff(code: code, state: state)
        let result = try login.completeHandoffBlocking(handoff: handoff, pending: try PendingLogin.restore(text: stored), withUserinfo: false)
        guard case .completed = result else { return XCTFail("not completed: \(result)") }
        guard case .notOurs = try parseAppUrl(url: "com.example.app://settings", pendingLogins: [stored]) else {
            return XCTFail("a stray deep link was taken for a login")
        }
    }

    func testAPhoneLoginIsApprovedWithProgress() async throws {
        final class Seen: PhoneLoginListener, @unchecked Sendable {
            var statuses: [PhoneLoginStatus] = []
            func onProgress(progress: PhoneLoginProgress) { statuses.append(progress.status) }
        }
        let seen = Seen()
        let phoneLogin = try await login.startPhoneLogin(request: PhoneLoginRequest(phone: "+47 123 45 678", scope: "name"))
        XCTAssertEqual(phoneLogin.phone, "+47 *** ** 678")
        let result = try await login.waitForPhoneLogin(login: phoneLogin, withUserinfo: true, listener: seen)
        guard case let .completed(done) = result else { return XCTFail("not approved: \(result)") }
        XCTAssertEqual(done.userinfo?.name, "Kari Nordmann")
        XCTAssertEqual(seen.statuses.first, .started)
    }

    func testCancellingTheTaskStopsPolling() async throws {
        let phoneLogin = try await login.startPhoneLogin(request: PhoneLoginRequest(phone: "4700000002"))
        let waiting = Task { try await self.login.waitForPhoneLogin(login: phoneLogin, withUserinfo: false, listener: nil) }
        try await Task.sleep(nanoseconds: 1_500_000_000)
        waiting.cancel()
        _ = try? await waiting.value
        let sent = try await emulator.tokenRequests().filter { ($0["path"] as! String).hasSuffix("/oauth2/token") }.count
        try await Task.sleep(nanoseconds: 1_200_000_000)
        let after = try await emulator.tokenRequests().filter { ($0["path"] as! String).hasSuffix("/oauth2/token") }.count
        XCTAssertEqual(sent, 1)
        XCTAssertEqual(after, sent, "a poll was sent after the task was cancelled")
    }

    func testDeclinedExpiredAndRefusedAreToldApart() async throws {
        let declined = try login.startPhoneLoginBlocking(request: PhoneLoginRequest(phone: "4700000001"))
        guard case .cancelled = try login.waitForPhoneLoginBlocking(login: declined, withUserinfo: false, listener: nil) else {
            return XCTFail("not declined")
        }
        let unanswered = try login.startPhoneLoginBlocking(request: PhoneLoginRequest(phone: "4700000002"))
        guard case .expired = try login.waitForPhoneLoginBlocking(login: unanswered, withUserinfo: false, listener: nil) else {
            return XCTFail("not expired")
        }
        do {
            _ = try login.startPhoneLoginBlocking(request: PhoneLoginRequest(phone: "4700000004"))
            XCTFail("an app too old was accepted")
        } catch let VippsAuthError.PhoneLoginRefused(code, _, _, reason, _) {
            XCTAssertEqual(code, 10)
            XCTAssertEqual(reason, "app_too_old")
        }
    }
}
