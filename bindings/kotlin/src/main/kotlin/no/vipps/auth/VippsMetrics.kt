package no.vipps.auth

import java.util.concurrent.atomic.LongAdder

/**
 * The SDK's metrics for this process, token sources' own hits included: read these rather
 * than the generated `metrics()`, which sees only what reached the library.
 *
 * ```
 * get("/metrics") { call.respondText(VippsMetrics.prometheus()) }   // Ktor
 * ```
 */
object VippsMetrics {
    /** Cached gets [TokenSource]s answered on the JVM side, not yet passed to the library. */
    internal val sourceHits = LongAdder()

    /** Every series now: `snapshot().value("vipps_auth_logins_total", mapOf("event" to "completed"))`. */
    @JvmStatic
    fun snapshot(): MetricsSnapshot {
        report()
        return metrics()
    }

    /** Every series in the Prometheus text exposition format, for a `/metrics` endpoint. */
    @JvmStatic
    fun prometheus(): String {
        report()
        return metricsPrometheus()
    }

    private fun report() {
        val hits = sourceHits.sumThenReset()
        if (hits > 0) recordCachedGets(hits.toULong())
    }
}
