import XCTest
@testable import VippsAuth

/// The shared app-URL vectors (tests/vectors/app_urls.json), as an iOS app reads the URLs it
/// is opened with. VIPPS_VECTORS names tests/vectors/token_responses.json; its folder holds
/// this file too.
final class AppVectorsTests: XCTestCase {
    func testAppUrls() throws {
        let tokens = try XCTUnwrap(ProcessInfo.processInfo.environment["VIPPS_VECTORS"])
        let url = URL(fileURLWithPath: tokens).deletingLastPathComponent().appendingPathComponent("app_urls.json")
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let pending = file["pending_logins"] as! [String]
        for vector in file["cases"] as! [[String: Any]] {
            let name = vector["name"] as! String
            let outcome = try parseAppUrl(url: vector["url"] as! String, pendingLogins: pending)
            switch outcome {
            case let .resume(state, resumeUri):
                XCTAssertEqual(vector["expect"] as? String, "resume", name)
                XCTAssertEqual(state, vector["state"] as? String, name)
                XCTAssertEqual(resumeUri, vector["resume_uri"] as? String, name)
            case let .code(state, code, _):
                XCTAssertEqual(vector["expect"] as? String, "code", name)
                XCTAssertEqual(state, vector["state"] as? String, name)
                XCTAssertEqual(code, vector["code"] as? String, name)
                XCTAssertFalse(outcome.description.contains(code), name)
            case let .cancelled(state, _):
                XCTAssertEqual(vector["expect"] as? String, "cancelled", name)
                XCTAssertEqual(state, vector["state"] as? String, name)
            case let .failed(state, error, _):
                XCTAssertEqual(vector["expect"] as? String, "failed", name)
                XCTAssertEqual(state, vector["state"] as? String, name)
                XCTAssertEqual(error, vector["error"] as? String, name)
            case .notOurs:
                XCTAssertEqual(vector["expect"] as? String, "not_ours", name)
            }
        }
    }
}
