/* Log in with Vipps from C: a backend's browser login (its two handlers' calls), then a
 * login from a phone number at a till. Settings from the environment: VIPPS_ENV,
 * VIPPS_CLIENT_ID and VIPPS_CLIENT_SECRET. */
#include "vipps_auth.h"

#include <stdio.h>
#include <string.h>

static int failed(const char *what) {
  char *message = vipps_last_error_message(), *hint = vipps_last_error_hint();
  fprintf(stderr, "%s: %s (hint: %s)\n", what, message ? message : "?", hint ? hint : "");
  vipps_string_free(message);
  vipps_string_free(hint);
  return 1;
}

/* The user's name from a login's JSON. Use your JSON library; this reads the one field. */
static void print_name(const char *greeting, const char *login_json) {
  const char *name = strstr(login_json, "\"name\":\"");
  int length = name ? (int)strcspn(name + 8, "\"") : 1;
  printf("%s %.*s\n", greeting, length, name ? name + 8 : "?");
}

static int browser_login(const vipps_login_client *login) {
  /* GET /login: send the browser to `url`; keep `pending` server-side, keyed by its state. */
  char *url = NULL, *pending = NULL;
  if (vipps_login_authorize(login, "https://example.com/app/callback", "name", &url, &pending)) return failed("authorize");
  printf("%s\n", url);
  fflush(stdout);
  vipps_string_free(url);

  /* GET /callback: the URL the browser came back to. */
  char callback[4096];
  if (!fgets(callback, sizeof callback, stdin)) return 1;
  callback[strcspn(callback, "\n")] = 0;
  char *login_json = NULL;  /* claims, userinfo and the access token: keep it like a secret */
  vipps_status status = vipps_login_complete(login, pending, callback, true, &login_json);
  vipps_string_free(pending);
  if (status == VIPPS_STATUS_LOGIN_CANCELLED) {
    printf("the user cancelled\n");
    return 0;
  }
  if (status != VIPPS_STATUS_OK) return failed("complete");
  print_name("logged in:", login_json);
  vipps_string_free(login_json);
  return 0;
}

static int phone_login(const vipps_login_client *login) {
  vipps_phone_login *phone_login = NULL;
  if (vipps_phone_login_start(login, "+47 123 45 678", "name", NULL, &phone_login)) return failed("phone login");
  /* Blocks, polling as Vipps allows; vipps_phone_login_cancel() from another thread stops it. */
  vipps_phone_login_outcome outcome;
  char *login_json = NULL;
  vipps_status status = vipps_phone_login_wait(login, phone_login, 120000, true, &outcome, &login_json);
  vipps_phone_login_free(phone_login);
  if (status != VIPPS_STATUS_OK) return failed("phone login");
  if (outcome == VIPPS_PHONE_LOGIN_OUTCOME_COMPLETED) {
    print_name("welcome,", login_json);
    vipps_string_free(login_json);
  } else {
    printf("not logged in (outcome %d)\n", (int)outcome);
  }
  return 0;
}

int main(void) {
  vipps_config *config = NULL;
  vipps_login_client *login = NULL;
  if (vipps_config_new_from_env(&config)) return failed("VIPPS_ENV");
  /* VIPPS_CLIENT_ID and VIPPS_CLIENT_SECRET, sent as VIPPS_LOGIN_AUTH says (basic by default). */
  int status = vipps_login_client_new_from_env(config, &login) ? failed("Login keys")
                                                               : browser_login(login) || phone_login(login);
  vipps_login_client_free(login);
  vipps_config_free(config);
  return status;
}
