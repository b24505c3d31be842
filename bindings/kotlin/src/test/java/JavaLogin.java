import java.util.HashMap;
import java.util.Map;
import java.util.Scanner;
import no.vipps.auth.*;

/** Log in with Vipps from a Java backend: the two calls (a servlet or Spring controller each). */
public class JavaLogin {
    public static void main(String[] args) throws Exception {
        // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
        LoginClient login = LoginClient.fromEnv(Config.fromEnv());  // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET
        Map<String, String> pendingLogins = new HashMap<>();  // state -> pending login; a shared store with several hosts

        // GET /login: keep the pending login server-side, keyed by its state, and redirect.
        Authorization authorization = login.authorizeBlocking(new AuthorizeRequest("https://example.com/app/callback", "openid name"));
        pendingLogins.put(authorization.getPending().getState(), authorization.getPending().serialize());
        System.out.println(authorization.getUrl());

        // GET /callback: the URL the browser came back to. completeAsync(...) returns a CompletableFuture instead.
        String callback = new Scanner(System.in).nextLine();
        PendingLogin pending = PendingLogin.restore(pendingLogins.remove(authorization.getPending().getState()));
        LoginResult result = login.completeBlocking(pending, callback, true);
        if (result instanceof LoginResult.Completed completed) {
            UserInfo user = completed.getLogin().getUserinfo();
            System.out.println("logged in: " + (user != null ? user.getName() : "?"));
        } else {
            System.out.println("the user cancelled");
        }
    }
}
