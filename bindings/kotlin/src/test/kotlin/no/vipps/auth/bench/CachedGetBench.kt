package no.vipps.auth.bench

import no.vipps.auth.Config
import no.vipps.auth.Credentials
import no.vipps.auth.Environment
import no.vipps.auth.RedisStore
import no.vipps.auth.TokenManager
import no.vipps.auth.TokenSource
import no.vipps.auth.version

/**
 * Per-call cost of a cached token get from Kotlin: warm-up, then the median of many timed
 * calls; with a Redis URL as well, the same get from a manager sharing a store (a hit never
 * touches Redis, so the two should match). Run by scripts/bench.sh.
 */
fun main(args: Array<String>) {
    val keys = Credentials("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456")
    val config = Config(Environment.custom(args[0]))
    val manager = TokenManager(config)
    manager.accessTokenBlocking(keys)
    val get = medianNanos { manager.accessTokenBlocking(keys) }
    val floor = medianNanos { version() }
    val source = TokenSource(manager, keys)
    source.accessTokenBlocking()
    val remembered = medianNanos { source.accessTokenBlocking() }
    println("  cached get, TokenSource                %.3f µs median (goal <= 1 µs)".format(remembered / 1000.0))
    println("  cached get (accessTokenBlocking)       %.2f µs median".format(get / 1000.0))
    println("  for scale, version() (one call, one string back) %.2f µs median".format(floor / 1000.0))
    args.getOrNull(1)?.let { redis ->
        val shared = TokenManager.withStore(config, RedisStore(redis, 2000L))
        shared.accessTokenBlocking(keys)
        val withStore = medianNanos { shared.accessTokenBlocking(keys) }
        val again = medianNanos { manager.accessTokenBlocking(keys) }
        println("  cached get with a shared store          %.2f µs median; without, measured again %.2f µs (%.2fx)"
            .format(withStore / 1000.0, again / 1000.0, withStore.toDouble() / again))
    }
}

private fun medianNanos(call: () -> Unit): Long {
    repeat(200_000) { call() }
    val samples = LongArray(300_000)
    for (i in samples.indices) {
        val start = System.nanoTime()
        call()
        samples[i] = System.nanoTime() - start
    }
    val timer = LongArray(100_000).also { t -> for (i in t.indices) t[i] = -(System.nanoTime() - System.nanoTime()) }
    return samples.sorted()[samples.size / 2] - timer.sorted()[timer.size / 2]
}
