import kotlinx.coroutines.runBlocking
import no.vipps.auth.*

// Log in with Vipps from a Kotlin backend (Ktor, Spring WebFlux): the two handlers' calls.
fun main() = runBlocking {
    val config = Config.fromEnv()   // VIPPS_ENV: test, production, or a base URL
    val login = LoginClient.fromEnv(config)  // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET
    val pendingLogins = mutableMapOf<String, String>()   // state -> pending login; a shared store with several hosts

    // GET /login: keep the pending login server-side, keyed by its state, and redirect.
    val authorization = login.authorize(AuthorizeRequest(redirectUri = "https://example.com/app/callback", scope = "openid name"))
    pendingLogins[authorization.pending.state] = authorization.pending.serialize()
    println(authorization.url)

    // GET /callback: the URL the browser came back to (call.request.uri in Ktor).
    val callback = readln()
    val state = authorization.pending.state
    val pending = PendingLogin.restore(pendingLogins.remove(state) ?: error("unknown or completed login"))
    when (val result = login.complete(pending, callback, withUserinfo = true)) {
        is LoginResult.Completed -> println("logged in: ${result.login.userinfo?.name}")
        is LoginResult.Cancelled -> println("the user cancelled")
    }
}
