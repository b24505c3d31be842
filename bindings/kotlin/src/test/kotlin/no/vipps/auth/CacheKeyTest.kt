package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/** A wrong or rotated secret beside a cached token goes to the emulator, never to the cache. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheKeyTest {
    private val emulator = Emulator()
    private val merchant = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY, Emulator.MSN)
    private lateinit var manager: TokenManager

    @BeforeEach
    fun freshManager() {
        emulator.reset()
        manager = TokenManager(Config(Environment.custom(emulator.url)))
    }

    @AfterAll
    fun stopEmulator() = emulator.close()

    private fun statuses() = emulator.tokenRequests().map { it.getInt("status") }

    @Test
    fun `a wrong client secret is refused by the emulator, not served from the cache`() {
        manager.accessTokenBlocking(merchant)
        val wrong = Credentials(Emulator.CLIENT_ID, "WRONG", Emulator.SUBSCRIPTION_KEY, Emulator.MSN)
        val refused = assertThrows<VippsAuthException.ServerRefused> { manager.accessTokenBlocking(wrong) }
        assertEquals("invalid_client", refused.error)
        assertEquals(listOf(200, 401), statuses())
    }

    @Test
    fun `a wrong subscription key is refused by the emulator, not served from the cache`() {
        manager.accessTokenBlocking(merchant)
        val wrong = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, "WRONG-SUB", Emulator.MSN)
        assertThrows<VippsAuthException.ServerRefused> { manager.accessTokenBlocking(wrong) }
        assertEquals(listOf(200, 401), statuses())
    }

    @Test
    fun `a rotated secret works at once`() {
        val old = manager.accessTokenBlocking(merchant)
        emulator.rotateSecret("emu-rotated-secret", "emu-rotated-key")
        val rotated = Credentials(Emulator.CLIENT_ID, "emu-rotated-secret", "emu-rotated-key", Emulator.MSN)
        assertNotEquals(old, manager.accessTokenBlocking(rotated))
        assertEquals(listOf(200, 200), statuses())
    }
}
