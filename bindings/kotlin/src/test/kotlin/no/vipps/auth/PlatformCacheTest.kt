package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/** The token cache's bound from the JVM, against the emulator's registered sales units. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformCacheTest {
    private val bound = 20
    private val merchants = 30
    private val emulator = Emulator("--merchants", merchants.toString())
    private val config = Config(Environment.custom(emulator.url))

    @AfterAll
    fun stopEmulator() = emulator.close()

    private fun unit(i: Int): Credentials {
        val msn = 100001 + i
        return Credentials("emu-client-id-$msn", "emu-client-secret-$msn", Emulator.SUBSCRIPTION_KEY, msn.toString())
    }

    @Test
    fun `the default bound holds a platform and a bound below one is refused`() {
        assertTrue(TokenManager(config).capacity >= 100_000)
        assertThrows<VippsAuthException.Configuration> { TokenManager.withCapacity(config, 0) }
        assertThrows<VippsAuthException.Configuration> { TokenManager.withCapacity(config, -1) }
    }

    @Test
    fun `past the bound only the overflow refetches and the tokens in use stay`() {
        val manager = TokenManager.withCapacity(config, bound.toLong())
        val units = (0 until merchants).map(::unit)
        val (kept, overflow) = units.take(bound) to units.drop(bound)
        fun requestsFor(batch: List<Credentials>): Int {
            val before = emulator.tokenRequests().size
            batch.forEach { manager.accessTokenBlocking(it) }
            return emulator.tokenRequests().size - before
        }
        assertEquals(bound, requestsFor(kept))
        repeat(3) {
            assertEquals(0, requestsFor(kept), "a token in use was dropped for a newcomer")
            assertEquals(merchants - bound, requestsFor(overflow))
            assertEquals(bound.toLong(), manager.cachedEntries)
        }
    }
}
