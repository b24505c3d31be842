import Foundation
import VippsAuth

// VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
let env = ProcessInfo.processInfo.environment
let tokens = try TokenManager(config: Config(environment: Environment(nameOrUrl: env["VIPPS_ENV"] ?? "")))
let keys = try Credentials(
    clientId: env["VIPPS_CLIENT_ID"] ?? "", clientSecret: env["VIPPS_CLIENT_SECRET"] ?? "",
    subscriptionKey: env["VIPPS_SUBSCRIPTION_KEY"] ?? "", msn: env["VIPPS_MSN"])
let token = try await tokens.accessToken(credentials: keys)
print("Authorization: \(token.tokenType) <\(token.value.count) chars>")
// On iOS: request.setValue("\(token.tokenType) \(token.value)", forHTTPHeaderField: "Authorization")
