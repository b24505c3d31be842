/* The C ABI against a running emulator: tokens from threads, retries, every error path,
 * NULL and invalid UTF-8, and the shared token-response vectors.
 * Usage: test_tokens <emulator base URL> <vectors file written by vectors_to_text.py> */
#include "check.h"
#include "vipps_auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *SECRET = "emu-client-secret";
static const char *KEY = "emu-subscription-key";

/* The last error's message, checked to carry no secret; caller frees. */
static char *last_message(void) {
  char *message = vipps_last_error_message();
  CHECK(message != NULL, "a failing call sets the last error");
  if (message) CHECK(strstr(message, KEY) == NULL, "no key in: %s", message);
  char *hint = vipps_last_error_hint();
  CHECK(hint != NULL && strlen(hint) > 10, "a hint comes with it");
  vipps_string_free(hint);
  return message;
}

struct worker {
  const vipps_token_manager *manager;
  const vipps_credentials *keys;
  char token[4096];
  vipps_status status;
};

static void *get_token(void *arg) {
  struct worker *w = arg;
  vipps_access_token *token = NULL;
  w->status = vipps_token_manager_get(w->manager, w->keys, &token);
  if (w->status == VIPPS_STATUS_OK) {
    snprintf(w->token, sizeof w->token, "%s", vipps_access_token_value(token));
  }
  vipps_access_token_free(token);
  return NULL;
}

static vipps_status get_with(const vipps_token_manager *manager, const char *secret, const char *key) {
  vipps_credentials *keys = NULL;
  CHECK(vipps_credentials_new_merchant("emu-client-id", secret, key, "123456", &keys) == VIPPS_STATUS_OK, "keys");
  vipps_access_token *token = NULL;
  vipps_status status = vipps_token_manager_get(manager, keys, &token);
  vipps_access_token_free(token);
  vipps_credentials_free(keys);
  return status;
}

/* With a token cached for these client_id and MSN, a wrong secret or subscription key is
 * refused by the emulator (the script counts the 401s), and a rotated secret works at once. */
static void wrong_keys_never_get_the_cached_token(const char *base, const vipps_token_manager *manager) {
  CHECK(get_with(manager, SECRET, KEY) == VIPPS_STATUS_OK, "the right keys, cached");
  CHECK(get_with(manager, "WRONG", KEY) == VIPPS_STATUS_SERVER_REFUSED, "a wrong secret is refused");
  CHECK(get_with(manager, SECRET, "WRONG-SUB") == VIPPS_STATUS_SERVER_REFUSED, "a wrong key is refused");
  char rotate[512];
  snprintf(rotate, sizeof rotate,
           "curl -sf -o /dev/null -X POST %s/_emulator/rotate-secret "
           "-d '{\"client_secret\":\"emu-rotated-secret\",\"subscription_key\":\"emu-rotated-key\"}'",
           base);
  CHECK(system(rotate) == 0, "the emulator rotated the secret");
  CHECK(get_with(manager, "emu-rotated-secret", "emu-rotated-key") == VIPPS_STATUS_OK, "a rotated secret works");
  CHECK(get_with(manager, SECRET, KEY) == VIPPS_STATUS_OK, "the old token stays cached until it expires");
}

/* The allocation-free path: the cached token copied into the caller's buffer. */
static void copy_token(const vipps_token_manager *manager, const vipps_credentials *keys) {
  char buffer[2048];
  size_t length = 0;
  CHECK(vipps_token_manager_copy_token(manager, keys, buffer, sizeof buffer, &length) == VIPPS_STATUS_OK, "copy");
  CHECK(length == strlen(buffer) && length > 100, "length without the NUL: %zu", length);
  char small[16];
  size_t needed = 0;
  CHECK(vipps_token_manager_copy_token(manager, keys, small, sizeof small, &needed) == VIPPS_STATUS_CONFIGURATION,
        "a small buffer is refused");
  CHECK(needed == length, "and told the length it needs: %zu", needed);
  char *message = last_message();
  CHECK(message && strstr(message, "capacity"), "names the capacity: %s", message);
  vipps_string_free(message);
  CHECK(vipps_token_manager_copy_token(manager, keys, NULL, 10, &needed) == VIPPS_STATUS_CONFIGURATION, "NULL buffer");
  CHECK(vipps_token_manager_copy_token(manager, keys, buffer, sizeof buffer, NULL) == VIPPS_STATUS_CONFIGURATION,
        "NULL length");
  vipps_access_token *token = NULL;
  CHECK(vipps_token_manager_get(manager, keys, &token) == VIPPS_STATUS_OK, "get");
  CHECK(token && strcmp(vipps_access_token_value(token), buffer) == 0, "the same token as get");
  vipps_access_token_free(token);
}

