package no.vipps.auth.bench

import no.vipps.auth.AuthorizeRequest
import no.vipps.auth.Config
import no.vipps.auth.Environment
import no.vipps.auth.LoginClient
import no.vipps.auth.LoginResult
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.Base64

private const val REDIRECT_URI = "https://example.com/app/callback"
private const val TOKEN_PATH = "/access-management-1.0/access/oauth2/token"

/**
 * `completeBlocking` (exchange + ID-token checks) from Kotlin beside a bare java.net.http POST
 * of the same exchange: interleaved rounds, each with a fresh code made outside the timing.
 * Run by scripts/bench.sh with the emulator's URL as the only argument.
 */
fun main(args: Array<String>) {
    val url = args.single()
    val login = LoginClient(Config(Environment.custom(url)), "emu-client-id", "emu-client-secret")
    val request = AuthorizeRequest(redirectUri = REDIRECT_URI, scope = "name")
    val http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build() // follows no redirects
    val basic = "Basic " + Base64.getEncoder().encodeToString("emu-client-id:emu-client-secret".toByteArray())

    fun follow(location: String): String =
        http.send(HttpRequest.newBuilder(URI(location)).build(), HttpResponse.BodyHandlers.discarding())
            .headers().firstValue("location").orElseThrow()

    fun sdk(): Long {
        val authorization = login.authorizeBlocking(request)
        val callback = follow(authorization.url)
        val began = System.nanoTime()
        val result = login.completeBlocking(authorization.pending, callback, false)
        val spent = System.nanoTime() - began
        check(result is LoginResult.Completed) { "the login did not complete" }
        return spent
    }

    fun bare(): Long {
        val authorization = login.authorizeBlocking(request)
        val code = follow(authorization.url).substringAfter("code=").substringBefore('&')
        val form = "grant_type=authorization_code&code=$code&redirect_uri=" +
            java.net.URLEncoder.encode(REDIRECT_URI, "UTF-8") + "&code_verifier=" + verifierOf(authorization.pending.serialize())
        val post = HttpRequest.newBuilder(URI(url + TOKEN_PATH))
            .header("Authorization", basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build()
        val began = System.nanoTime()
        val answer = http.send(post, HttpResponse.BodyHandlers.ofString())
        val spent = System.nanoTime() - began
        check(answer.statusCode() == 200) { "the bare exchange answered ${answer.statusCode()}" }
        return spent
    }

    repeat(30) { sdk(); bare() } // warm: JIT, discovery, JWKS, connections
    val rounds = 200
    val sdkTimes = LongArray(rounds)
    val bareTimes = LongArray(rounds)
    for (i in 0 until rounds) {
        sdkTimes[i] = sdk()
        bareTimes[i] = bare()
    }
    val s = sdkTimes.sorted()[rounds / 2] / 1e6
    val b = bareTimes.sorted()[rounds / 2] / 1e6
    println("  complete (exchange + ID-token checks), binding: %.2f ms; a bare java.net.http exchange POST: %.2f ms (%.2fx)".format(s, b, s / b))
}

/** The PKCE verifier inside a serialized pending login (`vipps-login.v1.` + base64url JSON). */
private fun verifierOf(pending: String): String {
    val json = String(Base64.getUrlDecoder().decode(pending.substringAfter("vipps-login.v1.")))
    return json.substringAfter("\"verifier\":\"").substringBefore('"')
}
