package no.vipps.auth

import org.json.JSONObject
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/** `vipps-auth emulator --port 0` as a child process; the OS picks the port. */
class Emulator(vararg args: String) : AutoCloseable {
    private val process: Process =
        ProcessBuilder(System.getProperty("vipps.cli"), "emulator", "--port", "0", *args)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
    val url: String = process.inputStream.bufferedReader().readLine()
        ?: error("the emulator did not start")
    private val http = HttpClient.newHttpClient()

    /** The token requests the emulator saw, in arrival order. */
    fun tokenRequests(): List<JSONObject> {
        val answer = http.send(HttpRequest.newBuilder(URI("$url/_emulator/requests")).build(), HttpResponse.BodyHandlers.ofString())
        val all = JSONObject(answer.body()).getJSONArray("requests")
        return (0 until all.length()).map { all.getJSONObject(it) }.filterNot { it.getString("path").startsWith("/_emulator") }
    }

    fun fault(json: String) = post("/_emulator/faults", json)

    fun tamperIdToken(json: String) = post("/_emulator/id-token", json)

    /** Where the emulator's 302 sends a browser (or the Vipps app) that opens [url]. */
    fun follow(url: String): String {
        val answer = http.send(HttpRequest.newBuilder(URI(url)).build(), HttpResponse.BodyHandlers.discarding())
        check(answer.statusCode() == 302) { "$url answered ${answer.statusCode()}, not a redirect" }
        return answer.headers().firstValue("location").orElseThrow()
    }

    /** The consent page's buttons, `accept` or `cancel`: the URL the browser goes back to. */
    fun consent(url: String, decision: String): String {
        val page = http.send(HttpRequest.newBuilder(URI("$url&_emulator_consent=page")).build(), HttpResponse.BodyHandlers.ofString())
        val ticket = page.body().substringAfter("name=\"ticket\" value=\"").substringBefore('"')
        val form = HttpRequest.newBuilder(URI("${this.url}/access-management-1.0/access/oauth2/auth/consent"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("ticket=$ticket&decision=$decision"))
            .build()
        return http.send(form, HttpResponse.BodyHandlers.discarding()).headers().firstValue("location").orElseThrow()
    }

    /** The URLs phones opened in the phone-login redirect variant. */
    fun phoneRedirects(): List<String> {
        val answer = http.send(HttpRequest.newBuilder(URI("$url/_emulator/phone-redirects")).build(), HttpResponse.BodyHandlers.ofString())
        val all = JSONObject(answer.body()).getJSONArray("redirects")
        return (0 until all.length()).map { all.getString(it) }
    }

    fun reset() = post("/_emulator/reset", "{}")

    fun rotateSecret(clientSecret: String, subscriptionKey: String) =
        post("/_emulator/rotate-secret", JSONObject(mapOf("client_secret" to clientSecret, "subscription_key" to subscriptionKey)).toString())

    private fun post(path: String, json: String) {
        val request = HttpRequest.newBuilder(URI("$url$path"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build()
        check(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 300) { "admin call $path failed" }
    }

    override fun close() {
        process.destroy()
        process.waitFor()
    }

    companion object {
        const val CLIENT_ID = "emu-client-id"
        const val CLIENT_SECRET = "emu-client-secret"
        const val SUBSCRIPTION_KEY = "emu-subscription-key"
        const val MSN = "123456"
    }
}
