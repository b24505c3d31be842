/* Login and phone login through the C ABI against the emulator (started with one-second
 * phone polling): a browser login (this test plays the browser and follows the 302 itself),
 * a cancelled one, a broken ID token, a phone login approved and one cancelled mid-wait from
 * a second thread, a timeout, waits sliced shorter than the polling interval, user-exists, and
 * NULL / invalid UTF-8 on every new function.
 * Usage: test_login <emulator base URL> */
#include "check.h"
#include "vipps_auth.h"

#include "emulator_http.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int port = 0;

static vipps_login_client *client_for(const char *base) {
  vipps_config *config = NULL;
  vipps_login_client *client = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CHECK(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, "emu-client-id", "emu-client-secret", &client) == VIPPS_STATUS_OK,
        "login client");
  vipps_config_free(config);
  return client;
}

static void browser_login(vipps_login_client *client) {
  char *url = NULL, *pending = NULL, *json = NULL;
  CHECK(vipps_login_authorize(client, "https://example.com/app/callback", "name", &url, &pending) == VIPPS_STATUS_OK, "authorize");
  char *callback = http_follow(port, url);
  CHECK(callback && strstr(callback, "?code="), "the emulator redirects with a code");
  CHECK(vipps_login_complete(client, pending, callback, true, &json) == VIPPS_STATUS_OK, "complete");
  CHECK(json && strstr(json, "\"sub\":\"c0ffee00-4712-4345-8678-e00000000001\"") && strstr(json, "\"name\":\"Kari Nordmann\""),
        "claims and userinfo: %s", json ? json : "(none)");
  char *again = NULL;
  CHECK(vipps_login_complete(client, pending, callback, false, &again) == VIPPS_STATUS_STATE_MISMATCH, "a replay is refused");
  CHECK(again == NULL, "nothing written on error");
  vipps_string_free(url);
  vipps_string_free(pending);
  vipps_string_free(json);
  free(callback);
}

static void cancelled_login(vipps_login_client *client) {
  char *url = NULL, *pending = NULL, *json = NULL, page_path[2048];
  CHECK(vipps_login_authorize(client, "https://example.com/app/callback", "name", &url, &pending) == VIPPS_STATUS_OK, "authorize");
  snprintf(page_path, sizeof page_path, "%s&_emulator_consent=page", http_path_of(url));
  char *page = http_once(port, "GET", page_path, NULL);
  char *ticket = page ? strstr(page, "name=\"ticket\" value=\"") : NULL;
  char form[256];
  snprintf(form, sizeof form, "ticket=%.32s&decision=cancel", ticket ? ticket + strlen("name=\"ticket\" value=\"") : "");
  char *answer = http_once(port, "POST", "/access-management-1.0/access/oauth2/auth/consent", form);
  char *callback = http_location(answer);
  CHECK(callback != NULL, "the consent page redirects");
  CHECK(vipps_login_complete(client, pending, callback ? callback : "", true, &json) == VIPPS_STATUS_LOGIN_CANCELLED,
        "a cancelled login is LOGIN_CANCELLED");
  free(page);
  free(answer);
  free(callback);
  vipps_string_free(url);
  vipps_string_free(pending);
}

static void broken_id_token(vipps_login_client *client) {
  free(http_once(port, "POST", "/_emulator/id-token", "{\"claims\":{\"aud\":[\"someone-else\"]}}"));
  char *url = NULL, *pending = NULL, *json = NULL;
  vipps_login_authorize(client, "https://example.com/app/callback", "name", &url, &pending);
  char *callback = http_follow(port, url);
  CHECK(vipps_login_complete(client, pending, callback, false, &json) == VIPPS_STATUS_ID_TOKEN_INVALID, "a token for another client");
  char *message = vipps_last_error_message();
  CHECK(message && strstr(message, "(audience)"), "the rule is named: %s", message ? message : "(none)");
  vipps_string_free(message);
  vipps_string_free(url);
  vipps_string_free(pending);
  free(callback);
}

struct canceller {
  const vipps_phone_login *login;
};

static void *cancel_later(void *arg) {
  struct timespec wait = {.tv_sec = 1, .tv_nsec = 500000000};
  nanosleep(&wait, NULL);
  vipps_phone_login_cancel(((struct canceller *)arg)->login);
  return NULL;
}

