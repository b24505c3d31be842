package no.vipps.auth

import org.json.JSONObject
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestInstance
import java.io.File

/**
 * The hostile-server matrix's token part (tests/vectors/hostile_answers.json) from the JVM:
 * whatever the token endpoint or a proxy answers, a token request ends in a token or a typed
 * error (never Internal) within its budget, and the next request to a healthy server gets one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileServerTest {
    private val emulator = Emulator()
    private val vectors = JSONObject(File(File(System.getProperty("vipps.vectors")).parentFile, "hostile_answers.json").readText())
    private val calls = vectors.getJSONObject("calls")
    private val merchant = Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY, Emulator.MSN)

    @AfterAll
    fun stopEmulator() = emulator.close()

    @TestFactory
    fun `a hostile token answer never breaks the manager`(): List<DynamicTest> {
        val cases = vectors.getJSONArray("cases")
        assertTrue(cases.length() >= 25)
        return (0 until cases.length()).map { cases.getJSONObject(it) }.map { case ->
            DynamicTest.dynamicTest(case.getString("name")) { check(case.getJSONObject("fault")) }
        }
    }

    private fun check(fault: JSONObject) {
        emulator.reset()
        val http = HttpOptions(
            requestTimeoutMs = calls.getLong("request_timeout_ms"),
            totalTimeoutMs = calls.getLong("total_timeout_ms"),
            maxRetries = calls.getInt("max_retries"),
        )
        val manager = TokenManager(Config(Environment.custom(emulator.url), http = http))
        emulator.fault(fault.put("path", "/accesstoken/get").put("count", calls.getInt("count")).toString())
        val began = System.nanoTime()
        try {
            manager.accessTokenBlocking(merchant)
        } catch (error: VippsAuthException) {
            assertFalse(error is VippsAuthException.Internal, error.toString())
        }
        val tookMs = (System.nanoTime() - began) / 1_000_000
        assertTrue(tookMs < calls.getLong("total_timeout_ms") + 3000, "took $tookMs ms")
        emulator.reset()
        assertEquals("Bearer", manager.accessTokenBlocking(merchant).tokenType)
    }
}
