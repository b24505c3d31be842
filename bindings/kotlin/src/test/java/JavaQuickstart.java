import no.vipps.auth.*;

public class JavaQuickstart {
    public static void main(String[] args) {
        try {
            // VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
            TokenManager tokens = new TokenManager(new Config(new Environment(System.getenv("VIPPS_ENV")), null, null));
            Credentials keys = new Credentials(System.getenv("VIPPS_CLIENT_ID"), System.getenv("VIPPS_CLIENT_SECRET"),
                    System.getenv("VIPPS_SUBSCRIPTION_KEY"), System.getenv("VIPPS_MSN"));
            AccessToken token = tokens.accessTokenBlocking(keys);  // or VippsAuthFutures.accessTokenAsync(tokens, keys)
            System.out.println("Authorization: " + token.getTokenType() + " <" + token.getValue().length() + " chars>");
        } catch (VippsAuthException error) {  // every error: getCode(), getDetail(), getHint()
            System.err.println(error.getMessage());
            System.exit(1);
        }
    }
}
