import kotlinx.coroutines.runBlocking
import no.vipps.auth.*

fun main() = runBlocking {
    // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
    val tokens = TokenManager(Config(Environment(System.getenv("VIPPS_ENV"))))   // one per process
    val keys = Credentials(
        System.getenv("VIPPS_CLIENT_ID"), System.getenv("VIPPS_CLIENT_SECRET"),
        System.getenv("VIPPS_SUBSCRIPTION_KEY"), System.getenv("VIPPS_MSN"),
    )
    val token = tokens.accessToken(keys)            // suspend; accessTokenBlocking(keys) from plain threads
    println("Authorization: ${token.tokenType} <${token.value.length} chars>")
    // Vipps answered 401 with this token? tokens.invalidate(keys) and ask again.
}
