package no.vipps.auth

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

// Java has no `suspend`: every suspending method of the bindings has an `…Async` twin
// (added by scripts/lib/kotlin_for_java.py) that runs it here and returns a CompletableFuture.
// Cancelling the future stops the wait; a request already sent completes (a token it brings
// still fills the cache).

private val futures = CoroutineScope(SupervisorJob() + Dispatchers.Default)

internal fun <T> javaFuture(call: suspend () -> T): CompletableFuture<T> = futures.future { call() }
