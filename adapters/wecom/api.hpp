#pragma once
/// Calls to WeCom's server API: one request per call over HTTPS, the answer's errcode read, the
/// app's access token cached and refreshed one at a time, and rejected-token calls retried once.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "adapters/net/web_call.hpp"
#include "bot/result.hpp"
#include "bot/task.hpp"

namespace adapters::wecom {

namespace asio = boost::asio;

/// WeCom's errcodes qunbot acts on.
namespace errcode {
inline constexpr int ok = 0;
inline constexpr int busy = -1;                ///< system busy: try later
inline constexpr int bad_secret = 40001;       ///< corpsecret wrong (or token invalid, on older APIs)
inline constexpr int bad_corp_id = 40013;
inline constexpr int bad_token = 40014;        ///< the access token is not valid
inline constexpr int token_expired = 42001;
inline constexpr int rate_limited = 45009;     ///< over the call or message limit
inline constexpr int bad_webhook = 93000;      ///< the webhook key is not valid
/// Not WeCom's: no answer came (connection, TLS, timeout); the request may or may not have arrived.
inline constexpr int no_answer = -1001;
/// Not WeCom's: an answer came that is not WeCom's JSON.
inline constexpr int bad_answer = -1002;
}  // namespace errcode

/// One answer: the JSON when errcode is 0, else WeCom's errcode and errmsg (or ours, above).
struct api_reply {
    int errcode = errcode::ok;
    std::string errmsg;
    nlohmann::json body;

    bool ok() const { return errcode == errcode::ok; }
    /// "errcode 45009 (api freq out of limit)", for logs and errors.
    std::string describe() const;
    /// The bot::error a platform call returns for this answer.
    bot::error to_error(std::string const& what) const;
};

/// The HTTP side: WeCom's base address and the call timeout.
class api_client {
public:
    api_client(net::web_url base, std::chrono::milliseconds timeout) : base_(std::move(base)), timeout_(timeout) {}

    /// GET `target` (path and query) on the API.
    bot::task<api_reply> get(std::string const& target);
    /// POST `body` as JSON to `target` on the API.
    bot::task<api_reply> post(std::string const& target, nlohmann::json const& body);
    /// POST to an absolute URL WeCom handed out (a response_url); refused unless it is on the API's host.
    bot::task<api_reply> post_absolute(std::string const& url, nlohmann::json const& body);
    net::web_url const& base() const { return base_; }

private:
    bot::task<api_reply> send(net::web_url const& to, net::http::verb verb, std::string const& target, std::string body);

    net::web_url base_;
    std::chrono::milliseconds timeout_;
};

/// Waits its turn: one holder at a time, the others in arrival order (a mutex for coroutines on one thread).
class async_gate {
public:
    explicit async_gate(asio::any_io_executor ex) : ex_(std::move(ex)) {}
    /// Returns once the gate is ours; release() hands it to the next waiter.
    bot::task<> acquire();
    void release();

private:
    asio::any_io_executor ex_;
    bool held_ = false;
    std::deque<std::shared_ptr<asio::steady_timer>> waiting_;
};

/// The app's access token: fetched with corp ID and secret, kept until shortly before it expires,
/// fetched by one caller at a time while the others wait for that answer.
class token_source {
public:
    token_source(api_client& api, asio::any_io_executor ex, std::string corp_id, std::string secret)
        : api_(api), gate_(std::move(ex)), corp_id_(std::move(corp_id)), secret_(std::move(secret)) {}

    /// A valid token, or the token endpoint's error.
    bot::task<api_reply> token();
    /// The token was refused (42001, 40014): forget it, unless a newer one already replaced it.
    void invalidate(std::string const& token);
    /// How many times the token endpoint was asked (tests, the status line).
    std::uint64_t fetches() const { return fetches_; }

    /// Calls an app API: `target` without the token (it is added), retried once with a fresh token
    /// when WeCom says the token expired or is not valid.
    bot::task<api_reply> get(std::string target);
    bot::task<api_reply> post(std::string target, nlohmann::json body);

private:
    bot::task<api_reply> with_token(std::string target, std::optional<nlohmann::json> body);

    api_client& api_;
    async_gate gate_;
    std::string corp_id_;
    std::string secret_;
    std::string current_;
    std::chrono::steady_clock::time_point renew_at_{};
    std::uint64_t fetches_ = 0;
    api_reply last_fetch_;  ///< the outcome of the latest fetch, for those who waited for it
};

}  // namespace adapters::wecom
