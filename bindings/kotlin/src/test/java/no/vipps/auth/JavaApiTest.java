package no.vipps.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API as a Java caller writes it: constructors with only the arguments it needs, static
 * named constructors, plain ints and longs, and a CompletableFuture for every suspending call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaApiTest {
    private final Emulator emulator = new Emulator();
    private final Credentials keys =
            new Credentials(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET, Emulator.SUBSCRIPTION_KEY, Emulator.MSN);
    private TokenManager tokens;

    @BeforeEach
    void freshManager() throws VippsAuthException {
        emulator.reset();
        tokens = new TokenManager(new Config(new Environment(emulator.getUrl())));
    }

    @AfterAll
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void blockingAndFutureCallsShareTheCache() throws Exception {
        AccessToken token = tokens.accessTokenBlocking(keys);
        assertEquals("Bearer", token.getTokenType());
        AccessToken again = tokens.accessTokenAsync(keys).get(10, TimeUnit.SECONDS);
        AccessToken fromSource = new TokenSource(tokens, keys).accessTokenAsync().get(10, TimeUnit.SECONDS);
        assertEquals(token.getValue(), again.getValue());
        assertEquals(token.getValue(), fromSource.getValue());
        assertEquals(1, emulator.tokenRequests().size());
    }

    @Test
    void theCacheBoundIsAPlainLong() throws VippsAuthException {
        // Named constructors are static methods for Java: no `.Companion`.
        TokenManager bounded = TokenManager.withCapacity(new Config(Environment.custom(emulator.getUrl())), 500L);
        assertEquals(500L, bounded.getCapacity());
        bounded.accessTokenBlocking(keys);
        assertEquals(1L, bounded.getCachedEntries());
    }

    @Test
    void httpOptionsTakePlainNumbers() throws VippsAuthException {
        HttpOptions http = new HttpOptions(2_000L, 2_000L, 5_000L, 0, null, List.of());
        SystemInfo system = new SystemInfo("java-shop", "1.0", null, null);
        TokenManager configured = new TokenManager(new Config(new Environment(emulator.getUrl()), system, http));
        configured.accessTokenBlocking(keys);
        assertEquals("java-shop", emulator.tokenRequests().get(0).getJSONObject("headers").getString("Vipps-System-Name"));
    }

    @Test
    void errorsAreTypedWithPlainIntFields() throws VippsAuthException {
        Credentials wrong = new Credentials(Emulator.CLIENT_ID, "WRONG", Emulator.SUBSCRIPTION_KEY, Emulator.MSN);
        VippsAuthException.ServerRefused refused =
                assertThrows(VippsAuthException.ServerRefused.class, () -> tokens.accessTokenBlocking(wrong));
        int code = refused.getCode();
        int status = refused.getStatus();
        assertEquals(3, code);
        assertEquals(401, status);
        assertEquals("invalid_client", refused.getError());
        assertTrue(refused.getHint().length() > 10);
    }

    @Test
    void defaultedArgumentsCanBeLeftOut() throws VippsAuthException {
        // Static methods and an object's methods with defaults, as constructors: no prefix, no msn.
        Config config = new Config(Environment.custom(emulator.getUrl()));
        RedisStore store = new RedisStore("redis://127.0.0.1:1", 100L);  // never reached here
        LoginClient login = new LoginClient(config, Emulator.CLIENT_ID, Emulator.CLIENT_SECRET);
        assertTrue(login.withStore(store) != login);
        assertEquals(0L, TokenManager.withStore(config, store).getCachedEntries());
        assertEquals(null, Credentials.specialized(Emulator.CLIENT_ID, Emulator.CLIENT_SECRET).getMsn());
    }

    @Test
    void aBadEnvironmentFailsWhereItIsWritten() {
        VippsAuthException.Configuration bad =
                assertThrows(VippsAuthException.Configuration.class, () -> new Environment("staging"));
        assertTrue(bad.getDetail().contains("production"), bad.getDetail());
    }

    @Test
    void aBrowserLoginWithFutures() throws Exception {
        LoginClient login = new LoginClient(new Config(Environment.custom(emulator.getUrl())), Emulator.CLIENT_ID, Emulator.CLIENT_SECRET);
        AuthorizeRequest request = new AuthorizeRequest("https://example.com/app/callback", "openid name");  // the rest defaulted
        Authorization authorization = login.authorizeAsync(request).get(10, TimeUnit.SECONDS);
        PendingLogin pending = PendingLogin.restore(authorization.getPending().serialize());
        String callback = emulator.follow(authorization.getUrl());
        LoginResult result = login.completeAsync(pending, callback, true).get(10, TimeUnit.SECONDS);
        assertTrue(result instanceof LoginResult.Completed, result.toString());
        assertEquals("Kari Nordmann", ((LoginResult.Completed) result).getLogin().getUserinfo().getName());

        // A failure arrives as the future's cause, typed: the same callback again is a replay.
        ExecutionException replay = assertThrows(ExecutionException.class,
                () -> login.completeAsync(pending, callback, true).get(10, TimeUnit.SECONDS));
        assertTrue(replay.getCause() instanceof VippsAuthException, replay.getCause().toString());
    }

    @Test
    void aPhoneLoginWithFutures() throws Exception {
        LoginClient login = new LoginClient(new Config(Environment.custom(emulator.getUrl())), Emulator.CLIENT_ID, Emulator.CLIENT_SECRET);
        String code = VippsAuth.generateBindingMessage();
        CompletableFuture<PhoneLoginResult> answered = login
                .startPhoneLoginAsync(new PhoneLoginRequest("+47 123 45 678", "name", code))
                .thenCompose(phoneLogin -> login.waitForPhoneLoginAsync(phoneLogin, true, null));
        PhoneLoginResult result = answered.get(30, TimeUnit.SECONDS);
        assertTrue(result instanceof PhoneLoginResult.Completed, result.toString());
        assertEquals("Kari Nordmann", ((PhoneLoginResult.Completed) result).getLogin().getUserinfo().getName());
    }
}
