import AuthenticationServices
import VippsAuth

/// An iOS app's login with the Vipps app: the URL from the backend (or built here with
/// `authorizeOnDevice`), an `ASWebAuthenticationSession`, the universal link back, and the
/// code handed to the backend. The pending login waits in the Keychain meanwhile.
@MainActor
final class VippsLogin: NSObject, ASWebAuthenticationPresentationContextProviding {
    let keychain: (String?) -> Void           // store (or clear) the pending login
    init(keychain: @escaping (String?) -> Void) { self.keychain = keychain }

    func start(authorization: Authorization) {
        keychain(authorization.pending.serialize())
        let session = ASWebAuthenticationSession(
            url: URL(string: authorization.url)!,
            callback: .https(host: "example.com", path: "/app/callback")
        ) { _, _ in }                        // the universal link arrives in onOpenURL instead
        session.presentationContextProvider = self
        session.start()
    }

    /// From `.onOpenURL { url in … }`: what to send the backend, or nil for someone else's link.
    func opened(_ url: URL, stored: String) throws -> String? {
        switch try parseAppUrl(url: url.absoluteString, pendingLogins: [stored]) {
        case let .code(state, code, _):
            keychain(nil)
            return codeHandoff(code: code, state: state)   // POST it to the backend
        case .notOurs:
            return nil
        default:
            keychain(nil)
            return nil                                      // cancelled or failed: show it
        }
    }

    func presentationAnchor(for session: ASWebAuthenticationSession) -> ASPresentationAnchor {
        ASPresentationAnchor()
    }
}
