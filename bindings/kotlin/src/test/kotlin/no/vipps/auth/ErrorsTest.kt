package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.net.ServerSocket

/** Each error kind arrives as its own exception class with the stable code and a hint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsTest {
    private val emulator = Emulator()
    private val merchant = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY)

    @BeforeEach
    fun reset() = emulator.reset()

    @AfterAll
    fun stopEmulator() = emulator.close()

    private fun manager(url: String = emulator.url, http: HttpOptions = HttpOptions()) =
        TokenManager(Config(Environment.custom(url), http = http))

    @Test
    fun `a bad MSN is a configuration error naming the field`() {
        val error = assertThrows<VippsAuthException.Configuration> {
            Credentials("id", "secret", "key", "12ab")
        }
        assertEquals(1, error.code)
        assertTrue(error.detail.contains("msn"), error.detail)
    }

    @Test
    fun `plain http off loopback is refused`() {
        val error = assertThrows<VippsAuthException.Configuration> { manager("http://vipps.example") }
        assertTrue(error.hint.isNotEmpty())
    }

    @Test
    fun `nobody listening is a network error`() {
        val port = ServerSocket(0).use { it.localPort }
        val error = assertThrows<VippsAuthException.Network> {
            manager("http://127.0.0.1:$port", HttpOptions(maxRetries = 0)).accessTokenBlocking(merchant)
        }
        assertEquals(2, error.code)
        assertFalse(error.timedOut)
    }

    @Test
    fun `a wrong secret is refused once, with the server's code and no secret in the text`() {
        val wrong = Credentials(Emulator.CLIENT_ID, "not-the-secret", Emulator.SUBSCRIPTION_KEY)
        val error = assertThrows<VippsAuthException.ServerRefused> { manager().accessTokenBlocking(wrong) }
        assertEquals(3, error.code)
        assertEquals(401, error.status)
        assertEquals("invalid_client", error.error)
        assertEquals(1, emulator.tokenRequests().size)
        for (text in listOf(error.message.orEmpty(), error.toString(), wrong.toString())) {
            assertFalse(text.contains("not-the-secret") || text.contains(Emulator.SUBSCRIPTION_KEY), text)
        }
    }

    @Test
    fun `an HTML page is a protocol error`() {
        emulator.fault("""{"path": "/accesstoken/get", "count": 1, "status": 200, "body": "<html>login</html>"}""")
        val error = assertThrows<VippsAuthException.Protocol> { manager().accessTokenBlocking(merchant) }
        assertEquals(7, error.code)
    }

    @Test
    fun `a proxy password is not shown`() {
        val config = Config(Environment.test(), http = HttpOptions(proxy = Proxy.Url("http://user:pr0xy-pass@proxy.example:3128")))
        assertFalse(config.toString().contains("pr0xy-pass"), config.toString())
        assertTrue(config.toString().contains("proxy.example"), config.toString())
    }
}
