package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
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
        val callback = emulator.follow(instances[0].authorizeBlocking(request).url)
        val result = instances[1].completeStoredBlocking(callback, true) as LoginResult.Completed
        assertEquals("Kari", result.login.userinfo?.givenName)
        val exchanges = emulator.tokenRequests().size
        assertThrows<VippsAuthException.StateMismatch> { instances[2].completeStoredBlocking(callback, false) }
        assertEquals(exchanges, emulator.tokenRequests().size, "a replayed callback reached Vipps")
    }

    @Test
    fun `a phone login started on one client is waited on by two others in turns, completed once`() {
        // The user approves after 3 s and polls may leave every second: in turns the fleet
        // polls about 3 times, where two clients polling on their own would poll about 6.
        Emulator("--phone-interval", "1", "--approval-delay", "3").use { phoneEmulator ->
            val store = RedisStore("redis://127.0.0.1:$port", 2000L)
            val instances = (1..3).map {
                LoginClient(Config(Environment.custom(phoneEmulator.url)), Emulator.CLIENT_ID, Emulator.CLIENT_SECRET)
                    .withStore(store)
            }
            val started = instances[0].startPhoneLoginBlocking(PhoneLoginRequest(phone = "+47 123 45 678", scope = "name"))
            val outcomes = java.util.concurrent.ConcurrentLinkedQueue<Any>()
            instances.drop(1).map { instance ->
                thread {
                    val login = instance.storedPhoneLoginBlocking(started.authReqId)
                    outcomes.add(runCatching { instance.waitForStoredPhoneLoginBlocking(login, false, null) }
                        .getOrElse { it })
                }
            }.forEach { it.join() }
            assertEquals(1, outcomes.count { it is PhoneLoginResult.Completed }, "outcomes: $outcomes")
            assertEquals(1, outcomes.count { it is VippsAuthException.StateMismatch }, "outcomes: $outcomes")
            val polls = phoneEmulator.tokenRequests().count { it.getString("path").endsWith("/oauth2/token") }
            assertTrue(polls in 2..4, "two clients polled $polls times: not in turns")
        }
    }
}
