package no.vipps.auth

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The shared app-URL vectors (tests/vectors/app_urls.json), as an Android app reads its deep links. */
class AppVectorsTest {
    private val vectors = JSONObject(File(File(System.getProperty("vipps.vectors")).parentFile, "app_urls.json").readText())
    private val pending = vectors.getJSONArray("pending_logins").let { list -> (0 until list.length()).map { list.getString(it) } }

    @Test
    fun `app urls json`() {
        val cases = vectors.getJSONArray("cases")
        assertTrue(cases.length() >= 20)
        for (i in 0 until cases.length()) {
            val case = cases.getJSONObject(i)
            val name = case.getString("name")
            val (kind, state) = when (val outcome = parseAppUrl(case.getString("url"), pending)) {
                is AppUrlOutcome.Resume -> {
                    assertEquals(case.getString("resume_uri"), outcome.resumeUri, name)
                    "resume" to outcome.state
                }
                is AppUrlOutcome.Code -> {
                    assertEquals(case.getString("code"), outcome.code, name)
                    assertFalse(outcome.toString().contains(outcome.code), name)
                    "code" to outcome.state
                }
                is AppUrlOutcome.Cancelled -> "cancelled" to outcome.state
                is AppUrlOutcome.Failed -> {
                    assertEquals(case.getString("error"), outcome.error, name)
                    "failed" to outcome.state
                }
                is AppUrlOutcome.NotOurs -> "not_ours" to null
            }
            assertEquals(case.getString("expect"), kind, name)
            if (state == null) assertNull(case.optString("state", null), name) else assertEquals(case.getString("state"), state, name)
        }
    }

    @Test
    fun `an unreadable pending login is an error, a stray url is not`() {
        assertThrows<VippsAuthException.Configuration> { parseAppUrl("https://example.com/app/callback", listOf("garbage")) }
        assertTrue(parseAppUrl("anything at all", emptyList()) is AppUrlOutcome.NotOurs)
    }
}
