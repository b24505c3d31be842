package no.vipps.auth

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Duration
import java.time.Instant

/** The shared token-response vectors (tests/vectors/), decoded as the Rust core does. */
class VectorsTest {
    private val codes = mapOf(
        "configuration" to 1, "network" to 2, "server_refused" to 3, "login_cancelled" to 4,
        "state_mismatch" to 5, "id_token_invalid" to 6, "protocol" to 7, "internal" to 8, "login_failed" to 9,
    )

    @TestFactory
    fun vectors(): List<DynamicTest> {
        val cases = JSONObject(File(System.getProperty("vipps.vectors")).readText()).getJSONArray("cases")
        assertTrue(cases.length() >= 20)
        return (0 until cases.length()).map { cases.getJSONObject(it) }.map { case ->
            DynamicTest.dynamicTest(case.getString("name")) { check(case) }
        }
    }

    private fun check(case: JSONObject) {
        val sentAt = Instant.ofEpochSecond(case.getLong("sent_at"))
        val decode = { decodeTokenResponse(case.getInt("status"), case.getString("body").toByteArray(), sentAt) }
        case.optJSONObject("expect")?.let { expect ->
            val token = decode()
            assertEquals(expect.getString("token_type"), token.tokenType)
            assertEquals(expect.getString("access_token"), token.value)
            assertEquals(Duration.ofSeconds(expect.getLong("lifetime_secs")), Duration.between(sentAt, token.expiresAt))
            return
        }
        val expect = case.getJSONObject("expect_error")
        val error = assertThrows<VippsAuthException> { decode() }
        val name = error.javaClass.simpleName.replace(Regex("(?<!^)([A-Z])"), "_$1").lowercase()
        assertEquals(expect.getString("code"), name)
        assertEquals(codes[name], code(error))
        if (expect.has("status")) {
            val refused = error as VippsAuthException.ServerRefused
            assertEquals(expect.getInt("status"), refused.status.toInt())
            assertEquals(expect.optString("error", null), refused.error)
            assertTrue(refused.hint.contains(expect.getString("hint_contains")), refused.hint)
        }
    }

    private fun code(error: VippsAuthException): Int = when (error) {
        is VippsAuthException.Configuration -> error.code
        is VippsAuthException.Network -> error.code
        is VippsAuthException.ServerRefused -> error.code
        is VippsAuthException.LoginCancelled -> error.code
        is VippsAuthException.StateMismatch -> error.code
        is VippsAuthException.IdTokenInvalid -> error.code
        is VippsAuthException.Protocol -> error.code
        is VippsAuthException.Internal -> error.code
        is VippsAuthException.LoginFailed -> error.code
        is VippsAuthException.PhoneLoginRefused -> error.code
        is VippsAuthException.LoginExpired -> error.code
        is VippsAuthException.StoreUnavailable -> error.code
    }
}
