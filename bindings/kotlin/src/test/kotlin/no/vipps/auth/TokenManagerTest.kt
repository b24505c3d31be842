package no.vipps.auth

import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CyclicBarrier
import kotlin.concurrent.thread

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenManagerTest {
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

    @Test
    fun `a standard token is fetched once, then served from the cache`() {
        val first = manager.accessTokenBlocking(merchant)
        val second = manager.accessTokenBlocking(merchant)
        assertEquals("Bearer", first.tokenType)
        assertEquals(first, second)
        val left = Duration.between(Instant.now(), first.expiresAt)
        assertTrue(left > Duration.ofMinutes(55) && left <= Duration.ofHours(1), "expires in $left")
        assertEquals(listOf("/accesstoken/get"), emulator.tokenRequests().map { it.getString("path") })
    }

    @Test
    fun `a specialized token comes from the miami endpoint`() {
        val token = manager.accessTokenBlocking(Credentials.specialized(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET))
        assertEquals("Bearer", token.tokenType)
        assertEquals(listOf("/miami/v1/token"), emulator.tokenRequests().map { it.getString("path") })
    }

    @Test
    fun `32 coroutines on a cold cache share one request`() = runBlocking {
        val tokens = (1..32).map { async { manager.accessToken(merchant) } }.awaitAll()
        assertEquals(1, tokens.map { it.value }.toSet().size)
        assertEquals(1, emulator.tokenRequests().size)
    }

    @Test
    fun `a cancelled coroutine leaves the shared request to the others`() = runBlocking {
        emulator.fault("""{"path": "/accesstoken/get", "delay_ms": 500}""")
        val quitter = async { manager.accessToken(merchant) }
        val stayer = async { manager.accessToken(merchant) }
        delay(100)
        quitter.cancel()
        val token = stayer.await()
        assertTrue(quitter.isCancelled)
        assertEquals(token, manager.accessTokenBlocking(merchant))
        assertEquals(1, emulator.tokenRequests().size)
    }

    @Test
    fun `32 threads on a cold cache share one request`() {
        val start = CyclicBarrier(32)
        val tokens = java.util.concurrent.ConcurrentLinkedQueue<String>()
        (1..32).map { thread { start.await(); tokens.add(manager.accessTokenBlocking(merchant).value) } }.forEach { it.join() }
        assertEquals(32, tokens.size)
        assertEquals(1, tokens.toSet().size)
        assertEquals(1, emulator.tokenRequests().size)
    }

    @Test
    fun `injected 503s are retried`() {
        emulator.fault("""{"path": "/accesstoken/get", "count": 2, "status": 503}""")
        manager.accessTokenBlocking(merchant)
        assertEquals(listOf(503, 503, 200), emulator.tokenRequests().map { it.getInt("status") })
    }

    @Test
    fun `invalidate makes the next call fetch`() {
        manager.accessTokenBlocking(merchant)
        manager.invalidate(merchant)
        manager.accessTokenBlocking(merchant)
        assertEquals(2, emulator.tokenRequests().size)
    }

    @Test
    fun `toString never shows a secret or the token`() {
        val token = manager.accessTokenBlocking(merchant)
        for (text in listOf(token.toString(), merchant.toString(), manager.toString())) {
            assertFalse(text.contains(token.value), text)
            assertFalse(text.contains(Emulator.CLIENT_SECRET) || text.contains(Emulator.SUBSCRIPTION_KEY), text)
        }
        assertTrue(manager.toString().contains(emulator.url), manager.toString())
    }
}
