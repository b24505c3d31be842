/* The metrics through the C ABI, in a process of its own against a fresh emulator (one-second
 * phone polling): three token fetches (the first after two 503s), one invalid_client, five
 * logins (three completed, one cancelled, one with an ID token for another audience) and a
 * phone login answered slow_down once yield exactly the expected counts in the Prometheus
 * text, and the JSON snapshot names the same series.
 * Usage: test_metrics <emulator base URL> */
#include "check.h"
#include "emulator_http.h"
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int port = 0;

static void tokens(const char *base) {
  vipps_config *config = NULL;
  vipps_token_manager *manager = NULL;
  vipps_credentials *merchant = NULL, *specialized = NULL, *wrong = NULL;
  vipps_access_token *token = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CHECK(vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK, "manager");
  vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456", &merchant);
  CHECK(vipps_credentials_set_metrics_name(merchant, "shop-eu") == VIPPS_STATUS_OK, "a name of our own");
  CHECK(vipps_credentials_set_metrics_name(merchant, "123456") == VIPPS_STATUS_CONFIGURATION, "never the MSN");
  vipps_credentials_new_specialized("emu-client-id", "emu-client-secret", NULL, &specialized);
  vipps_credentials_new_merchant("emu-client-id", "wrong-secret", "emu-subscription-key", NULL, &wrong);
  free(http_once(port, "POST", "/_emulator/faults", "{\"path\":\"/accesstoken/get\",\"count\":2,\"status\":503}"));
  vipps_credentials *asks[] = {merchant, merchant, specialized};
  for (int i = 0; i < 3; i++) {
    CHECK(vipps_token_manager_get(manager, asks[i], &token) == VIPPS_STATUS_OK, "token %d", i);
    vipps_access_token_free(token);
  }
  vipps_token_manager_invalidate(manager, merchant);
  CHECK(vipps_token_manager_get(manager, merchant, &token) == VIPPS_STATUS_OK, "fetched again");
  vipps_access_token_free(token);
  token = NULL;
  CHECK(vipps_token_manager_get(manager, wrong, &token) == VIPPS_STATUS_SERVER_REFUSED, "invalid_client");
  vipps_credentials_free(merchant);
  vipps_credentials_free(specialized);
  vipps_credentials_free(wrong);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
}

/* One login; `decision` "accept" follows the redirect, "cancel" uses the consent page. */
static vipps_status login(vipps_login_client *client, const char *decision) {
  char *url = NULL, *pending = NULL, *json = NULL, *callback = NULL;
  CHECK(vipps_login_authorize(client, "https://example.com/app/callback", "name", &url, &pending) == VIPPS_STATUS_OK,
        "authorize");
  if (strcmp(decision, "accept") == 0) {
    callback = http_follow(port, url);
  } else {
    char path[2048], form[256];
    snprintf(path, sizeof path, "%s&_emulator_consent=page", http_path_of(url));
    char *page = http_once(port, "GET", path, NULL);
    const char *ticket = page ? strstr(page, "name=\"ticket\" value=\"") : NULL;
    snprintf(form, sizeof form, "ticket=%.32s&decision=cancel", ticket ? ticket + strlen("name=\"ticket\" value=\"") : "");
    char *answer = http_once(port, "POST", "/access-management-1.0/access/oauth2/auth/consent", form);
    callback = http_location(answer);
    free(page);
    free(answer);
  }
  vipps_status status = vipps_login_complete(client, pending, callback ? callback : "", true, &json);
  vipps_string_free(json);
  vipps_string_free(url);
  vipps_string_free(pending);
  free(callback);
  return status;
}

