import XCTest
@testable import VippsAuth

/// The shared token-response vectors (tests/vectors/), decoded as the Rust core does.
final class VectorsTests: XCTestCase {
    func testVectors() throws {
        let path = try XCTUnwrap(ProcessInfo.processInfo.environment["VIPPS_VECTORS"])
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let cases = file["cases"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        for vector in cases {
            let name = vector["name"] as! String
            let sentAt = Date(timeIntervalSince1970: vector["sent_at"] as! Double)
            let body = (vector["body"] as! String).data(using: .utf8)!
            let decode = { try decodeTokenResponse(httpStatus: Int32(vector["status"] as! Int), body: body, sentAt: sentAt) }
            if let expect = vector["expect"] as? [String: Any] {
                let token = try decode()
                XCTAssertEqual(token.value, expect["access_token"] as? String, name)
                XCTAssertEqual(token.expiresAt.timeIntervalSince(sentAt), expect["lifetime_secs"] as! Double, name)
            } else {
                let expect = vector["expect_error"] as! [String: Any]
                XCTAssertThrowsError(try decode(), name) { error in
                    XCTAssertEqual(Self.codeName(error as! VippsAuthError), expect["code"] as? String, name)
                }
            }
        }
    }

    static func codeName(_ error: VippsAuthError) -> String {
        switch error {
        case .Configuration: return "configuration"
        case .Network: return "network"
        case .ServerRefused: return "server_refused"
        case .LoginCancelled: return "login_cancelled"
        case .StateMismatch: return "state_mismatch"
        case .IdTokenInvalid: return "id_token_invalid"
        case .Protocol: return "protocol"
        case .Internal: return "internal"
        case .LoginFailed: return "login_failed"
        case .PhoneLoginRefused: return "phone_login_refused"
        case .LoginExpired: return "login_expired"
        case .StoreUnavailable: return "store_unavailable"
        }
    }
}
