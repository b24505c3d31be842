import XCTest
@testable import VippsAuth

/// The shared phone-login vectors (tests/vectors/phone_inputs.json), through the same core.
/// VIPPS_VECTORS names tests/vectors/token_responses.json; its folder holds this file too.
final class PhoneVectorsTests: XCTestCase {
    private func vectors() throws -> [String: Any] {
        let tokens = try XCTUnwrap(ProcessInfo.processInfo.environment["VIPPS_VECTORS"])
        let url = URL(fileURLWithPath: tokens).deletingLastPathComponent().appendingPathComponent("phone_inputs.json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    func testPhoneNumbers() throws {
        let cases = try vectors()["phone_numbers"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        for vector in cases {
            let input = vector["input"] as! String
            if let reason = vector["reason_contains"] as? String {
                XCTAssertThrowsError(try PhoneNumber.parse(input: input), input) { error in
                    guard case let .Configuration(code, detail, _) = error as! VippsAuthError else {
                        return XCTFail("\(input): not a configuration error")
                    }
                    XCTAssertEqual(code, 1, input)
                    XCTAssertTrue(detail.contains(reason), "\(input): \(detail)")
                }
            } else {
                let number = try PhoneNumber.parse(input: input)
                XCTAssertEqual(number.loginHint, vector["login_hint"] as? String, input)
                XCTAssertEqual(number.masked, vector["masked"] as? String, input)
                XCTAssertEqual(number.description, vector["masked"] as? String, "a phone number prints masked")
            }
        }
    }

    func testBindingMessages() throws {
        for vector in try vectors()["binding_messages"] as! [[String: Any]] {
            let input = vector["input"] as! String
            if vector["ok"] as! Bool {
                XCTAssertNoThrow(try checkBindingMessage(text: input), input)
            } else {
                XCTAssertThrowsError(try checkBindingMessage(text: input), input)
            }
        }
        let generated = try generateBindingMessage()
        XCTAssertNoThrow(try checkBindingMessage(text: generated))
    }
}
