// Hand-written beside the generated bindings: the one sanctioned piece of logic outside the
// core (DESIGN.md), the same few rules as in Kotlin and Python.

import Foundation

/// The fast way to ask for a token for one set of keys, again and again.
///
/// The manager's answer comes with how long the token stays fresh; until then the source hands
/// out that same token from Swift, without a call into the library. After that, or after
/// `invalidate()`, it asks the manager, which still owns staleness, background refresh,
/// single flight and expiry.
public final class TokenSource: @unchecked Sendable {
    public let manager: TokenManager
    public let credentials: Credentials

    /// An immutable answer, replaced whole under the lock; `generation` tells a remembered
    /// answer from one asked for before an `invalidate()`.
    private struct Memo {
        var token: AccessToken?
        var freshUntil: UInt64 = 0
        var generation: UInt64 = 0
    }

    private var memo = Memo()
    private let lock = NSLock()

    public init(manager: TokenManager, credentials: Credentials) {
        self.manager = manager
        self.credentials = credentials
    }

    /// A valid token; blocks only when the manager has to wait for Vipps.
    public func accessTokenBlocking() throws -> AccessToken {
        let seen = current()
        if let token = seen.token, DispatchTime.now().uptimeNanoseconds < seen.freshUntil { return hit(token) }
        return remember(seen, try manager.freshAccessTokenBlocking(credentials: credentials))
    }

    /// A valid token, suspending only when the manager has to wait for Vipps.
    public func accessToken() async throws -> AccessToken {
        let seen = current()
        if let token = seen.token, DispatchTime.now().uptimeNanoseconds < seen.freshUntil { return hit(token) }
        return remember(seen, try await manager.freshAccessToken(credentials: credentials))
    }

    /// After Vipps refused the token with 401: forget it here and in the manager.
    public func invalidate() {
        lock.lock()
        memo = Memo(token: nil, freshUntil: 0, generation: memo.generation &+ 1)
        lock.unlock()
        manager.invalidate(credentials: credentials)
    }

    private func hit(_ token: AccessToken) -> AccessToken {
        VippsMetrics.countHit()
        return token
    }

    private func current() -> Memo {
        lock.lock()
        defer { lock.unlock() }
        return memo
    }

    private func remember(_ seen: Memo, _ fresh: FreshToken) -> AccessToken {
        if fresh.freshForMs > 0 {
            lock.lock()
            if memo.generation == seen.generation {
                let until = DispatchTime.now().uptimeNanoseconds + UInt64(fresh.freshForMs) * 1_000_000
                memo = Memo(token: fresh.token, freshUntil: until, generation: seen.generation)
            }
            lock.unlock()
        }
        return fresh.token
    }
}
