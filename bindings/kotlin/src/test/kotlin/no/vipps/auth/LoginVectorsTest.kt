package no.vipps.auth

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.Instant

/** The shared Login vectors (tests/vectors/), through the same core as every other language. */
class LoginVectorsTest {
    private val vectors = File(System.getProperty("vipps.vectors")).parentFile

    private fun cases(name: String) = JSONObject(File(vectors, name).readText())

    private fun JSONObject.each(block: (JSONObject) -> Unit) {
        val cases = getJSONArray("cases")
        for (i in 0 until cases.length()) block(cases.getJSONObject(i))
    }

    private fun codeName(error: VippsAuthException) =
        error.javaClass.simpleName.replace(Regex("(?<!^)([A-Z])"), "_$1").lowercase()

    @Test
    fun `callbacks json`() = cases("callbacks.json").each { case ->
        val name = case.getString("name")
        val outcome = try {
            parseLoginCallback(case.getString("input"))
        } catch (error: VippsAuthException) {
            assertEquals(case.getString("expect"), codeName(error), name)
            // The vectors give a hint only for callbacks that are not one (a Protocol error).
            if (case.has("hint")) assertTrue((error as VippsAuthException.Protocol).hint.contains(case.getString("hint")), name)
            return@each
        }
        when (outcome) {
            is CallbackOutcome.Code -> {
                assertEquals("code", case.getString("expect"), name)
                assertEquals(case.getString("code"), outcome.code, name)
                assertFalse(outcome.toString().contains(outcome.code), name)
                assertEquals(case.getString("state"), outcome.state, name)
            }
            is CallbackOutcome.Cancelled -> {
                assertEquals("cancelled", case.getString("expect"), name)
                assertEquals(case.getString("state"), outcome.state, name)
            }
            is CallbackOutcome.Failed -> {
                assertEquals("failed", case.getString("expect"), name)
                assertEquals(case.getString("error"), outcome.error, name)
            }
        }
    }

    @Test
    fun `redirect_uris json`() = cases("redirect_uris.json").each { case ->
        val (uri, production) = case.getString("uri") to case.getBoolean("production")
        if (case.getBoolean("ok")) {
            checkRedirectUri(uri, production)
        } else {
            val error = assertThrows<VippsAuthException.Configuration>(uri) { checkRedirectUri(uri, production) }
            assertTrue(error.detail.contains(case.getString("rule")), "$uri: ${error.detail}")
        }
    }

    @Test
    fun `login_token_answers json`() = cases("login_token_answers.json").each { case ->
        val name = case.getString("name")
        val got = try {
            val scope = decodeLoginTokenAnswer(case.getInt("status"), case.getString("body").toByteArray())
            if (case.has("scope")) assertEquals(case.getString("scope"), scope, name)
            "ok"
        } catch (error: VippsAuthException) {
            if (error is VippsAuthException.ServerRefused) {
                if (case.has("error")) assertEquals(case.getString("error"), error.error, name)
                if (case.has("hint")) assertTrue(error.hint.contains(case.getString("hint")), name)
            }
            codeName(error)
        }
        assertEquals(case.getString("expect"), got, name)
    }

    @Test
    fun `id_tokens json`() {
        val file = cases("id_tokens.json")
        val now = Instant.ofEpochSecond(file.getLong("now"))
        file.each { case ->
            val msn = if (case.has("msn")) case.getString("msn") else null
            val got = try {
                verifyIdTokenOffline(
                    case.getString("token"), file.getJSONObject("jwks").toString(), file.getString("issuer"),
                    if (msn == null) file.getString("client_id") else null, msn, file.getString("nonce"),
                    if (case.has("acr")) case.getString("acr") else null, file.getLong("leeway"), now,
                )
                "ok"
            } catch (error: VippsAuthException.IdTokenInvalid) {
                error.rule
            }
            assertEquals(case.getString("expect"), got, case.getString("name"))
        }
        assertTrue(file.getJSONArray("cases").length() >= 30)
    }
}
