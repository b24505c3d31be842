import no.vipps.auth.*;

public class JavaQuickstart {
    public static void main(String[] args) {
        try {
            // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
            TokenManager tokens = new TokenManager(Config.fromEnv());  // one per process
            // VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, and VIPPS_MSN for partners.
            Credentials keys = Credentials.fromEnv();
            AccessToken token = tokens.accessTokenBlocking(keys);  // or tokens.accessTokenAsync(keys), a CompletableFuture
            System.out.println("Authorization: " + token.getTokenType() + " <" + token.getValue().length() + " chars>");
        } catch (VippsAuthException error) {  // every error: getCode(), getDetail(), getHint()
            System.err.println(error.getMessage());
            System.exit(1);
        }
    }
}
