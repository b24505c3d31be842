import no.vipps.auth.*

// App-to-app, both halves in one program: the backend builds the URL (the app opens it in a
// Custom Tab), the app reads the URL it is opened with, and the backend finishes the login.
fun main() {
    val config = Config.fromEnv()   // VIPPS_ENV: test, production, or a base URL
    val backend = LoginClient.fromEnv(config)  // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET
    val request = AuthorizeRequest(redirectUri = "https://example.com/app/callback", scope = "name", appFlow = AppFlow.AppToAppV2)
    val authorization = backend.authorizeBlocking(request)
    val stored = authorization.pending.serialize()   // the app keeps it (EncryptedSharedPreferences)
    println(authorization.url)                      // CustomTabsIntent.Builder().build().launchUrl(...)

    // The app link's activity: intent.data.toString() is the URL it was opened with.
    val opened = readln()
    val handoff = when (val outcome = parseAppUrl(opened, listOf(stored))) {
        is AppUrlOutcome.Code -> codeHandoff(outcome.code, outcome.state)   // POST it to the backend
        else -> error("not a code: $outcome")
    }

    // The backend: the handoff arrives in a POST body.
    val result = backend.completeHandoffBlocking(handoff, PendingLogin.restore(stored), true)
    println("logged in: ${(result as LoginResult.Completed).login.userinfo?.name}")
}
