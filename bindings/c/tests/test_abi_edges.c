/* Every vipps_* function of the header, fed what a careless or hostile C caller passes: NULL
 * for each pointer, invalid UTF-8 for each string, enums out of range, zero and impossible
 * sizes. Each call must return its typed status (VIPPS_STATUS_CONFIGURATION, never a crash,
 * never INTERNAL) and write nothing; run under valgrind and under ASan/UBSan.
 * Usage: test_abi_edges <emulator base URL> */
#include "check.h"
#include "vipps_auth.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char BAD[] = {'a', (char)0xff, (char)0xfe, 0};
#define CONFIG_ERROR(call) CHECK((call) == VIPPS_STATUS_CONFIGURATION, "%s", #call)

static void strings_and_errors(void) {
  char *hint = NULL, *masked = NULL;
  CONFIG_ERROR(vipps_phone_number_normalize(NULL, &hint, &masked));
  CONFIG_ERROR(vipps_phone_number_normalize(BAD, &hint, &masked));
  CONFIG_ERROR(vipps_phone_number_normalize("+4712345678", NULL, &masked));
  CONFIG_ERROR(vipps_phone_number_normalize("+4712345678", &hint, NULL));
  CONFIG_ERROR(vipps_binding_message_check(NULL));
  CONFIG_ERROR(vipps_binding_message_check(BAD));
  CHECK(hint == NULL && masked == NULL, "nothing written");
  char *message = vipps_last_error_message(), *why = vipps_last_error_hint();
  CHECK(message && why, "the last error is kept");
  vipps_string_free(message);
  vipps_string_free(why);
  vipps_string_free(NULL);
  CHECK(vipps_version() && strlen(vipps_version()) > 0, "a version");
}

