// vipps_auth.hpp against the emulator: errors carry the status and the hint, handles move
// without a double free (valgrind and ASan watch), and a browser login, a phone login and an
// ID-token verification run through the wrapper.
// Usage: test_cpp_wrapper <emulator base URL> <login_vectors.txt>
#include "vipps_auth.hpp"

#include "emulator_http.h"

#include <fstream>
#include <iostream>
#include <string>

static int failures = 0;

#define EXPECT(cond, what)                                                              \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      failures++;                                                                       \
      std::cerr << "FAIL " << __FILE__ << ":" << __LINE__ << ": " << what << std::endl; \
    }                                                                                   \
  } while (0)

// The status a call throws, or VIPPS_STATUS_OK when it does not.
template <typename Call>
static vipps_status thrown(Call call, std::string *hint = nullptr) {
  try {
    call();
  } catch (const vipps::Error &error) {
    if (hint) *hint = error.hint();
    return error.status();
  }
  return VIPPS_STATUS_OK;
}

static void errors_carry_status_and_hint(const std::string &base) {
  EXPECT(thrown([] { vipps::Config("staging"); }) == VIPPS_STATUS_CONFIGURATION, "an unknown environment");
  vipps::TokenManager tokens{vipps::Config(base)};
  std::string hint;
  vipps::Credentials wrong("emu-client-id", "WRONG", "emu-subscription-key");
  EXPECT(thrown([&] { tokens.access_token(wrong); }, &hint) == VIPPS_STATUS_SERVER_REFUSED, "a wrong secret");
  EXPECT(!hint.empty(), "a refusal has a hint");
  vipps::Credentials keys("emu-client-id", "emu-client-secret", "emu-subscription-key", std::string("123456"));
  EXPECT(tokens.access_token(keys).authorization().rfind("Bearer ", 0) == 0, "a token");
}

static void handles_move(const std::string &base) {
  vipps::Config config(base);
  vipps::Config moved = std::move(config);
  EXPECT(config.get() == nullptr && moved.get() != nullptr, "the handle moved");  // NOLINT(bugprone-use-after-move)
  vipps::TokenManager tokens(moved);
  vipps::TokenManager other = std::move(tokens);
  EXPECT(other.get() != nullptr, "a manager moved");
}

static void a_browser_login(const std::string &base, int port) {
  vipps::LoginClient login(vipps::Config(base), "emu-client-id", "emu-client-secret");
  vipps::Authorization start = login.authorize("https://example.com/app/callback", "name");
  char *callback = http_follow(port, start.url.c_str());
  EXPECT(callback, "the emulator redirects");
  if (!callback) return;
  std::string back(callback);
  free(callback);
  std::optional<std::string> done = login.complete(start.pending, back, true);
  EXPECT(done && done->find("\"name\":\"Kari Nordmann\"") != std::string::npos, "logged in with the user's name");
  EXPECT(thrown([&] { login.complete(start.pending, back, true); }) != VIPPS_STATUS_OK, "a replayed callback");
}

static void a_phone_login(const std::string &base) {
  vipps::LoginClient login(vipps::Config(base), "emu-client-id", "emu-client-secret");
  vipps::PhoneLogin phone = login.start_phone_login("+47 123 45 678", "name", std::string("4MZ-CQ3"));
  vipps::PhoneLoginAnswer answer = login.wait(phone, std::chrono::seconds(30), true);
  EXPECT(answer.completed() && answer.login_json.find("Kari Nordmann") != std::string::npos, "approved in the app");
  vipps::PhoneLogin stopped = login.start_phone_login("+47 123 45 678", "name");
  stopped.cancel();
  EXPECT(login.wait(stopped, std::chrono::seconds(30), false).outcome == VIPPS_PHONE_LOGIN_OUTCOME_STOPPED, "cancelled");
}

// The first valid token of the login vectors: "T ok LEEWAY NOW - -", then token, jwks,
// issuer, client_id and nonce, one per line.
static void an_id_token(const char *vectors) {
  std::ifstream file(vectors);
  std::string header, token, jwks, issuer, client_id, nonce;
  while (std::getline(file, header) && header.rfind("T ok ", 0) != 0) {
  }
  for (std::string *line : {&token, &jwks, &issuer, &client_id, &nonce}) std::getline(file, *line);
  EXPECT(!nonce.empty(), "a valid token in " << vectors);
  long long now = std::stoll(header.substr(header.find(' ', 5) + 1));
  vipps::IdTokenVerifier verifier(jwks, issuer, client_id);
  EXPECT(verifier.verify(token, nonce, now).find("\"sub\":\"") != std::string::npos, "the claims as JSON");
  EXPECT(thrown([&] { verifier.verify(token, "another-nonce", now); }) == VIPPS_STATUS_ID_TOKEN_INVALID, "a wrong nonce");
}

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  std::string base = argv[1];
  int port = std::stoi(base.substr(base.rfind(':') + 1));
  errors_carry_status_and_hint(base);
  handles_move(base);
  a_browser_login(base, port);
  a_phone_login(base);
  an_id_token(argv[2]);
  if (failures) return 1;
  std::cout << "C++: vipps_auth.hpp threw typed errors with hints, moved handles, logged in from a browser and a "
               "phone, and verified an ID token"
            << std::endl;
  return 0;
}
