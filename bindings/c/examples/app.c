/* The README's C quickstart: one access token, settings and keys from the environment:
 * VIPPS_ENV ("test", "production", or a base URL such as the emulator's), VIPPS_CLIENT_ID,
 * VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, and VIPPS_MSN for partners. In code instead:
 * vipps_config_new("test", &config), vipps_credentials_new_merchant(id, secret, key, msn, &keys). */
#include <stdio.h>
#include <string.h>

#include "vipps_auth.h"

int main(void) {
  vipps_config *config = NULL;
  vipps_token_manager *manager = NULL; /* one per process, shared by every thread */
  vipps_credentials *keys = NULL;
  vipps_access_token *token = NULL;
  int ok = vipps_config_new_from_env(&config) == VIPPS_STATUS_OK &&
           vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK &&
           vipps_credentials_new_from_env(&keys) == VIPPS_STATUS_OK &&
           vipps_token_manager_get(manager, keys, &token) == VIPPS_STATUS_OK;
  if (ok) {
    /* Send "Authorization: <type> <value>"; here only the length is shown. */
    printf("Authorization: %s <%zu chars>\n", vipps_access_token_type(token),
           strlen(vipps_access_token_value(token)));
  } else {
    char *message = vipps_last_error_message(), *hint = vipps_last_error_hint();
    fprintf(stderr, "%s (hint: %s)\n", message, hint);
    vipps_string_free(message);
    vipps_string_free(hint);
  }
  vipps_access_token_free(token); /* NULL is fine everywhere */
  vipps_credentials_free(keys);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
  return ok ? 0 : 1;
}
