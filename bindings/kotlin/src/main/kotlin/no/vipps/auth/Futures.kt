@file:JvmName("VippsAuthFutures")

package no.vipps.auth

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

// Hand-written beside the generated bindings: Java has no `suspend`, so the async call is
// offered as a CompletableFuture. Kotlin callers use the suspend function directly.

private val futures = CoroutineScope(SupervisorJob() + Dispatchers.Default)

/**
 * For Java: `VippsAuthFutures.accessTokenAsync(tokens, keys)`. Cancelling the future stops
 * the wait; the request itself completes and fills the cache for the next caller.
 */
fun TokenManager.accessTokenAsync(credentials: Credentials): CompletableFuture<AccessToken> =
    futures.future { accessToken(credentials) }
