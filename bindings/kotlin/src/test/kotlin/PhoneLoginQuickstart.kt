import kotlinx.coroutines.runBlocking
import no.vipps.auth.*

// A till (a JVM service) logs a customer in from their phone number.
fun main() = runBlocking {
    val config = Config.fromEnv()   // VIPPS_ENV: test, production, or a base URL
    val login = LoginClient.fromEnv(config)  // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET
    val code = generateBindingMessage()   // show it on the till; the app shows it too
    val phoneLogin = login.startPhoneLogin(PhoneLoginRequest(phone = "+47 123 45 678", scope = "name", bindingMessage = code))
    println("Approve in the app for ${phoneLogin.phone}: $code")
    // Cancelling this coroutine (or phoneLogin.cancel() from anywhere) stops polling at once.
    when (val result = login.waitForPhoneLogin(phoneLogin, withUserinfo = true, listener = null)) {
        is PhoneLoginResult.Completed -> println("welcome, ${result.login.userinfo?.name}")
        is PhoneLoginResult.Cancelled -> println("the user declined")
        is PhoneLoginResult.Expired -> println("no answer in time")
        else -> println("stopped")
    }
}
