import kotlinx.coroutines.runBlocking
import no.vipps.auth.*

fun main() = runBlocking {
    // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
    // Or in code: Config(Environment.test()), Environment.production(), Environment.custom(url).
    val tokens = TokenManager(Config.fromEnv())   // one per process
    // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, and VIPPS_MSN for partners.
    // Or in code: Credentials(clientId, clientSecret, subscriptionKey, msn).
    val keys = Credentials.fromEnv()
    val token = tokens.accessToken(keys)            // suspend; accessTokenBlocking(keys) from plain threads
    println("Authorization: ${token.tokenType} <${token.value.length} chars>")
    // Vipps answered 401 with this token? tokens.invalidate(keys) and ask again.
}
