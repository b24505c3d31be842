package no.vipps.auth

import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows

/** One partner login client for many merchants, from the JVM: each login names its merchant. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerMerchantsTest {
    private val emulator = Emulator("--merchants", "3")
    private val partner = LoginClient.partner(
        Config(Environment.custom(emulator.url)),
        Credentials("emu-partner-client-id", "emu-partner-client-secret", "emu-partner-subscription-key"),
    )

    @AfterAll
    fun stopEmulator() = emulator.close()

    @Test
    fun `each login is for the merchant it names`() {
        for (msn in listOf("100002", "100003")) {
            val authorization = partner.authorizeBlocking(AuthorizeRequest(redirectUri = "https://example.com/app/callback", scope = "name", msn = msn))
            val pending = PendingLogin.restore(authorization.pending.serialize())
            assertEquals(msn, pending.msn)
            val result = partner.completeBlocking(pending, emulator.follow(authorization.url), false)
            assertTrue(result is LoginResult.Completed)
            assertEquals(msn, (result as LoginResult.Completed).login.claims.msn)
        }
        assertThrows<VippsAuthException.Configuration> {
            partner.authorizeBlocking(AuthorizeRequest(redirectUri = "https://example.com/app/callback", scope = "name"))
        }
    }
}
