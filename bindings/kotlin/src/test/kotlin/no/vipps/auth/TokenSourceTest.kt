package no.vipps.auth

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CyclicBarrier
import kotlin.concurrent.thread

/**
 * TokenSource against tokens that live about 3 s (fresh for 80 %, then stale for about 15 %;
 * `expires_on` has whole seconds, so the tests read the fresh deadline instead of assuming it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenSourceTest {
    private val emulator = Emulator("--token-lifetime", "3")
    private val keys = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY, Emulator.MSN)
    private lateinit var source: TokenSource

    @BeforeEach
    fun freshSource() {
        emulator.reset()
        source = TokenSource(TokenManager(Config(Environment.custom(emulator.url))), keys)
    }

    @AfterAll
    fun stopEmulator() = emulator.close()

    private fun requests() = emulator.tokenRequests().size

    /** Sleeps until just past the fresh deadline of the source's token. */
    private fun untilStale() = Thread.sleep(source.manager.freshAccessTokenBlocking(keys).freshForMs + 50)

    @Test
    fun `a fresh token is answered without a request`() {
        val first = source.accessTokenBlocking()
        repeat(1000) { assertEquals(first, source.accessTokenBlocking()) }
        runBlocking { assertEquals(first, source.accessToken()) }
        assertEquals(1, requests())
    }

    @Test
    fun `past its fresh deadline the manager decides, and refreshes once in the background`() {
        val first = source.accessTokenBlocking()
        untilStale()
        // The source asks the manager: the stale token is served, and the manager starts
        // the one background refresh (which the emulator's log shows).
        assertEquals(first, source.accessTokenBlocking(), "a stale token is still served")
        repeat(50) { source.accessTokenBlocking() }
        Thread.sleep(300)
        assertEquals(2, requests(), "exactly one background refresh")
        assertNotEquals(first, source.accessTokenBlocking())
    }

    @Test
    fun `the fresh answer and the source print no token`() {
        val fresh = source.manager.freshAccessTokenBlocking(keys)
        assertTrue(fresh.freshForMs > 0)
        for (text in listOf(fresh.toString(), source.toString())) {
            assertFalse(text.contains(fresh.token.value) || text.contains(Emulator.CLIENT_SECRET), text)
        }
    }

    @Test
    fun `invalidate makes the next get fetch`() {
        val first = source.accessTokenBlocking()
        source.invalidate()
        assertNotEquals(first, source.accessTokenBlocking())
        assertEquals(2, requests())
    }

    @Test
    fun `64 threads on a cold cache make one request`() {
        val start = CyclicBarrier(64)
        val tokens = ConcurrentLinkedQueue<String>()
        (1..64).map { thread { start.await(); tokens.add(source.accessTokenBlocking().value) } }.forEach { it.join() }
        assertEquals(64, tokens.size)
        assertEquals(1, tokens.toSet().size)
        assertEquals(1, requests())
    }

    @Test
    fun `a failed refresh still serves the last good token until it expires`() {
        // No retries: a refresh still retrying after this test would land in the next test's log.
        source = TokenSource(TokenManager(Config(Environment.custom(emulator.url), http = HttpOptions(maxRetries = 0))), keys)
        val good = source.accessTokenBlocking()
        emulator.fault("""{"path": "/accesstoken/get", "count": 100, "status": 503}""")
        untilStale()
        val until = System.nanoTime() + 200_000_000
        while (System.nanoTime() < until) {
            assertEquals(good, source.accessTokenBlocking())
            Thread.sleep(20)
        }
        // One refresh tried; after its failure the manager pauses (500 ms) instead of hammering.
        assertEquals(2, requests(), "the refresh was tried once")
    }
}
