package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.net.ServerSocket
import java.net.Socket
import kotlin.concurrent.thread

/**
 * Tokens and pending logins shared through a real redis-server (installed by the test scripts)
 * between managers and login clients, as between the instances of a fleet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStoreTest {
    private val emulator = Emulator()
    private val port = ServerSocket(0).use { it.localPort }
    private val redis = ProcessBuilder("redis-server", "--port", "$port", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()

    init {
        val deadline = System.currentTimeMillis() + 10_000
        while (runCatching { Socket("127.0.0.1", port).close() }.isFailure) {
            check(System.currentTimeMillis() < deadline) { "redis-server did not start" }
            Thread.sleep(20)
        }
    }

    @AfterAll
    fun stop() {
        redis.destroyForcibly().waitFor()
        emulator.close()
    }

    @Test
    fun `four managers of eight threads on one store send one token request`() {
        val store = RedisStore("redis://127.0.0.1:$port", 2000L) // generous: a slow store means fetching alone
        val keys = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY, Emulator.MSN)
        val tokens = java.util.concurrent.ConcurrentLinkedQueue<String>()
        val managers = (1..4).map { TokenManager.withStore(Config(Environment.custom(emulator.url)), store) }
        managers.flatMap { manager -> (1..8).map { thread { tokens.add(manager.accessTokenBlocking(keys).value) } } }
            .forEach { it.join() }
        assertEquals(32, tokens.size)
        assertEquals(1, tokens.toSet().size)
        assertEquals(1, emulator.tokenRequests().count { it.getString("path") == "/accesstoken/get" })
        assertThrows<VippsAuthException.Configuration> { RedisStore("not a url") }
    }

    @Test
    fun `a login authorized on one client completes on another once`() {
        val store = RedisStore("redis://127.0.0.1:$port", 2000L)
        val instances = (1..3).map {
            LoginClient(Config(Environment.custom(emulator.url)), Emulator.CLIENT_ID, Emulator.CLIENT_SECRET).withStore(store)
        }
        val request = AuthorizeRequest(redirectUri = "https://example.com/app/callback", scope = "name")
        val callback = emulator.follow(instances[0].authorizeBlocking(request).url())
        val result = instances[1].completeStoredBlocking(callback, true) as LoginResult.Completed
        assertEquals("Kari", result.login.userinfo()?.givenName())
        val exchanges = emulator.tokenRequests().size
        assertThrows<VippsAuthException.StateMismatch> { instances[2].completeStoredBlocking(callback, false) }
        assertEquals(exchanges, emulator.tokenRequests().size, "a replayed callback reached Vipps")
    }
}
