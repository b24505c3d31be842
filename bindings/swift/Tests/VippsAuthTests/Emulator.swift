import Foundation

/// The emulator started by `run-tests.sh` (`VIPPS_EMULATOR_URL`) and its admin API.
struct Emulator {
    static let clientId = "emu-client-id"
    static let clientSecret = "emu-client-secret"
    static let subscriptionKey = "emu-subscription-key"
    static let msn = "123456"

    let url: String

    init() throws {
        guard let url = ProcessInfo.processInfo.environment["VIPPS_EMULATOR_URL"] else {
            throw EmulatorError.notRunning
        }
        self.url = url
    }

    /// The token requests seen since the last reset, in arrival order.
    func tokenRequests() async throws -> [[String: Any]] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(url)/_emulator/requests")!)
        let log = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let requests = log["requests"] as! [[String: Any]]
        return requests.filter { !($0["path"] as! String).hasPrefix("/_emulator") }
    }

    func fault(_ json: String) async throws {
        try await post("/_emulator/faults", json)
    }

    func reset() async throws {
        try await post("/_emulator/reset", "{}")
    }

    private func post(_ path: String, _ json: String) async throws {
        var request = URLRequest(url: URL(string: "\(url)\(path)")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = json.data(using: .utf8)
        _ = try await URLSession.shared.data(for: request)
    }
}

enum EmulatorError: Error {
    case notRunning
}