static void phone_logins(vipps_login_client *client) {
  vipps_phone_login *login = NULL;
  vipps_phone_login_outcome outcome;
  char *json = NULL;
  CHECK(vipps_phone_login_start(client, "+47 123 45 678", "name", "AB-123", &login) == VIPPS_STATUS_OK, "start");
  CHECK(vipps_phone_login_wait(client, login, 10000, true, &outcome, &json) == VIPPS_STATUS_OK, "wait");
  CHECK(outcome == VIPPS_PHONE_LOGIN_OUTCOME_COMPLETED && json && strstr(json, "Kari Nordmann"), "approved");
  vipps_string_free(json);
  vipps_phone_login_free(login);

  /* One that never answers: a short timeout first, then a wait cancelled from a thread. */
  CHECK(vipps_phone_login_start(client, "4700000002", "openid", NULL, &login) == VIPPS_STATUS_OK, "start");
  json = NULL;
  CHECK(vipps_phone_login_wait(client, login, 200, false, &outcome, &json) == VIPPS_STATUS_OK, "timed wait");
  CHECK(outcome == VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT && json == NULL, "timed out");
  struct canceller arg = {login};
  pthread_t thread;
  pthread_create(&thread, NULL, cancel_later, &arg);
  CHECK(vipps_phone_login_wait(client, login, 10000, false, &outcome, &json) == VIPPS_STATUS_OK, "wait");
  pthread_join(thread, NULL);
  CHECK(outcome == VIPPS_PHONE_LOGIN_OUTCOME_STOPPED && json == NULL, "cancelled from another thread: %d", (int)outcome);
  vipps_phone_login_free(login);

  CHECK(vipps_phone_login_start(client, "4700000004", "openid", NULL, &login) == VIPPS_STATUS_PHONE_LOGIN_REFUSED, "old app");
  bool exists = false;
  CHECK(vipps_user_exists(client, "+47 123 45 678", &exists) == VIPPS_STATUS_OK && exists, "user exists");
  CHECK(vipps_user_exists(client, "+45 12 34 56 78", &exists) == VIPPS_STATUS_OK && !exists, "user does not exist");
}

/* The arrival times (ms) of the polls since the last phone-login start, from the emulator's
 * log; how many there were. */
static int poll_arrivals(long *at, int room) {
  char *log = http_once(port, "GET", "/_emulator/requests", NULL);
  int n = 0;
  for (const char *entry = log ? strstr(log, "{\"at_ms\":") : NULL; entry; entry = strstr(entry + 1, "{\"at_ms\":")) {
    long ms = strtol(entry + strlen("{\"at_ms\":"), NULL, 10);
    const char *path = strstr(entry, "\"path\":\"");
    if (!path) break;
    path += strlen("\"path\":\"");
    if (!strncmp(path, "/vipps-login-ciba/api/backchannel/", 34)) n = 0, at[n++] = ms;
    else if (!strncmp(path, "/access-management-1.0/access/oauth2/token", 42) && n > 0 && n < room) at[n++] = ms;
  }
  free(log);
  return n;
}

/* A till's UI loop: waits of `slice_ms` until the login ends. The schedule lives in the login,
 * so every slice length completes, and the polls keep the one-second interval — six seconds
 * after a `slow_down` answered to the first poll. */
static void phone_login_in_slices(vipps_login_client *client, unsigned slice_ms, bool slow_down) {
  vipps_phone_login *login = NULL;
  vipps_phone_login_outcome outcome = VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT;
  char *json = NULL;
  CHECK(vipps_phone_login_start(client, "+47 123 45 678", "openid", NULL, &login) == VIPPS_STATUS_OK, "start");
  if (slow_down)
    free(http_once(port, "POST", "/_emulator/faults",
                   "{\"path\":\"/access-management-1.0/access/oauth2/token\",\"status\":400,"
                   "\"body\":\"{\\\"error\\\":\\\"slow_down\\\"}\"}"));
  int slices = 0;
  while (outcome == VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT && slices++ < 100)
    CHECK(vipps_phone_login_wait(client, login, slice_ms, false, &outcome, &json) == VIPPS_STATUS_OK, "slice");
  CHECK(outcome == VIPPS_PHONE_LOGIN_OUTCOME_COMPLETED && json, "%u ms slices: outcome %d after %d", slice_ms, (int)outcome, slices);
  long at[64];
  int n = poll_arrivals(at, 64);
  CHECK(n >= 2, "%u ms slices: the start and a poll in the log", slice_ms);
  for (int i = 1; i < n; i++) {
    long least = slow_down && i == 2 ? 6000 : 1000;
    CHECK(at[i] - at[i - 1] >= least, "%u ms slices: poll %d came %ld ms after the last", slice_ms, i, at[i] - at[i - 1]);
  }
  CHECK(!slow_down || n == 3, "after a slow_down: the start and two polls, not %d", n);
  vipps_string_free(json);
  vipps_phone_login_free(login);
}

