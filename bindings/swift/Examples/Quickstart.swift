import Foundation
import VippsAuth

// VIPPS_ENV: "test", "production", or a base URL such as the emulator's; then the keys.
// On a phone, in code: Config(environment: Environment.test()), Credentials(clientId: …).
let tokens = try TokenManager(config: Config.fromEnv())
let keys = try Credentials.fromEnv()
let token = try await tokens.accessToken(credentials: keys)
print("Authorization: \(token.tokenType) <\(token.value.count) chars>")
// On iOS: request.setValue("\(token.tokenType) \(token.value)", forHTTPHeaderField: "Authorization")
