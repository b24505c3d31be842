package no.vipps.auth

import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import kotlin.concurrent.thread

/** Login, app-to-app and phone login from Kotlin against the emulator: coroutines and blocking calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginTest {
    private val emulator = Emulator("--phone-interval", "1", "--approval-delay", "1", "--phone-max-expiry", "3")
    private lateinit var login: LoginClient

    @BeforeEach
    fun freshClient() {
        emulator.reset()
        login = LoginClient(Config(Environment.custom(emulator.url)), Emulator.CLIENT_ID, Emulator.CLIENT_SECRET)
    }

    @AfterAll
    fun stopEmulator() = emulator.close()

    private fun request(flow: AppFlow? = null) =
        AuthorizeRequest(redirectUri = "https://example.com/app/callback", scope = "name phoneNumber", appFlow = flow)

    private fun polls() = emulator.tokenRequests().count { it.getString("path").endsWith("/oauth2/token") }

    @Test
    fun `a browser login completes in a coroutine, with userinfo, and prints no secret`() = runBlocking {
        val authorization = login.authorize(request())
        val result = login.complete(authorization.pending, emulator.follow(authorization.url), true)
        val done = (result as LoginResult.Completed).login
        assertEquals("c0ffee00-4712-4345-8678-e00000000001", done.claims.sub)
        assertEquals("4712345678", done.userinfo!!.phoneNumber)
        val shown = "$done ${done.userinfo} ${authorization.pending} $authorization"
        assertFalse(shown.contains(done.accessToken) || shown.contains(authorization.pending.state) || shown.contains("4712345678"), shown)
    }

    @Test
    fun `a login cancelled on the consent page is an outcome, and completes only once`() {
        val authorization = login.authorizeBlocking(request())
        val cancelled = login.completeBlocking(authorization.pending, emulator.consent(authorization.url, "cancel"), false)
        assertTrue(cancelled is LoginResult.Cancelled)
        val again = assertThrows<VippsAuthException.StateMismatch> {
            login.completeBlocking(authorization.pending, emulator.consent(authorization.url, "accept"), false)
        }
        assertEquals(5, again.code)
    }

    @Test
    fun `a broken ID token is its own typed error`() {
        emulator.tamperIdToken("""{"claims": {"aud": ["someone-else"]}}""")
        val authorization = login.authorizeBlocking(request())
        val error = assertThrows<VippsAuthException.IdTokenInvalid> {
            login.completeBlocking(authorization.pending, emulator.follow(authorization.url), false)
        }
        assertEquals(6, error.code)
        assertEquals("audience", error.rule)
    }

    @Test
    fun `an app restores its pending login from a string and hands the code to the backend`() {
        val authorization = login.authorizeBlocking(request(AppFlow.AppToApp("com.example.app://callback")))
        val stored = authorization.pending.serialize() // e.g. in EncryptedSharedPreferences
        var opened = parseAppUrl(emulator.follow(authorization.url), listOf(stored))
        opened = parseAppUrl(emulator.follow((opened as AppUrlOutcome.Resume).resumeUri), listOf(stored))
        val code = opened as AppUrlOutcome.Code
        val handoff = codeHandoff(code.code, code.state)
        val result = login.completeHandoffBlocking(handoff, PendingLogin.restore(stored), false)
        assertTrue(result is LoginResult.Completed)
        assertTrue(parseAppUrl("com.example.app://settings", listOf(stored)) is AppUrlOutcome.NotOurs)
    }

    @Test
    fun `a phone login is approved, with progress through a listener`() = runBlocking {
        val phoneLogin = login.startPhoneLogin(PhoneLoginRequest(phone = "+47 123 45 678", scope = "name"))
        val seen = mutableListOf<PhoneLoginProgress>()
        val listener = object : PhoneLoginListener {
            override fun onProgress(progress: PhoneLoginProgress) { synchronized(seen) { seen.add(progress) } }
        }
        val result = login.waitForPhoneLogin(phoneLogin, true, listener)
        assertEquals("Kari Nordmann", (result as PhoneLoginResult.Completed).login.userinfo!!.name)
        assertEquals(PhoneLoginStatus.STARTED, seen.first().status)
        assertEquals("+47 *** ** 678", phoneLogin.phone)
    }

    @Test
    fun `declined, expired, and a refusal are told apart`() {
        assertTrue(login.waitForPhoneLoginBlocking(login.startPhoneLoginBlocking(PhoneLoginRequest(phone = "4700000001")), false, null) is PhoneLoginResult.Cancelled)
        assertTrue(login.waitForPhoneLoginBlocking(login.startPhoneLoginBlocking(PhoneLoginRequest(phone = "4700000002")), false, null) is PhoneLoginResult.Expired)
        val refused = assertThrows<VippsAuthException.PhoneLoginRefused> { login.startPhoneLoginBlocking(PhoneLoginRequest(phone = "4700000004")) }
        assertEquals(10, refused.code)
        assertEquals("app_too_old", refused.reason)
    }

    @Test
    fun `cancelling the coroutine stops polling`() = runBlocking {
        val phoneLogin = login.startPhoneLogin(PhoneLoginRequest(phone = "4700000002"))
        val job = launch { login.waitForPhoneLogin(phoneLogin, false, null) }
        delay(1500)
        job.cancel()
        job.join()
        val sent = polls()
        delay(1200)
        assertEquals(1, sent)
        assertEquals(sent, polls(), "a poll was sent after the coroutine was cancelled")
    }

    @Test
    fun `cancel from another thread stops a blocking wait`() {
        val phoneLogin = login.startPhoneLoginBlocking(PhoneLoginRequest(phone = "4700000002"))
        thread { Thread.sleep(1500); phoneLogin.cancel() }
        assertTrue(login.waitForPhoneLoginBlocking(phoneLogin, false, null) is PhoneLoginResult.Stopped)
        assertEquals(1, polls())
    }

    @Test
    fun `the webhook and the redirect variant complete without polling`() {
        val phoneLogin = login.startPhoneLoginBlocking(PhoneLoginRequest(phone = "4712345678"))
        assertTrue(login.completePhoneLoginNowBlocking(phoneLogin.authReqId, false) is PhoneLoginResult.Pending)
        Thread.sleep(1100)
        val id = parsePhoneLoginPing("""{"auth_req_id":"${phoneLogin.authReqId}"}""".toByteArray())
        assertTrue(login.completePhoneLoginNowBlocking(id, false) is PhoneLoginResult.Completed)

        val redirected = login.startPhoneLoginBlocking(PhoneLoginRequest(phone = "4712345678", redirectUri = "https://example.com/app/callback"))
        val restored = PhoneLogin.restore(redirected.serialize())   // another server instance
        Thread.sleep(1100)
        val result = login.completePhoneRedirectBlocking(restored, emulator.phoneRedirects().last(), false)
        assertTrue((result as PhoneLoginResult.Completed).login.claims.other.containsKey("authReqId"))
        assertFalse(PhoneLoginRequest(phone = "+47 123 45 678").toString().contains("12345678"))
    }
}
