package no.vipps.auth

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File

/** The shared phone-login vectors (tests/vectors/phone_inputs.json), through the same core. */
class PhoneVectorsTest {
    private val vectors = JSONObject(File(File(System.getProperty("vipps.vectors")).parentFile, "phone_inputs.json").readText())

    private fun each(name: String, block: (JSONObject) -> Unit) {
        val cases = vectors.getJSONArray(name)
        for (i in 0 until cases.length()) block(cases.getJSONObject(i))
    }

    @Test
    fun `phone numbers`() = each("phone_numbers") { case ->
        val input = case.getString("input")
        if (case.has("error")) {
            val error = assertThrows<VippsAuthException.Configuration>(input) { PhoneNumber.parse(input) }
            assertEquals(1, error.code, input)
            assertTrue(error.detail.contains(case.getString("reason_contains")), "$input: ${error.detail}")
            val digits = input.filter { it.isDigit() }
            assertTrue(digits.length < 4 || !error.message!!.contains(digits.substring(1)), "the number leaks: $input")
        } else {
            PhoneNumber.parse(input).use { number ->
                assertEquals(case.getString("login_hint"), number.loginHint, input)
                assertEquals(case.getString("masked"), number.masked, input)
                assertEquals(case.getString("masked"), number.toString(), "a phone number prints masked")
            }
        }
    }

    @Test
    fun `binding messages`() = each("binding_messages") { case ->
        val input = case.getString("input")
        if (case.getBoolean("ok")) {
            checkBindingMessage(input)
        } else {
            assertThrows<VippsAuthException.Configuration>(input) { checkBindingMessage(input) }
        }
    }

    @Test
    fun `a generated binding message is valid and fresh`() {
        val message = generateBindingMessage()
        checkBindingMessage(message)
        assertNotEquals(message, generateBindingMessage())
        assertFalse(message.contains(' '))
    }
}
