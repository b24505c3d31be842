// vipps-auth for C++17: a header-only layer over vipps_auth.h. Handles are move-only RAII
// objects, strings are std::string, and a failed call throws vipps::Error with the status
// (the same codes as every binding), the message and the hint. Nothing here decides anything:
// each call is one C call.
//
//   vipps::TokenManager tokens(vipps::Config::from_env());
//   std::string header = tokens.access_token(vipps::Credentials::from_env()).authorization();
#ifndef VIPPS_AUTH_HPP
#define VIPPS_AUTH_HPP

#include "vipps_auth.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace vipps {

// A failed call: status() is the error code, what() the message, hint() what to do about it.
class Error : public std::runtime_error {
 public:
  Error(vipps_status status, const std::string &message, std::string hint)
      : std::runtime_error(message), status_(status), hint_(std::move(hint)) {}
  vipps_status status() const noexcept { return status_; }
  const std::string &hint() const noexcept { return hint_; }

 private:
  vipps_status status_;
  std::string hint_;
};

namespace detail {

// A string the library handed out, copied and released.
inline std::string take(char *text) {
  std::unique_ptr<char, decltype(&vipps_string_free)> owned(text, vipps_string_free);
  return owned ? std::string(owned.get()) : std::string();
}

// Throws the last error of this thread unless `status` is OK.
inline void check(vipps_status status) {
  if (status == VIPPS_STATUS_OK) return;
  std::string message = take(vipps_last_error_message());
  throw Error(status, message.empty() ? "vipps-auth: status " + std::to_string(status) : message,
              take(vipps_last_error_hint()));
}

inline const char *or_null(const std::optional<std::string> &text) { return text ? text->c_str() : nullptr; }

template <typename T, void (*Free)(T *)>
struct Release {
  void operator()(T *handle) const noexcept { Free(handle); }
};

// A move-only owner of one C handle.
template <typename T, void (*Free)(T *)>
class Handle {
 public:
  T *get() const noexcept { return handle_.get(); }

 protected:
  Handle() = default;
  // Makes the handle with `make(..., &out)`, throwing on failure.
  template <typename Make, typename... Args>
  void make(Make make_handle, Args &&...args) {
    T *out = nullptr;
    check(make_handle(std::forward<Args>(args)..., &out));
    handle_.reset(out);
  }

 private:
  std::unique_ptr<T, Release<T, Free>> handle_;
};

}  // namespace detail

// Which Vipps, and how to reach it. Immutable once shared.
class Config : public detail::Handle<vipps_config, vipps_config_free> {
 public:
  // `test`, `production` or a base URL.
  explicit Config(const std::string &environment) { make(vipps_config_new, environment.c_str()); }
  // From VIPPS_ENV; the error names the variable and what to set.
  static Config from_env() {
    Config config;
    config.make(vipps_config_new_from_env);
    return config;
  }
  // The Vipps-System-* headers: your system's name and version.
  Config &system_info(const std::string &name, const std::string &version) {
    detail::check(vipps_config_set_system_info(get(), name.c_str(), version.c_str(), nullptr, nullptr));
    return *this;
  }

 private:
  Config() = default;
};

// Keys for the access-token endpoint. Secrets are wiped when it is destroyed.
class Credentials : public detail::Handle<vipps_credentials, vipps_credentials_free> {
 public:
  Credentials(const std::string &client_id, const std::string &client_secret, const std::string &subscription_key,
              const std::optional<std::string> &msn = std::nullopt) {
    make(vipps_credentials_new_merchant, client_id.c_str(), client_secret.c_str(), subscription_key.c_str(),
         detail::or_null(msn));
  }
  // From VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY and, optionally, VIPPS_MSN.
  static Credentials from_env() {
    Credentials keys;
    keys.make(vipps_credentials_new_from_env);
    return keys;
  }

 private:
  Credentials() = default;
};

// A token, copied out of the cache: keep it like a secret.
struct AccessToken {
  std::string token_type;
  std::string value;
  std::int64_t expires_at;  // Unix seconds
  std::string authorization() const { return token_type + " " + value; }
};

// The cache of machine access tokens: one per process, shared by every thread.
class TokenManager : public detail::Handle<vipps_token_manager, vipps_token_manager_free> {
 public:
  explicit TokenManager(const Config &config) { make(vipps_token_manager_new, config.get()); }
  // A valid token, from the cache when it can; blocks only when Vipps must be asked.
  AccessToken access_token(const Credentials &keys) const {
    vipps_access_token *raw = nullptr;
    detail::check(vipps_token_manager_get(get(), keys.get(), &raw));
    std::unique_ptr<vipps_access_token, detail::Release<vipps_access_token, vipps_access_token_free>> token(raw);
    return AccessToken{vipps_access_token_type(raw), vipps_access_token_value(raw), vipps_access_token_expires_at(raw)};
  }
  // After Vipps refused a token with 401: the next call fetches a new one.
  void invalidate(const Credentials &keys) const { detail::check(vipps_token_manager_invalidate(get(), keys.get())); }
};

