/* The shared store from C: four processes of eight threads each, on a cold fleet sharing
 * one Redis, send one token request; a login started on one instance completes on another,
 * once; a phone login started on one instance is waited on by two others in turns (one in
 * short slices), completed once; a NULL store or prefix is handled.
 * Usage: test_store <emulator base URL> <redis URL> */
#include "check.h"
#include "emulator_http.h"
#include "vipps_auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PROCESSES = 4, THREADS = 8 };

static int port = 0;

struct caller {
  const vipps_token_manager *manager;
  const vipps_credentials *keys;
  vipps_status status;
};

static void *ask(void *arg) {
  struct caller *c = arg;
  char token[2048];
  size_t length = 0;
  c->status = vipps_token_manager_copy_token(c->manager, c->keys, token, sizeof token, &length);
  return NULL;
}

/* One "process" of the fleet: its own manager on the shared store, eight threads asking. */
static int fleet_member(const char *base, const char *redis) {
  vipps_config *config = NULL;
  vipps_store *store = NULL;
  vipps_token_manager *manager = NULL;
  vipps_credentials *keys = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  /* A generous timeout: on a loaded test machine a slow store rightly means fetching alone. */
  CHECK(vipps_store_new_redis(redis, 2000, &store) == VIPPS_STATUS_OK, "store");
  CHECK(vipps_token_manager_new_with_store(config, store, NULL, &manager) == VIPPS_STATUS_OK, "manager");
  vipps_store_free(store); /* the manager keeps its own reference */
  CHECK(vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456",
                                       &keys) == VIPPS_STATUS_OK, "keys");
  pthread_t threads[THREADS];
  struct caller callers[THREADS];
  for (int i = 0; i < THREADS; i++) {
    callers[i] = (struct caller){manager, keys, VIPPS_STATUS_INTERNAL};
    pthread_create(&threads[i], NULL, ask, &callers[i]);
  }
  for (int i = 0; i < THREADS; i++) {
    pthread_join(threads[i], NULL);
    CHECK(callers[i].status == VIPPS_STATUS_OK, "a token for thread %d", i);
  }
  vipps_credentials_free(keys);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
  return failures ? 1 : 0;
}

/* One instance of the fleet: a login client keeping its pending logins in Redis. */
static vipps_login_client *instance(const char *base, const char *redis) {
  vipps_config *config = NULL;
  vipps_store *store = NULL;
  vipps_login_client *client = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CHECK(vipps_store_new_redis(redis, 2000, &store) == VIPPS_STATUS_OK, "store");
  CHECK(vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, "emu-client-id", "emu-client-secret", &client) ==
            VIPPS_STATUS_OK, "login client");
  CHECK(vipps_login_client_use_store(client, store, "c-test:") == VIPPS_STATUS_OK, "use the store");
  vipps_store_free(store); /* the client keeps its own reference */
  vipps_config_free(config);
  return client;
}

static int count_requests(const char *path) {
  char *log = http_once(port, "GET", "/_emulator/requests", NULL);
  char quoted[256];
  snprintf(quoted, sizeof quoted, "\"%s\"", path);
  int requests = 0;
  for (const char *at = log; at && (at = strstr(at, quoted)) != NULL; at++) requests++;
  free(log);
  return requests;
}

static void login_across_instances(const char *base, const char *redis) {
  vipps_login_client *a = instance(base, redis), *b = instance(base, redis), *c = instance(base, redis);
  char *url = NULL, *pending = NULL, *json = NULL, *again = NULL;
  CHECK(vipps_login_authorize(a, "https://example.com/app/callback", "name", &url, &pending) == VIPPS_STATUS_OK,
        "authorize on A");
  char *callback = url ? http_follow(port, url) : NULL;
  CHECK(callback && strstr(callback, "?code="), "the emulator redirects with a code");
  CHECK(vipps_login_complete_stored(b, callback, false, &json) == VIPPS_STATUS_OK, "completed on B");
  CHECK(json && strstr(json, "\"sub\":"), "the login: %s", json ? json : "(none)");
  int exchanges = count_requests("/access-management-1.0/access/oauth2/token");
  CHECK(vipps_login_complete_stored(c, callback, false, &again) == VIPPS_STATUS_STATE_MISMATCH && again == NULL,
        "the same callback on C is refused");
  CHECK(count_requests("/access-management-1.0/access/oauth2/token") == exchanges, "C sent nothing to Vipps");
  CHECK(vipps_login_complete_stored(NULL, callback, false, &again) == VIPPS_STATUS_CONFIGURATION, "a NULL client");
  CHECK(vipps_login_client_use_store(a, NULL, NULL) == VIPPS_STATUS_CONFIGURATION, "a NULL store");
  vipps_string_free(url);
  vipps_string_free(pending);
  vipps_string_free(json);
  free(callback);
  vipps_login_client_free(a);
  vipps_login_client_free(b);
  vipps_login_client_free(c);
}

