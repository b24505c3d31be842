package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/** The process's metrics from Kotlin: counts read as what changed during each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {
    private val emulator = Emulator()
    private val keys = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY, Emulator.MSN)

    @AfterAll
    fun stop() = emulator.close()

    private class Changes {
        private val before = VippsMetrics.snapshot()

        fun of(name: String, vararg labels: Pair<String, String>) =
            VippsMetrics.snapshot().value(name, labels.toMap()) - before.value(name, labels.toMap())
    }

    @Test
    fun `fetches, retries, a refusal and cached gets are counted`() {
        emulator.reset()
        val changes = Changes()
        val manager = TokenManager(Config(Environment.custom(emulator.url)))
        emulator.fault("""{"path":"/accesstoken/get","status":503,"count":2}""")
        manager.accessTokenBlocking(keys)
        manager.accessTokenBlocking(keys)
        assertThrows<VippsAuthException.ServerRefused> {
            manager.accessTokenBlocking(Credentials(Emulator.CLIENT_ID, "wrong-secret", Emulator.SUBSCRIPTION_KEY, null))
        }
        val requests = "vipps_auth_requests_total"
        assertEquals(1.0, changes.of(requests, "endpoint" to "access_token", "outcome" to "2xx"))
        assertEquals(2.0, changes.of(requests, "endpoint" to "access_token", "outcome" to "5xx"))
        assertEquals(1.0, changes.of(requests, "endpoint" to "access_token", "outcome" to "4xx"))
        assertEquals(2.0, changes.of("vipps_auth_retries_total", "endpoint" to "access_token"))
        assertEquals(1.0, changes.of("vipps_auth_token_gets_total", "level" to "cached"))
        assertEquals(2.0, changes.of("vipps_auth_token_gets_total", "level" to "fetched"))
        assertEquals(1.0, changes.of("vipps_auth_token_errors_total", "kind" to "server_refused"))
    }

    @Test
    fun `a token source's own hits are counted, and the text is Prometheus'`() {
        val source = TokenSource(TokenManager(Config(Environment.custom(emulator.url))), keys)
        source.accessTokenBlocking()
        val changes = Changes()
        repeat(1000) { source.accessTokenBlocking() }
        assertEquals(1000.0, changes.of("vipps_auth_token_gets_total", "level" to "cached"))
        val text = VippsMetrics.prometheus()
        assertTrue(text.contains("# TYPE vipps_auth_request_duration_seconds histogram\n"), text)
        assertTrue(text.lines().any { it.startsWith("vipps_auth_token_gets_total{level=\"cached\"} ") }, text)
        assertTrue(Emulator.CLIENT_ID !in text && Emulator.MSN !in text)
    }

    @Test
    fun `keys named for the metrics get series of their own`() {
        val changes = Changes()
        val shop = keys.withMetricsName("shop-kotlin")
        assertEquals("shop-kotlin", shop.metricsName)
        TokenManager(Config(Environment.custom(emulator.url))).accessTokenBlocking(shop)
        val named = "vipps_auth_credential_token_requests_total"
        assertEquals(1.0, changes.of(named, "credential" to "shop-kotlin", "outcome" to "ok"))
        assertThrows<VippsAuthException.Configuration> { keys.withMetricsName(Emulator.CLIENT_ID) }
    }
}