static void tokens_from_threads(const char *base) {
  vipps_config *config = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config for %s", base);
  CHECK(vipps_config_set_system_info(config, "c-test", "1.0", NULL, NULL) == VIPPS_STATUS_OK, "system info");
  CHECK(vipps_config_set_timeouts(config, 2000, 2000, 10000) == VIPPS_STATUS_OK, "timeouts");
  vipps_token_manager *manager = NULL;
  CHECK(vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK, "manager");
  vipps_config_free(config); /* the manager keeps its own copy */
  vipps_credentials *keys = NULL;
  CHECK(vipps_credentials_new_merchant("emu-client-id", SECRET, KEY, "123456", &keys) == VIPPS_STATUS_OK, "keys");

  /* The script injected two 503s: the first request survives them by retrying. */
  enum { THREADS = 8 };
  struct worker workers[THREADS];
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++) {
    workers[i] = (struct worker){.manager = manager, .keys = keys};
    pthread_create(&threads[i], NULL, get_token, &workers[i]);
  }
  for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
  for (int i = 0; i < THREADS; i++) {
    CHECK(workers[i].status == VIPPS_STATUS_OK, "thread %d got status %d", i, workers[i].status);
    CHECK(strcmp(workers[i].token, workers[0].token) == 0, "thread %d shares the one token", i);
  }

  vipps_access_token *token = NULL;
  CHECK(vipps_token_manager_get(manager, keys, &token) == VIPPS_STATUS_OK, "cached get");
  CHECK(strcmp(vipps_access_token_type(token), "Bearer") == 0, "Bearer");
  long long left = (long long)vipps_access_token_expires_at(token) - (long long)time(NULL);
  CHECK(left > 3500 && left <= 3600, "expires in about an hour: %lld", left);
  vipps_access_token_free(token);

  CHECK(vipps_token_manager_invalidate(manager, keys) == VIPPS_STATUS_OK, "invalidate");
  token = NULL;
  CHECK(vipps_token_manager_get(manager, keys, &token) == VIPPS_STATUS_OK, "get after invalidate");
  CHECK(strcmp(vipps_access_token_value(token), workers[0].token) != 0, "a new token after invalidate");
  vipps_access_token_free(token);

  vipps_credentials *specialized = NULL;
  CHECK(vipps_credentials_new_specialized("emu-client-id", SECRET, NULL, &specialized) == VIPPS_STATUS_OK, "keys");
  token = NULL;
  CHECK(vipps_token_manager_get(manager, specialized, &token) == VIPPS_STATUS_OK, "specialized");
  left = (long long)vipps_access_token_expires_at(token) - (long long)time(NULL);
  CHECK(left > 880 && left <= 900, "900 s specialized token: %lld", left);
  vipps_access_token_free(token);
  vipps_credentials_free(specialized);

  /* Refused: a typed status, the server's words, a hint, no secret. */
  vipps_credentials *wrong = NULL;
  CHECK(vipps_credentials_new_merchant("emu-client-id", "wrong-secret", KEY, NULL, &wrong) == VIPPS_STATUS_OK, "keys");
  token = (vipps_access_token *)0x1;
  CHECK(vipps_token_manager_get(manager, wrong, &token) == VIPPS_STATUS_SERVER_REFUSED, "wrong secret refused");
  CHECK(token == (vipps_access_token *)0x1, "out untouched on failure");
  char *message = last_message();
  CHECK(message && strstr(message, "invalid_client"), "message names the OAuth error: %s", message);
  vipps_string_free(message);
  vipps_credentials_free(wrong);

  copy_token(manager, keys);
  wrong_keys_never_get_the_cached_token(base, manager);
  vipps_credentials_free(keys);
  vipps_token_manager_free(manager);
}

