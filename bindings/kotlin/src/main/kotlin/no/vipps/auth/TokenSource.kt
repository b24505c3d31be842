package no.vipps.auth

import java.util.concurrent.CompletableFuture
import java.util.concurrent.atomic.AtomicReference
import java.util.concurrent.atomic.LongAdder

// Hand-written beside the generated bindings: the one sanctioned piece of logic outside the
// core (DESIGN.md), the same few rules in every language.

/**
 * The fast way to ask for a token for one set of keys, again and again.
 *
 * The manager's answer comes with how long the token stays fresh; until then the source hands
 * out that same token from Kotlin, without a call into the library — no lock, one volatile
 * read. After that, or after [invalidate], it asks the manager, which still owns staleness,
 * background refresh, single flight and expiry.
 */
class TokenSource(val manager: TokenManager, val credentials: Credentials) {
    /** An immutable answer; a new instance on every change, so a compare-and-set sees it. */
    private class Memo(val token: AccessToken?, val freshUntilNanos: Long)

    private val memo = AtomicReference(Memo(null, 0))

    /** A valid token; blocks only when the manager has to wait for Vipps. */
    fun accessTokenBlocking(): AccessToken {
        val seen = memo.get()
        seen.token?.let { if (System.nanoTime() - seen.freshUntilNanos < 0) return hit(it) }
        return remember(seen, manager.freshAccessTokenBlocking(credentials))
    }

    /** A valid token, suspending only when the manager has to wait for Vipps. */
    suspend fun accessToken(): AccessToken {
        val seen = memo.get()
        seen.token?.let { if (System.nanoTime() - seen.freshUntilNanos < 0) return hit(it) }
        return remember(seen, manager.freshAccessToken(credentials))
    }

    /** [accessToken] for Java: a future, complete at once when the token is fresh here. */
    fun accessTokenAsync(): CompletableFuture<AccessToken> = javaFuture { accessToken() }

    /** After Vipps refused the token with 401: forget it here and in the manager. */
    fun invalidate() {
        memo.set(Memo(null, 0))
        manager.invalidate(credentials)
    }

    /** Kept only if nothing (an [invalidate]) happened since the answer was asked for. */
    private fun remember(seen: Memo, fresh: FreshToken): AccessToken {
        if (fresh.freshForMs > 0) {
            memo.compareAndSet(seen, Memo(fresh.token, System.nanoTime() + fresh.freshForMs * 1_000_000))
        }
        return fresh.token
    }

    override fun toString() = "TokenSource($credentials)"

    private fun hit(token: AccessToken): AccessToken {
        VippsMetrics.sourceHits.increment()
        return token
    }
}