// Where to send the browser, and the pending login to keep (server-side, like a secret)
// until the callback comes.
struct Authorization {
  std::string url;
  std::string pending;
};

// How a phone login's wait ended; `login_json` is set when it completed.
struct PhoneLoginAnswer {
  vipps_phone_login_outcome outcome;
  std::string login_json;
  bool completed() const noexcept { return outcome == VIPPS_PHONE_LOGIN_OUTCOME_COMPLETED; }
};

// A login from a phone number in progress. cancel() stops any wait, from any thread.
class PhoneLogin : public detail::Handle<vipps_phone_login, vipps_phone_login_free> {
 public:
  void cancel() const noexcept { vipps_phone_login_cancel(get()); }

 private:
  friend class LoginClient;
  PhoneLogin() = default;
};

// Login (OpenID Connect) for one sales unit: browser logins and logins from a phone number.
class LoginClient : public detail::Handle<vipps_login_client, vipps_login_client_free> {
 public:
  LoginClient(const Config &config, const std::string &client_id, const std::string &client_secret,
              vipps_login_auth auth = VIPPS_LOGIN_AUTH_BASIC) {
    make(vipps_login_client_new, config.get(), static_cast<int>(auth), client_id.c_str(), client_secret.c_str());
  }
  // Keys from VIPPS_CLIENT_ID and VIPPS_CLIENT_SECRET, sent as VIPPS_LOGIN_AUTH says (basic,
  // the default, post or partner); the error names a missing variable.
  static LoginClient from_env(const Config &config) {
    LoginClient client;
    client.make(vipps_login_client_new_from_env, config.get());
    return client;
  }

  // `scope` is space-separated (`openid` is added).
  Authorization authorize(const std::string &redirect_uri, const std::string &scope) const {
    char *url = nullptr, *pending = nullptr;
    detail::check(vipps_login_authorize(get(), redirect_uri.c_str(), scope.c_str(), &url, &pending));
    std::string owned_url = detail::take(url);
    return Authorization{owned_url, detail::take(pending)};
  }

  // The login as JSON (claims, userinfo, access token: keep it like a secret), or nullopt
  // when the user cancelled. Each pending login completes once.
  std::optional<std::string> complete(const std::string &pending, const std::string &callback,
                                      bool with_userinfo) const {
    char *login = nullptr;
    vipps_status status = vipps_login_complete(get(), pending.c_str(), callback.c_str(), with_userinfo, &login);
    if (status == VIPPS_STATUS_LOGIN_CANCELLED) return std::nullopt;
    detail::check(status);
    return detail::take(login);
  }

  // Sends the push message to the user's app; `phone` as typed, with its country code.
  PhoneLogin start_phone_login(const std::string &phone, const std::string &scope,
                               const std::optional<std::string> &binding_message = std::nullopt) const {
    PhoneLogin login;
    login.make(vipps_phone_login_start, get(), phone.c_str(), scope.c_str(), detail::or_null(binding_message));
    return login;
  }

  // Waits up to `timeout` for the user, polling as Vipps allows; a timeout is an answer
  // (VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT) after which waiting again goes on.
  PhoneLoginAnswer wait(const PhoneLogin &login, std::chrono::milliseconds timeout, bool with_userinfo) const {
    PhoneLoginAnswer answer{VIPPS_PHONE_LOGIN_OUTCOME_TIMED_OUT, {}};
    char *json = nullptr;
    auto ms = static_cast<std::uint32_t>(std::min<std::chrono::milliseconds::rep>(timeout.count(), UINT32_MAX));
    detail::check(vipps_phone_login_wait(get(), login.get(), ms, with_userinfo, &answer.outcome, &json));
    answer.login_json = detail::take(json);
    return answer;
  }

 private:
  LoginClient() = default;
};

// ID-token verification with the keys of a JWKS document read once.
class IdTokenVerifier : public detail::Handle<vipps_id_token_verifier, vipps_id_token_verifier_free> {
 public:
  IdTokenVerifier(const std::string &jwks, const std::string &issuer, const std::optional<std::string> &client_id,
                  const std::optional<std::string> &msn = std::nullopt, std::uint32_t leeway_seconds = 60) {
    make(vipps_id_token_verifier_new, jwks.c_str(), issuer.c_str(), detail::or_null(client_id), detail::or_null(msn),
         leeway_seconds);
  }
  // The claims as JSON, for the login that sent `nonce`, at `now` (Unix seconds).
  std::string verify(const std::string &token, const std::string &nonce, std::int64_t now,
                     const std::optional<std::string> &acr = std::nullopt) const {
    char *claims = nullptr;
    detail::check(vipps_id_token_verifier_verify(get(), token.c_str(), nonce.c_str(), detail::or_null(acr), now, &claims));
    return detail::take(claims);
  }
};

inline std::string version() { return vipps_version(); }

}  // namespace vipps

#endif  // VIPPS_AUTH_HPP
