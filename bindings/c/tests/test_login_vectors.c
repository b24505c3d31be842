/* The shared Login vectors through the C ABI: the token endpoint's answers and ID tokens.
 * Usage: test_login_vectors <file written by login_vectors_to_text.py> */
#include "check.h"
#include "vipps_auth.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *name_of(vipps_status status) {
  switch (status) {
    case VIPPS_STATUS_OK: return "ok";
    case VIPPS_STATUS_SERVER_REFUSED: return "server_refused";
    case VIPPS_STATUS_PROTOCOL: return "protocol";
    case VIPPS_STATUS_ID_TOKEN_INVALID: return "id_token_invalid";
    default: return "other";
  }
}

static void fail(const char *what, const char *expected, const char *got) {
  failures++;
  fprintf(stderr, "FAIL %s: expected %s, got %s\n", what, expected, got);
}

/* With a token that verifies (fields: token, jwks, issuer, client_id, nonce): the offline
 * verifier keeps the Login client's rules whatever the caller passes. */
static void the_verifier_keeps_its_rules(char **fields, long long now) {
  CHECK(vipps_id_token_verify(fields[0], fields[1], fields[2], fields[3], NULL, fields[4], NULL, UINT32_MAX, now) ==
            VIPPS_STATUS_CONFIGURATION,
        "a leeway of UINT32_MAX would switch off exp and iat");
  CHECK(vipps_id_token_verify(fields[0], fields[1], fields[2], fields[3], NULL, fields[4], NULL, 601, now) ==
            VIPPS_STATUS_CONFIGURATION,
        "at most 600 s of leeway");
  CHECK(vipps_id_token_verify(fields[0], fields[1], fields[2], fields[3], "654321", fields[4], NULL, 60, now) ==
            VIPPS_STATUS_ID_TOKEN_INVALID,
        "a client_id and a wrong msn: both are checked");
  CHECK(vipps_id_token_verify(fields[0], fields[1], fields[2], "another-client", "123456", fields[4], NULL, 60, now) ==
            VIPPS_STATUS_ID_TOKEN_INVALID,
        "a wrong client_id beside the right msn: both are checked");
  CHECK(vipps_id_token_verify(fields[0], fields[1], fields[2], fields[3], NULL, "", NULL, 60, now) == VIPPS_STATUS_CONFIGURATION,
        "an empty nonce matches no login");
}

/* The same verification through a verifier handle (the JWKS read once): the same status, and
 * on success the claims as JSON naming the subject and the issuer. */
static vipps_status through_a_verifier(char **fields, const char *client_id, const char *msn, const char *acr,
                                       unsigned leeway, long long now) {
  vipps_id_token_verifier *verifier = NULL;
  vipps_status status = vipps_id_token_verifier_new(fields[1], fields[2], client_id, msn, leeway, &verifier);
  if (status != VIPPS_STATUS_OK) return status;
  char *claims = NULL;
  status = vipps_id_token_verifier_verify(verifier, fields[0], fields[4], acr, now, &claims);
  if (status == VIPPS_STATUS_OK) {
    char issuer[256];
    snprintf(issuer, sizeof issuer, "\"iss\":\"%s\"", fields[2]);
    CHECK(claims && strstr(claims, "\"sub\":\"") && strstr(claims, issuer), "the claims as JSON");
  } else {
    CHECK(claims == NULL, "nothing written on failure");
  }
  vipps_string_free(claims);
  vipps_id_token_verifier_free(verifier);
  return status;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  char *line = NULL, *fields[5] = {0};
  size_t cap = 0, caps[5] = {0};
  int answers = 0, tokens = 0;
  while (next_line(f, &line, &cap)) {
    char kind = line[0];
    char expect[64], msn[32], acr[128];
    unsigned leeway = 0;
    long long now = 0, status = 0;
    if (kind == 'A' && sscanf(line, "A %lld %63s", &status, expect) == 2) {
      if (!next_line(f, &fields[0], &caps[0])) break;
      vipps_status got = vipps_login_token_answer_decode((uint16_t)status, (const uint8_t *)fields[0], strlen(fields[0]));
      if (strcmp(name_of(got), expect) != 0) fail(fields[0], expect, name_of(got));
      answers++;
    } else if (kind == 'T' && sscanf(line, "T %63s %u %lld %31s %127s", expect, &leeway, &now, msn, acr) == 5) {
      for (int i = 0; i < 5; i++) next_line(f, &fields[i], &caps[i]);
      int partner = strcmp(msn, "-") != 0;
      const char *client_id = partner ? NULL : fields[3], *merchant = partner ? msn : NULL;
      const char *asked_acr = strcmp(acr, "-") ? acr : NULL;
      vipps_status got =
          vipps_id_token_verify(fields[0], fields[1], fields[2], client_id, merchant, fields[4], asked_acr, leeway, now);
      vipps_status handled = through_a_verifier(fields, client_id, merchant, asked_acr, leeway, now);
      if (handled != got) fail("an ID token through a verifier handle", name_of(got), name_of(handled));
      if (strcmp(expect, "ok") == 0) {
        if (got != VIPPS_STATUS_OK) fail("an ID token", "ok", name_of(got));
        if (tokens == 0) the_verifier_keeps_its_rules(fields, now);
      } else {
        char rule[80], *message = vipps_last_error_message();
        snprintf(rule, sizeof rule, "(%s)", expect);
        if (got != VIPPS_STATUS_ID_TOKEN_INVALID || !message || !strstr(message, rule)) {
          fail("an ID token", expect, message ? message : name_of(got));
        }
        vipps_string_free(message);
      }
      tokens++;
    }
  }
  free(line);
  for (int i = 0; i < 5; i++) free(fields[i]);
  fclose(f);
  if (answers < 10 || tokens < 30) {
    fprintf(stderr, "read only %d answers and %d tokens\n", answers, tokens);
    return 1;
  }
  if (failures) return 1;
  printf("C: %d token-endpoint answers and %d ID tokens as the vectors say\n", answers, tokens);
  return 0;
}