static void logins_and_a_phone_login(const char *base) {
  vipps_config *config = NULL;
  vipps_login_client *client = NULL;
  vipps_config_new(base, &config);
  CHECK(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, "emu-client-id", "emu-client-secret", &client) ==
            VIPPS_STATUS_OK, "login client");
  for (int i = 0; i < 3; i++) CHECK(login(client, "accept") == VIPPS_STATUS_OK, "login %d", i);
  CHECK(login(client, "cancel") == VIPPS_STATUS_LOGIN_CANCELLED, "cancelled");
  free(http_once(port, "POST", "/_emulator/id-token", "{\"claims\":{\"aud\":[\"someone-else\"]}}"));
  CHECK(login(client, "accept") == VIPPS_STATUS_ID_TOKEN_INVALID, "another audience");

  vipps_phone_login *phone = NULL;
  vipps_phone_login_outcome outcome = VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT;
  char *json = NULL;
  CHECK(vipps_phone_login_start(client, "+47 123 45 678", "openid", NULL, &phone) == VIPPS_STATUS_OK, "phone start");
  free(http_once(port, "POST", "/_emulator/faults",
                 "{\"path\":\"/access-management-1.0/access/oauth2/token\",\"status\":400,"
                 "\"body\":\"{\\\"error\\\":\\\"slow_down\\\"}\"}"));
  CHECK(vipps_phone_login_wait(client, phone, 30000, false, &outcome, &json) == VIPPS_STATUS_OK &&
            outcome == VIPPS_PHONE_LOGIN_OUTCOME_COMPLETED, "the phone login completes: %d", (int)outcome);
  vipps_string_free(json);
  vipps_phone_login_free(phone);
  vipps_login_client_free(client);
  vipps_config_free(config);
}

/* The line `series value` is in the exposition. */
static void expect(const char *text, const char *series, const char *value) {
  char line[512];
  snprintf(line, sizeof line, "\n%s %s\n", series, value);
  CHECK(text && strstr(text, line), "expected `%s %s`", series, value);
}

int main(int argc, char **argv) {
  if (argc != 2 || sscanf(argv[1], "http://127.0.0.1:%d", &port) != 1) return 2;
  tokens(argv[1]);
  logins_and_a_phone_login(argv[1]);
  char *text = NULL, *json = NULL;
  CHECK(vipps_metrics_prometheus(&text) == VIPPS_STATUS_OK, "the Prometheus text");
  expect(text, "vipps_auth_requests_total{endpoint=\"access_token\",outcome=\"2xx\"}", "2");
  expect(text, "vipps_auth_requests_total{endpoint=\"access_token\",outcome=\"5xx\"}", "2");
  expect(text, "vipps_auth_requests_total{endpoint=\"access_token\",outcome=\"4xx\"}", "1");
  expect(text, "vipps_auth_requests_total{endpoint=\"specialized_token\",outcome=\"2xx\"}", "1");
  expect(text, "vipps_auth_retries_total{endpoint=\"access_token\"}", "2");
  expect(text, "vipps_auth_credential_token_requests_total{credential=\"shop-eu\",outcome=\"ok\"}", "2");
  expect(text, "vipps_auth_token_gets_total{level=\"cached\"}", "1");
  expect(text, "vipps_auth_token_gets_total{level=\"fetched\"}", "4");
  expect(text, "vipps_auth_token_errors_total{kind=\"server_refused\"}", "1");
  expect(text, "vipps_auth_logins_total{event=\"started\"}", "5");
  expect(text, "vipps_auth_logins_total{event=\"completed\"}", "3");
  expect(text, "vipps_auth_logins_total{event=\"cancelled\"}", "1");
  expect(text, "vipps_auth_logins_total{event=\"failed\"}", "1");
  expect(text, "vipps_auth_id_token_refusals_total{rule=\"audience\"}", "1");
  expect(text, "vipps_auth_requests_total{endpoint=\"login_token\",outcome=\"2xx\"}", "4");
  expect(text, "vipps_auth_requests_total{endpoint=\"userinfo\",outcome=\"2xx\"}", "3");
  expect(text, "vipps_auth_requests_total{endpoint=\"discovery\",outcome=\"2xx\"}", "1");
  expect(text, "vipps_auth_phone_logins_total{event=\"started\"}", "1");
  expect(text, "vipps_auth_phone_logins_total{event=\"completed\"}", "1");
  expect(text, "vipps_auth_phone_slow_downs_total", "1");
  CHECK(vipps_metrics_json(&json) == VIPPS_STATUS_OK && json && strstr(json, "\"name\":\"vipps_auth_logins_total\""),
        "the JSON snapshot");
  CHECK(vipps_metrics_json(NULL) == VIPPS_STATUS_CONFIGURATION, "a NULL out");
  if (failures) fputs(text ? text : "(no text)\n", stderr);
  vipps_string_free(text);
  vipps_string_free(json);
  if (failures) return 1;
  printf("C: the scripted scenario gave exactly the expected metrics (Prometheus text and JSON)\n");
  return 0;
}