static void bad_input(const char *base) {
  vipps_config *config = NULL;
  CHECK(vipps_config_new(NULL, &config) == VIPPS_STATUS_CONFIGURATION && config == NULL, "NULL environment");
  char *message = last_message();
  CHECK(message && strstr(message, "environment"), "names the argument: %s", message);
  vipps_string_free(message);
  CHECK(vipps_config_new("staging", &config) == VIPPS_STATUS_CONFIGURATION, "unknown environment");
  CHECK(vipps_config_new("http://example.com", &config) == VIPPS_STATUS_CONFIGURATION, "http off loopback");
  CHECK(vipps_config_new(base, NULL) == VIPPS_STATUS_CONFIGURATION, "NULL out");
  const char invalid_utf8[] = {'t', (char)0xff, 'e', 0};
  CHECK(vipps_config_new(invalid_utf8, &config) == VIPPS_STATUS_CONFIGURATION, "invalid UTF-8");
  message = last_message();
  CHECK(message && strstr(message, "UTF-8"), "says UTF-8: %s", message);
  vipps_string_free(message);

  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CHECK(vipps_config_set_system_info(config, "this name is far longer than thirty characters", NULL, NULL, NULL) ==
            VIPPS_STATUS_CONFIGURATION, "system name too long");
  CHECK(vipps_config_set_timeouts(config, 0, 1, 1) == VIPPS_STATUS_CONFIGURATION, "zero timeout");
  CHECK(vipps_config_set_timeouts(NULL, 1, 1, 1) == VIPPS_STATUS_CONFIGURATION, "NULL config");

  vipps_credentials *keys = NULL;
  CHECK(vipps_credentials_new_merchant("id", NULL, KEY, NULL, &keys) == VIPPS_STATUS_CONFIGURATION, "NULL secret");
  CHECK(vipps_credentials_new_merchant("id", "s", KEY, "12", &keys) == VIPPS_STATUS_CONFIGURATION, "bad MSN");
  CHECK(vipps_credentials_new_specialized("id", invalid_utf8, NULL, &keys) == VIPPS_STATUS_CONFIGURATION, "bad UTF-8");
  CHECK(keys == NULL, "no handle on failure");

  vipps_token_manager *manager = NULL;
  CHECK(vipps_token_manager_new(NULL, &manager) == VIPPS_STATUS_CONFIGURATION, "NULL config");
  CHECK(vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK, "manager");
  vipps_access_token *token = NULL;
  CHECK(vipps_token_manager_get(manager, NULL, &token) == VIPPS_STATUS_CONFIGURATION, "NULL credentials");
  CHECK(vipps_token_manager_get(NULL, NULL, NULL) == VIPPS_STATUS_CONFIGURATION, "all NULL");
  CHECK(vipps_token_manager_invalidate(manager, NULL) == VIPPS_STATUS_CONFIGURATION, "NULL credentials");
  CHECK(vipps_access_token_value(NULL) == NULL && vipps_access_token_expires_at(NULL) == 0, "NULL token reads");

  /* After a success the last error is cleared. */
  CHECK(vipps_config_set_timeouts(config, 1000, 1000, 1000) == VIPPS_STATUS_OK, "timeouts");
  CHECK(vipps_last_error_message() == NULL, "cleared on success");

  vipps_config_free(NULL);
  vipps_credentials_free(NULL);
  vipps_token_manager_free(NULL);
  vipps_access_token_free(NULL);
  vipps_string_free(NULL);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
}

static const char *status_name(vipps_status status) {
  switch (status) {
    case VIPPS_STATUS_OK: return "ok";
    case VIPPS_STATUS_CONFIGURATION: return "configuration";
    case VIPPS_STATUS_NETWORK: return "network";
    case VIPPS_STATUS_SERVER_REFUSED: return "server_refused";
    case VIPPS_STATUS_LOGIN_CANCELLED: return "login_cancelled";
    case VIPPS_STATUS_STATE_MISMATCH: return "state_mismatch";
    case VIPPS_STATUS_ID_TOKEN_INVALID: return "id_token_invalid";
    case VIPPS_STATUS_PROTOCOL: return "protocol";
    case VIPPS_STATUS_INTERNAL: return "internal";
    case VIPPS_STATUS_LOGIN_FAILED: return "login_failed";
    case VIPPS_STATUS_PHONE_LOGIN_REFUSED: return "phone_login_refused";
    case VIPPS_STATUS_LOGIN_EXPIRED: return "login_expired";
    case VIPPS_STATUS_STORE_UNAVAILABLE: return "store_unavailable";
  }
  return "?";
}

/* Each case: a line "status sent_at body_len expected lifetime hint_phrase|-", then the
 * body bytes, then a newline. */
static void vectors(const char *path) {
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL, "open %s", path);
  if (!f) return;
  int cases = 0;
  unsigned status;
  long long sent_at, lifetime;
  size_t len;
  char expected[64], phrase[256];
  while (fscanf(f, "%u %lld %zu %63s %lld %255[^\n]", &status, &sent_at, &len, expected, &lifetime, phrase) == 6) {
    fgetc(f);
    char *body = malloc(len + 1);
    CHECK(fread(body, 1, len, f) == len, "read body");
    fgetc(f);
    vipps_access_token *token = NULL;
    vipps_status got = vipps_token_response_decode((uint16_t)status, (const uint8_t *)body, len, sent_at, &token);
    CHECK(strcmp(status_name(got), expected) == 0, "case %d: expected %s, got %s", cases, expected, status_name(got));
    if (got == VIPPS_STATUS_OK) {
      CHECK(vipps_access_token_expires_at(token) - sent_at == lifetime, "case %d: lifetime", cases);
    } else if (strcmp(phrase, "-") != 0) {
      char *hint = vipps_last_error_hint();
      CHECK(hint && strstr(hint, phrase), "case %d: hint has '%s': %s", cases, phrase, hint ? hint : "(null)");
      vipps_string_free(hint);
    }
    vipps_access_token_free(token);
    free(body);
    cases++;
  }
  fclose(f);
  CHECK(cases >= 20, "ran the vectors: %d", cases);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <emulator base URL> <vectors.txt>\n", argv[0]);
    return 2;
  }
  char macros[32];
  snprintf(macros, sizeof macros, "%d.%d.%d", VIPPS_AUTH_VERSION_MAJOR, VIPPS_AUTH_VERSION_MINOR,
           VIPPS_AUTH_VERSION_PATCH);
  CHECK(strcmp(vipps_version(), macros) == 0, "library %s, header %s", vipps_version(), macros);
  tokens_from_threads(argv[1]);
  bad_input(argv[1]);
  vectors(argv[2]);
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C tests passed\n");
  return 0;
}
