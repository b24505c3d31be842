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

    /// Registers `count` more sales units: MSN 100001…, keys emu-client-id-<MSN> etc.
    func addMerchants(_ count: Int) async throws {
        try await post("/_emulator/merchants", "{\"add\": \(count)}")
    }

    func reset() async throws {
        try await post("/_emulator/reset", "{}")
    }

    func tamperIdToken(_ json: String) async throws {
        try await post("/_emulator/id-token", json)
    }

    /// Where the emulator's 302 sends a browser (or the Vipps app) that opens `url`.
    func follow(_ url: String) async throws -> String {
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        let (_, response) = try await session.data(from: URL(string: url)!)
        let answer = response as! HTTPURLResponse
        guard answer.statusCode == 302, let location = answer.value(forHTTPHeaderField: "Location") else {
            throw EmulatorError.noRedirect
        }
        return location
    }

    /// The URLs phones opened in the phone-login redirect variant.
    func phoneRedirects() async throws -> [String] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(url)/_emulator/phone-redirects")!)
        return (try JSONSerialization.jsonObject(with: data) as! [String: Any])["redirects"] as! [String]
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
    case noRedirect
}

/// Hands redirects back to the caller instead of following them.
final class NoRedirects: NSObject, URLSessionTaskDelegate {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest) async -> URLRequest? {
        nil
    }
}
