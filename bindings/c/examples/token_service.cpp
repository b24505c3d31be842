// A small C++ service on vipps_auth.hpp: one token manager shared by worker threads, and a
// browser login's first step (the URL to send a browser to, with the pending login kept).
// Usage: token_service; settings from VIPPS_ENV, VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET,
// VIPPS_SUBSCRIPTION_KEY and optional VIPPS_MSN.
#include "vipps_auth.hpp"

#include <iostream>
#include <string>
#include <thread>
#include <vector>

int main() {
  try {
    vipps::Config config = vipps::Config::from_env();
    config.system_info("token-service", "1.0");
    const vipps::TokenManager tokens(config);  // one per process
    const vipps::Credentials keys = vipps::Credentials::from_env();

    std::vector<std::string> headers(4);
    std::vector<std::thread> workers;
    for (auto &header : headers) {
      workers.emplace_back([&] { header = tokens.access_token(keys).authorization(); });
    }
    for (auto &worker : workers) worker.join();
    for (const auto &header : headers) {
      if (header != headers[0] || header.rfind("Bearer ", 0) != 0) throw std::runtime_error("workers disagree");
    }
    std::cout << "token-service: " << headers.size() << " workers share one token (vipps-auth " << vipps::version()
              << ")" << std::endl;

    const vipps::LoginClient login = vipps::LoginClient::from_env(config);
    vipps::Authorization start = login.authorize("https://example.com/app/callback", "name email");
    std::cout << "token-service: a login starts at " << start.url.substr(0, start.url.find('?'))
              << "; its pending login is kept for the callback (LoginClient::complete)" << std::endl;
    return 0;
  } catch (const vipps::Error &error) {
    std::cerr << "token-service: " << error.what() << " (hint: " << error.hint() << ", status " << error.status() << ")"
              << std::endl;
    return 1;
  }
}
