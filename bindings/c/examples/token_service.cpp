// A small C++ service: one token manager shared by worker threads, RAII over the C handles,
// and the first step of a Login: the URL to send a browser to, with the pending login kept.
// Usage: token_service <base URL or "test"/"production">; keys from VIPPS_CLIENT_ID,
// VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY and optional VIPPS_MSN.
#include "vipps_auth.h"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace vipps {

// Throws with the library's message and hint when a call fails.
void check(vipps_status status) {
  if (status == VIPPS_STATUS_OK) return;
  std::unique_ptr<char, decltype(&vipps_string_free)> message(vipps_last_error_message(), vipps_string_free);
  std::unique_ptr<char, decltype(&vipps_string_free)> hint(vipps_last_error_hint(), vipps_string_free);
  throw std::runtime_error(std::string(message ? message.get() : "unknown error") + " (hint: " +
                           (hint ? hint.get() : "") + ", status " + std::to_string(status) + ")");
}

template <typename T, void (*Free)(T *)>
using Handle = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

using Config = Handle<vipps_config, vipps_config_free>;
using Credentials = Handle<vipps_credentials, vipps_credentials_free>;
using TokenManager = Handle<vipps_token_manager, vipps_token_manager_free>;
using AccessToken = Handle<vipps_access_token, vipps_access_token_free>;
using LoginClient = Handle<vipps_login_client, vipps_login_client_free>;
using String = std::unique_ptr<char, decltype(&vipps_string_free)>;

// A login's start: the authorize URL, and the pending login to store under its state.
struct LoginStart {
  std::string url;
  String pending{nullptr, vipps_string_free};  // completes the login: keep it like a secret
};

LoginStart start_login(const LoginClient &login, const char *redirect_uri) {
  char *url = nullptr, *pending = nullptr;
  check(vipps_login_authorize(login.get(), redirect_uri, "name email", &url, &pending));
  String owned_url(url, vipps_string_free);
  return LoginStart{owned_url.get(), String(pending, vipps_string_free)};
}

// The header value for a request, from the shared cache.
std::string authorization(const TokenManager &manager, const Credentials &keys) {
  vipps_access_token *raw = nullptr;
  check(vipps_token_manager_get(manager.get(), keys.get(), &raw));
  AccessToken token(raw);
  return std::string(vipps_access_token_type(token.get())) + " " + vipps_access_token_value(token.get());
}

}  // namespace vipps

static const char *env(const char *name) {
  const char *value = std::getenv(name);
  return value && *value ? value : nullptr;
}

int main(int argc, char **argv) {
  try {
    vipps_config *config_raw = nullptr;
    vipps::check(vipps_config_new(argc > 1 ? argv[1] : "test", &config_raw));
    vipps::Config config(config_raw);
    vipps::check(vipps_config_set_system_info(config.get(), "token-service", "1.0", nullptr, nullptr));
    vipps_token_manager *manager_raw = nullptr;
    vipps::check(vipps_token_manager_new(config.get(), &manager_raw));
    vipps::TokenManager manager(manager_raw);
    vipps_credentials *keys_raw = nullptr;
    vipps::check(vipps_credentials_new_merchant(env("VIPPS_CLIENT_ID"), env("VIPPS_CLIENT_SECRET"),
                                                env("VIPPS_SUBSCRIPTION_KEY"), env("VIPPS_MSN"), &keys_raw));
    vipps::Credentials keys(keys_raw);

    std::vector<std::string> headers(4);
    std::vector<std::thread> workers;
    for (auto &header : headers) {
      workers.emplace_back([&] { header = vipps::authorization(manager, keys); });
    }
    for (auto &worker : workers) worker.join();
    for (const auto &header : headers) {
      if (header != headers[0] || header.rfind("Bearer ", 0) != 0) throw std::runtime_error("workers disagree");
    }
    std::cout << "token-service: " << headers.size() << " workers share one token (vipps-auth " << vipps_version()
              << ")" << std::endl;

    vipps_login_client *login_raw = nullptr;
    vipps::check(vipps_login_client_new(config.get(), VIPPS_LOGIN_AUTH_BASIC, env("VIPPS_CLIENT_ID"),
                                        env("VIPPS_CLIENT_SECRET"), &login_raw));
    vipps::LoginClient login(login_raw);
    vipps::LoginStart start = vipps::start_login(login, "https://example.com/app/callback");
    if (start.url.find("code_challenge_method=S256") == std::string::npos) throw std::runtime_error("no PKCE");
    std::cout << "token-service: a login starts at " << start.url.substr(0, start.url.find('?'))
              << "; its pending login is kept for the callback (vipps_login_complete)" << std::endl;
    return 0;
  } catch (const std::exception &e) {
    std::cerr << "token-service: " << e.what() << std::endl;
    return 1;
  }
}