static void bad_arguments(vipps_login_client *client) {
  const char bad[] = {'a', (char)0xff, 0};
  char *a = NULL, *b = NULL;
  vipps_login_client *none = NULL;
  vipps_phone_login *login = NULL;
  vipps_phone_login_outcome outcome;
  bool exists;
  vipps_config *config = NULL;
  vipps_config_new("test", &config);
  CHECK(vipps_login_client_new(NULL, VIPPS_LOGIN_AUTH_BASIC, "id", "secret", &none) == VIPPS_STATUS_CONFIGURATION, "NULL config");
  CHECK(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_POST, bad, "secret", &none) == VIPPS_STATUS_CONFIGURATION, "bad UTF-8");
  CHECK(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_POST, "id", "secret", NULL) == VIPPS_STATUS_CONFIGURATION, "NULL out");
  CHECK(vipps_login_client_new_partner(config, NULL, &none) == VIPPS_STATUS_CONFIGURATION, "NULL credentials");
  CHECK(vipps_login_authorize(NULL, "https://example.com/app/callback", "name", &a, &b) == VIPPS_STATUS_CONFIGURATION, "NULL client");
  CHECK(vipps_login_authorize(client, bad, "name", &a, &b) == VIPPS_STATUS_CONFIGURATION, "bad UTF-8 URI");
  CHECK(vipps_login_authorize(client, "myapp://", "name", &a, &b) == VIPPS_STATUS_CONFIGURATION, "a URI Vipps refuses");
  CHECK(vipps_login_complete(client, "garbage", "x", false, &a) == VIPPS_STATUS_CONFIGURATION, "garbage pending");
  CHECK(vipps_login_complete(client, NULL, "x", false, &a) == VIPPS_STATUS_CONFIGURATION, "NULL pending");
  CHECK(vipps_login_userinfo(client, bad, &a) == VIPPS_STATUS_CONFIGURATION, "bad UTF-8 token");
  CHECK(vipps_phone_login_start(client, "12345678", "openid", NULL, &login) == VIPPS_STATUS_CONFIGURATION, "no country code");
  CHECK(vipps_phone_login_start(client, bad, "openid", NULL, &login) == VIPPS_STATUS_CONFIGURATION, "bad UTF-8 phone");
  CHECK(vipps_phone_login_start(client, "4712345678", "openid", "bad message", &login) == VIPPS_STATUS_CONFIGURATION, "bad binding message");
  CHECK(vipps_phone_login_wait(client, NULL, 10, false, &outcome, &a) == VIPPS_STATUS_CONFIGURATION, "NULL login");
  CHECK(vipps_user_exists(client, NULL, &exists) == VIPPS_STATUS_CONFIGURATION, "NULL phone");
  CHECK(a == NULL && b == NULL && none == NULL && login == NULL, "nothing written on error");
  vipps_phone_login_cancel(NULL);
  vipps_phone_login_free(NULL);
  vipps_login_client_free(NULL);
  vipps_config_free(config);
}

/* One partner client for many merchants: each login names its merchant, whose MSN the
 * verified login carries; a sales unit's own client may not name one. */
static void partner_for_merchants(const char *base, vipps_login_client *own_keys) {
  free(http_once(port, "POST", "/_emulator/merchants", "{\"add\": 2}"));
  vipps_config *config = NULL;
  vipps_credentials *keys = NULL;
  vipps_login_client *partner = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CHECK(vipps_credentials_new_merchant("emu-partner-client-id", "emu-partner-client-secret",
                                       "emu-partner-subscription-key", NULL, &keys) == VIPPS_STATUS_OK, "partner keys");
  CHECK(vipps_login_client_new_partner(config, keys, &partner) == VIPPS_STATUS_OK, "partner client");
  char *url = NULL, *pending = NULL, *json = NULL;
  CHECK(vipps_login_authorize_for_merchant(partner, "https://example.com/app/callback", "name", "100002", &url,
                                           &pending) == VIPPS_STATUS_OK, "authorize for a merchant");
  CHECK(url && strstr(url, "msn=100002"), "the URL names the merchant: %s", url ? url : "(none)");
  char *callback = url ? http_follow(port, url) : NULL;
  CHECK(callback && vipps_login_complete(partner, pending, callback, false, &json) == VIPPS_STATUS_OK, "complete");
  CHECK(json && strstr(json, "\"msn\":\"100002\""), "the merchant's login: %s", json ? json : "(none)");
  char *none = NULL, *unset = NULL;
  CHECK(vipps_login_authorize(partner, "https://example.com/app/callback", "name", &none, &unset) ==
            VIPPS_STATUS_CONFIGURATION, "a partner login without a merchant");
  CHECK(vipps_login_authorize_for_merchant(own_keys, "https://example.com/app/callback", "name", "100002", &none,
                                           &unset) == VIPPS_STATUS_CONFIGURATION, "a merchant named with own keys");
  CHECK(none == NULL && unset == NULL, "nothing written on error");
  vipps_string_free(url);
  vipps_string_free(pending);
  vipps_string_free(json);
  free(callback);
  vipps_login_client_free(partner);
  vipps_credentials_free(keys);
  vipps_config_free(config);
}

int main(int argc, char **argv) {
  if (argc != 2 || sscanf(argv[1], "http://127.0.0.1:%d", &port) != 1) return 2;
  vipps_login_client *client = client_for(argv[1]);
  browser_login(client);
  cancelled_login(client);
  broken_id_token(client);
  phone_logins(client);
  phone_login_in_slices(client, 100, false);
  phone_login_in_slices(client, 300, false);
  phone_login_in_slices(client, 1000, false);
  phone_login_in_slices(client, 300, true);
  bad_arguments(client);
  partner_for_merchants(argv[1], client);
  vipps_login_client_free(client);
  if (failures) return 1;
  printf("C: browser login, cancelled, broken ID token, phone logins (approved, timed out, cancelled from a thread, "
         "waited in 100, 300 and 1000 ms slices, slowed down), bad arguments, a partner's login per merchant\n");
  return 0;
}