struct waiter {
  vipps_login_client *client;
  const char *auth_req_id;
  uint32_t slice_ms;
  int slices;
  vipps_status status;
  vipps_phone_login_outcome outcome;
  char *json;
};

/* One instance waiting on a phone login another started, in slices of `slice_ms`. */
static void *wait_stored(void *arg) {
  struct waiter *w = arg;
  vipps_phone_login *login = NULL;
  w->status = vipps_phone_login_find_stored(w->client, w->auth_req_id, &login);
  w->outcome = VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT;
  while (w->status == VIPPS_STATUS_OK && w->outcome == VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT) {
    w->slices++;
    w->status = vipps_phone_login_wait_stored(w->client, login, w->slice_ms, true, &w->outcome, &w->json);
  }
  vipps_phone_login_free(login);
  return NULL;
}

/* The emulator's user approves after 3 s and polls may leave every second: the fleet polls
 * about 3 times, where two instances polling on their own would poll about 6. */
static void phone_login_across_instances(const char *base, const char *redis) {
  vipps_login_client *a = instance(base, redis);
  vipps_phone_login *started = NULL;
  char *auth_req_id = NULL;
  CHECK(vipps_phone_login_start(a, "+47 123 45 678", "openid name", NULL, &started) == VIPPS_STATUS_OK, "start on A");
  CHECK(vipps_phone_login_auth_req_id(started, &auth_req_id) == VIPPS_STATUS_OK && auth_req_id, "its id");
  int polls = count_requests("/access-management-1.0/access/oauth2/token");
  struct waiter waiters[2] = {{instance(base, redis), auth_req_id, 700, 0, 0, 0, NULL},
                              {instance(base, redis), auth_req_id, 10000, 0, 0, 0, NULL}};
  pthread_t threads[2];
  for (int i = 0; i < 2; i++) pthread_create(&threads[i], NULL, wait_stored, &waiters[i]);
  int completed = 0, refused = 0;
  for (int i = 0; i < 2; i++) {
    pthread_join(threads[i], NULL);
    if (waiters[i].status == VIPPS_STATUS_OK && waiters[i].outcome == VIPPS_PHONE_LOGIN_OUTCOME_COMPLETED &&
        waiters[i].json && strstr(waiters[i].json, "\"sub\":"))
      completed++;
    if (waiters[i].status == VIPPS_STATUS_STATE_MISMATCH) refused++;
    vipps_string_free(waiters[i].json);
    vipps_login_client_free(waiters[i].client);
  }
  CHECK(completed == 1 && refused == 1, "completed once (%d), the other waiter told it ended (%d)", completed, refused);
  CHECK(waiters[0].slices >= 3, "the sliced waiter timed out and went on: %d slices", waiters[0].slices);
  polls = count_requests("/access-management-1.0/access/oauth2/token") - polls;
  CHECK(polls >= 2 && polls <= 4, "two waiters polled in turns: %d polls", polls);
  vipps_phone_login *gone = NULL;
  CHECK(vipps_phone_login_find_stored(a, auth_req_id, &gone) == VIPPS_STATUS_STATE_MISMATCH && !gone,
        "an ended login is no longer in the store");
  vipps_string_free(auth_req_id);
  vipps_phone_login_free(started);
  vipps_login_client_free(a);
}

int main(int argc, char **argv) {
  if (argc != 3 || sscanf(argv[1], "http://127.0.0.1:%d", &port) != 1) return 2;
  vipps_store *store = NULL;
  CHECK(vipps_store_new_redis("not a url", 0, &store) == VIPPS_STATUS_CONFIGURATION, "a bad URL");
  CHECK(vipps_store_new_redis(NULL, 0, &store) == VIPPS_STATUS_CONFIGURATION && store == NULL, "a NULL URL");
  vipps_token_manager *manager = NULL;
  CHECK(vipps_token_manager_new_with_store(NULL, NULL, NULL, &manager) == VIPPS_STATUS_CONFIGURATION, "NULLs");
  vipps_store_free(NULL);
  /* Forked before this process makes any manager: the children share nothing but Redis. */
  pid_t children[PROCESSES];
  for (int i = 0; i < PROCESSES; i++) {
    children[i] = fork();
    if (children[i] == 0) _exit(fleet_member(argv[1], argv[2]));
  }
  for (int i = 0; i < PROCESSES; i++) {
    int status = 0;
    waitpid(children[i], &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "process %d ended with status %d", i, status);
  }
  int requests = count_requests("/accesstoken/get");
  CHECK(requests == 1, "one token request for the fleet, got %d", requests);
  login_across_instances(argv[1], argv[2]);
  phone_login_across_instances(argv[1], argv[2]);
  if (failures) return 1;
  printf("C: %d processes of %d threads on one Redis sent one token request; a login started on one instance "
         "completed on another, once; a phone login waited on by two others in turns, completed once\n",
         PROCESSES, THREADS);
  return 0;
}
