import java.util.concurrent.CompletableFuture;
import no.vipps.auth.*;

/** A till logs a customer in from their phone number, with CompletableFutures. */
public class JavaPhoneLogin {
    public static void main(String[] args) throws Exception {
        LoginClient login = LoginClient.fromEnv(Config.fromEnv());  // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET
        String code = VippsAuth.generateBindingMessage();  // show it on the till; the app shows it too
        PhoneLoginRequest request = new PhoneLoginRequest("+47 123 45 678", "name", code);
        CompletableFuture<PhoneLoginResult> answered = login.startPhoneLoginAsync(request).thenCompose(phoneLogin -> {
            System.out.println("Approve in the app for " + phoneLogin.getPhone() + ": " + code);
            return login.waitForPhoneLoginAsync(phoneLogin, true, null);  // cancel() the future to stop polling
        });
        PhoneLoginResult result = answered.get();
        if (result instanceof PhoneLoginResult.Completed completed) {
            System.out.println("welcome, " + completed.getLogin().getUserinfo().getName());
        } else {
            System.out.println("not logged in: " + result);
        }
    }
}