static void decoders(void) {
  vipps_access_token *token = NULL;
  const uint8_t body[] = "{}";
  CONFIG_ERROR(vipps_token_response_decode(200, NULL, 5, 0, &token));
  CONFIG_ERROR(vipps_token_response_decode(200, body, SIZE_MAX, 0, &token));
  CONFIG_ERROR(vipps_token_response_decode(200, body, 2, 0, NULL));
  CHECK(vipps_token_response_decode(200, NULL, 0, 0, &token) == VIPPS_STATUS_PROTOCOL, "an empty body");
  CHECK(vipps_token_response_decode(200, body, 2, INT64_MIN, &token) == VIPPS_STATUS_PROTOCOL, "any sent_at");
  const uint8_t far[] = "{\"access_token\":\"t\",\"expires_in\":60}";
  CHECK(vipps_token_response_decode(200, far, sizeof far - 1, INT64_MAX, &token) == VIPPS_STATUS_OK, "a sent_at past any clock");
  vipps_access_token_free(token);
  token = NULL;
  CONFIG_ERROR(vipps_login_token_answer_decode(200, NULL, 1));
  CONFIG_ERROR(vipps_login_token_answer_decode(200, body, SIZE_MAX));
  CHECK(vipps_login_token_answer_decode(0, NULL, 0) != VIPPS_STATUS_OK, "status 0");
  CHECK(vipps_access_token_value(NULL) == NULL && vipps_access_token_type(NULL) == NULL, "NULL token");
  CHECK(vipps_access_token_expires_at(NULL) == 0, "NULL token expiry");
  vipps_access_token_free(NULL);
  CHECK(token == NULL, "nothing written");

  const char *ok = "x";
  CONFIG_ERROR(vipps_id_token_verify(NULL, "{\"keys\":[]}", ok, ok, NULL, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(BAD, "{\"keys\":[]}", ok, ok, NULL, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, NULL, ok, ok, NULL, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", NULL, ok, NULL, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", ok, BAD, NULL, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", ok, NULL, BAD, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", ok, NULL, NULL, ok, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", ok, ok, NULL, NULL, NULL, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", ok, ok, NULL, ok, BAD, 60, 0));
  CONFIG_ERROR(vipps_id_token_verify(ok, "{\"keys\":[]}", ok, ok, NULL, ok, NULL, UINT32_MAX, INT64_MAX));
  vipps_id_token_verifier *verifier = NULL;
  const char *jwks = "{\"keys\":[]}";
  CONFIG_ERROR(vipps_id_token_verifier_new(NULL, ok, ok, NULL, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(BAD, ok, ok, NULL, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, NULL, ok, NULL, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, BAD, ok, NULL, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, ok, BAD, NULL, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, ok, NULL, BAD, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, ok, NULL, NULL, 60, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, ok, ok, NULL, UINT32_MAX, &verifier));
  CONFIG_ERROR(vipps_id_token_verifier_new(jwks, ok, ok, NULL, 60, NULL));
  CHECK(verifier == NULL, "nothing written");
  CHECK(vipps_id_token_verifier_new(jwks, ok, ok, NULL, 60, &verifier) == VIPPS_STATUS_OK, "an empty key set");
  char *claims = NULL;
  CONFIG_ERROR(vipps_id_token_verifier_verify(NULL, ok, ok, NULL, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, NULL, ok, NULL, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, BAD, ok, NULL, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, ok, NULL, NULL, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, ok, BAD, NULL, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, ok, "", NULL, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, ok, ok, BAD, 0, &claims));
  CONFIG_ERROR(vipps_id_token_verifier_verify(verifier, ok, ok, NULL, 0, NULL));
  CHECK(claims == NULL, "nothing written");
  vipps_id_token_verifier_free(verifier);
  vipps_id_token_verifier_free(NULL);

  vipps_app_url_kind kind;
  char *state = NULL, *detail = NULL;
  const char *pending[] = {BAD};
  CONFIG_ERROR(vipps_app_url_parse(NULL, NULL, 0, &kind, &state, &detail));
  CONFIG_ERROR(vipps_app_url_parse(BAD, NULL, 0, &kind, &state, &detail));
  CONFIG_ERROR(vipps_app_url_parse("myapp://cb", NULL, 3, &kind, &state, &detail));
  CONFIG_ERROR(vipps_app_url_parse("myapp://cb", pending, SIZE_MAX, &kind, &state, &detail));
  CONFIG_ERROR(vipps_app_url_parse("myapp://cb", pending, 1, &kind, &state, &detail));
  CONFIG_ERROR(vipps_app_url_parse("myapp://cb", NULL, 0, NULL, &state, &detail));
  CONFIG_ERROR(vipps_app_url_parse("myapp://cb", NULL, 0, &kind, NULL, &detail));
  CONFIG_ERROR(vipps_app_url_parse("myapp://cb", NULL, 0, &kind, &state, NULL));
  CHECK(state == NULL && detail == NULL, "nothing written");
}

static void configs_and_credentials(void) {
  vipps_config *config = NULL;
  vipps_credentials *keys = NULL;
  CONFIG_ERROR(vipps_config_new(NULL, &config));
  CONFIG_ERROR(vipps_config_new(BAD, &config));
  CONFIG_ERROR(vipps_config_new("", &config));
  CONFIG_ERROR(vipps_config_new("test", NULL));
  CHECK(config == NULL, "nothing written");
  CHECK(vipps_config_new("test", &config) == VIPPS_STATUS_OK, "config");
  CONFIG_ERROR(vipps_config_set_system_info(NULL, "a", "1", NULL, NULL));
  CONFIG_ERROR(vipps_config_set_system_info(config, BAD, "1", NULL, NULL));
  CONFIG_ERROR(vipps_config_set_system_info(config, "a", "1", BAD, NULL));
  CONFIG_ERROR(vipps_config_set_system_info(config, "a\r\nX-Injected: 1", "1", NULL, NULL));
  CONFIG_ERROR(vipps_config_set_timeouts(NULL, 1, 1, 1));
  CONFIG_ERROR(vipps_config_set_timeouts(config, 0, 1000, 1000));
  CONFIG_ERROR(vipps_config_set_timeouts(config, 1000, 0, 1000));
  CONFIG_ERROR(vipps_config_set_timeouts(config, 1000, 1000, 0));
  CHECK(vipps_config_set_timeouts(config, UINT64_MAX, UINT64_MAX, UINT64_MAX) != VIPPS_STATUS_INTERNAL, "huge timeouts");
  CONFIG_ERROR(vipps_config_set_max_retries(NULL, 1));
  CONFIG_ERROR(vipps_config_set_max_retries(config, UINT32_MAX));
  vipps_config_free(config);
  vipps_config_free(NULL);

  CONFIG_ERROR(vipps_credentials_new_merchant(NULL, "s", "k", NULL, &keys));
  CONFIG_ERROR(vipps_credentials_new_merchant("id", BAD, "k", NULL, &keys));
  CONFIG_ERROR(vipps_credentials_new_merchant("id", "s", NULL, NULL, &keys));
  CONFIG_ERROR(vipps_credentials_new_merchant("id", "s", "k", BAD, &keys));
  CONFIG_ERROR(vipps_credentials_new_merchant("id", "s", "k", "not-an-msn", &keys));
  CONFIG_ERROR(vipps_credentials_new_merchant("id", "s", "k", NULL, NULL));
  CONFIG_ERROR(vipps_credentials_new_specialized(NULL, "s", NULL, &keys));
  CONFIG_ERROR(vipps_credentials_new_specialized("id", BAD, NULL, &keys));
  CONFIG_ERROR(vipps_credentials_new_specialized("id", "s", NULL, NULL));
  CHECK(keys == NULL, "nothing written");
  vipps_credentials_free(NULL);
}

static void token_manager(const char *base) {
  vipps_config *config = NULL;
  vipps_token_manager *manager = NULL;
  vipps_credentials *keys = NULL;
  vipps_access_token *token = NULL;
  CONFIG_ERROR(vipps_token_manager_new(NULL, &manager));
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CONFIG_ERROR(vipps_token_manager_new(config, NULL));
  CHECK(vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK, "manager");
  CHECK(vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", NULL, &keys) == VIPPS_STATUS_OK,
        "keys");
  CONFIG_ERROR(vipps_token_manager_get(NULL, keys, &token));
  CONFIG_ERROR(vipps_token_manager_get(manager, NULL, &token));
  CONFIG_ERROR(vipps_token_manager_get(manager, keys, NULL));
  char buffer[8];
  size_t length = 0;
  CONFIG_ERROR(vipps_token_manager_copy_token(NULL, keys, buffer, sizeof buffer, &length));
  CONFIG_ERROR(vipps_token_manager_copy_token(manager, NULL, buffer, sizeof buffer, &length));
  CONFIG_ERROR(vipps_token_manager_copy_token(manager, keys, NULL, 64, &length));
  CONFIG_ERROR(vipps_token_manager_copy_token(manager, keys, buffer, SIZE_MAX, &length));
  CONFIG_ERROR(vipps_token_manager_copy_token(manager, keys, buffer, sizeof buffer, NULL));
  CONFIG_ERROR(vipps_token_manager_copy_token(manager, keys, buffer, 0, &length));
  CHECK(length > sizeof buffer, "a buffer too small says what it needs: %zu", length);
  CONFIG_ERROR(vipps_token_manager_copy_token(manager, keys, buffer, sizeof buffer, &length));
  CONFIG_ERROR(vipps_token_manager_invalidate(NULL, keys));
  CONFIG_ERROR(vipps_token_manager_invalidate(manager, NULL));
  CHECK(token == NULL, "nothing written");
  vipps_token_manager_free(NULL);
  vipps_token_manager_free(manager);
  vipps_credentials_free(keys);
  vipps_config_free(config);
}

static void login(const char *base) {
  vipps_config *config = NULL;
  vipps_login_client *client = NULL;
  char *a = NULL, *b = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  for (int auth = -1; auth <= 1000; auth += auth < 3 ? 1 : 997) {
    if (auth == VIPPS_LOGIN_AUTH_BASIC || auth == VIPPS_LOGIN_AUTH_POST) continue;
    CHECK(vipps_login_client_new(config, auth, "id", "secret", &client) == VIPPS_STATUS_CONFIGURATION,
          "vipps_login_auth %d is refused", auth);
  }
  CONFIG_ERROR(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, "id", BAD, &client));
  CONFIG_ERROR(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, NULL, "secret", &client));
  CONFIG_ERROR(vipps_login_client_new_partner(config, NULL, &client));
  CONFIG_ERROR(vipps_login_client_new_partner(NULL, NULL, &client));
  CONFIG_ERROR(vipps_login_client_new_from_env(NULL, &client));
  CONFIG_ERROR(vipps_login_client_new_from_env(config, NULL));
  CHECK(client == NULL, "nothing written");
  CHECK(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, "emu-client-id", "emu-client-secret", &client) == VIPPS_STATUS_OK,
        "client");
  CONFIG_ERROR(vipps_login_authorize(client, NULL, "name", &a, &b));
  CONFIG_ERROR(vipps_login_authorize(client, "https://example.com/app/callback", BAD, &a, &b));
  CONFIG_ERROR(vipps_login_authorize(client, "https://example.com/app/callback", "name", NULL, &b));
  CONFIG_ERROR(vipps_login_authorize(client, "https://example.com/app/callback", "name", &a, NULL));
  CONFIG_ERROR(vipps_login_complete(NULL, "p", "c", false, &a));
  CONFIG_ERROR(vipps_login_complete(client, BAD, "c", false, &a));
  CONFIG_ERROR(vipps_login_complete(client, "vipps-login.v1.e30", NULL, false, &a));
  CONFIG_ERROR(vipps_login_complete(client, "vipps-login.v1.e30", "c", false, NULL));
  CONFIG_ERROR(vipps_login_userinfo(NULL, "t", &a));
  CONFIG_ERROR(vipps_login_userinfo(client, NULL, &a));
  CONFIG_ERROR(vipps_login_userinfo(client, "t", NULL));

  vipps_phone_login *phone = NULL;
  vipps_phone_login_outcome outcome;
  bool exists;
  CONFIG_ERROR(vipps_phone_login_start(NULL, "4712345678", "openid", NULL, &phone));
  CONFIG_ERROR(vipps_phone_login_start(client, NULL, "openid", NULL, &phone));
  CONFIG_ERROR(vipps_phone_login_start(client, "4712345678", NULL, NULL, &phone));
  CONFIG_ERROR(vipps_phone_login_start(client, "4712345678", BAD, NULL, &phone));
  CONFIG_ERROR(vipps_phone_login_start(client, "4712345678", "openid", BAD, &phone));
  CONFIG_ERROR(vipps_phone_login_start(client, "4712345678", "openid", NULL, NULL));
  CONFIG_ERROR(vipps_phone_login_wait(NULL, NULL, 0, false, &outcome, &a));
  CONFIG_ERROR(vipps_phone_login_wait(client, NULL, UINT32_MAX, false, &outcome, &a));
  CONFIG_ERROR(vipps_user_exists(NULL, "4712345678", &exists));
  CONFIG_ERROR(vipps_user_exists(client, BAD, &exists));
  CONFIG_ERROR(vipps_user_exists(client, "4712345678", NULL));
  CHECK(vipps_phone_login_start(client, "4712345678", "openid", NULL, &phone) == VIPPS_STATUS_OK, "a phone login");
  CONFIG_ERROR(vipps_phone_login_wait(client, phone, 0, false, NULL, &a));
  CONFIG_ERROR(vipps_phone_login_wait(client, phone, 0, false, &outcome, NULL));
  CHECK(vipps_phone_login_wait(client, phone, 0, false, &outcome, &a) == VIPPS_STATUS_OK &&
            outcome == VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT,
        "a zero timeout times out");
  vipps_phone_login_cancel(phone);
  CHECK(vipps_phone_login_wait(client, phone, UINT32_MAX, false, &outcome, &a) == VIPPS_STATUS_OK &&
            outcome == VIPPS_PHONE_LOGIN_OUTCOME_STOPPED,
        "a cancelled login stops at once whatever the timeout");
  vipps_phone_login_cancel(NULL);
  vipps_phone_login_free(phone);
  vipps_phone_login_free(NULL);
  CHECK(a == NULL && b == NULL, "nothing written");
  vipps_login_client_free(client);
  vipps_login_client_free(NULL);
  vipps_config_free(config);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  strings_and_errors();
  decoders();
  configs_and_credentials();
  token_manager(argv[1]);
  login(argv[1]);
  if (failures) return 1;
  printf("C: every vipps_* function refused NULL, invalid UTF-8, out-of-range enums and impossible sizes\n");
  return 0;
}
