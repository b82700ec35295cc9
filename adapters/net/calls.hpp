#pragma once
/// Action calls in flight on a JSON link: each carries an `echo`, and its response (which may
/// arrive in any order, or never) is matched back to the caller, who waits up to a timeout.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "adapters/net/beast.hpp"
#include "bot/result.hpp"

namespace adapters::net {

class ws_link;

class pending_calls {
public:
    struct ticket;

    explicit pending_calls(asio::any_io_executor ex) : ex_(std::move(ex)) {}

    /// A fresh echo value for the next call.
    nlohmann::json next_echo() { return ++last_echo_; }
    /// Registers a call before its frame is sent; `via` names the link that carries it.
    std::shared_ptr<ticket> expect(nlohmann::json const& echo, void const* via, std::chrono::milliseconds timeout);
    /// Waits for the response, the timeout, or the link's loss.
    asio::awaitable<bot::result<nlohmann::json>> wait(std::shared_ptr<ticket> t);
    /// Hands a response to its caller; false when no call waits for this echo (late or unknown).
    bool complete(nlohmann::json const& echo, nlohmann::json reply);
    /// The link carrying some calls is gone: their outcome is unknown, and they are not resent.
    void fail_via(void const* via, std::string const& why);
    /// The answers of the calls sent on link `via` are out of reach for now (ws_link::
    /// answers_out_of_reach): each waiting caller goes on at once with a timeout whose outcome is
    /// unknown, as if its time had run out. Their answers, when they come, are late. Returns how
    /// many were released.
    std::size_t release_via(void const* via);
    /// Ends every call (shutdown).
    void fail_all(std::string const& why);
    /// Sends `frame` (carrying `echo`) on `link` and waits for its response until `deadline`
    /// (at least a second from now); a call without an answer is logged, never resent.
    asio::awaitable<bot::result<nlohmann::json>> send(ws_link& link, nlohmann::json const& echo,
                                                      nlohmann::json const& frame,
                                                      std::chrono::steady_clock::time_point deadline);
    /// The same for a frame already written as `text`; `action` names it in the log.
    asio::awaitable<bot::result<nlohmann::json>> send(ws_link& link, nlohmann::json const& echo, std::string text,
                                                      std::string action,
                                                      std::chrono::steady_clock::time_point deadline);
    std::size_t size() const { return calls_.size(); }
    /// Whether calls sent on link `via` still wait for their answers.
    bool waiting_via(void const* via) const;

    /// The map key of an echo of any JSON type.
    static std::string key_of(nlohmann::json const& echo) { return echo.dump(); }

    /// Logs a response no call waits for (late, released, or not ours): the first at once, then
    /// at most one line per ten seconds with how many there were, so a flood of late answers after
    /// an overload does not flood the log.
    static void log_unmatched(std::string const& source, nlohmann::json const& echo, std::string_view text);

private:
    void release(std::shared_ptr<ticket> const& t);

    asio::any_io_executor ex_;
    std::int64_t last_echo_ = 0;
    std::map<std::string, std::shared_ptr<ticket>> calls_;
};

/// Calls waiting for a connection to carry them: woken when one is added, and at shutdown.
class link_waiters {
public:
    /// Waits until `wake()` or the deadline.
    asio::awaitable<void> wait(asio::any_io_executor ex, std::chrono::steady_clock::time_point deadline);
    void wake();

private:
    std::vector<std::shared_ptr<asio::steady_timer>> timers_;
};

/// JSON for the wire; invalid UTF-8 a plugin let through is replaced rather than thrown on.
std::string dump_frame(nlohmann::json const& frame);

struct pending_calls::ticket {
    explicit ticket(asio::any_io_executor ex) : timer(std::move(ex)) {}
    asio::steady_timer timer;
    std::string key;
    void const* via = nullptr;
    bool released = false;  ///< ended by release_via or at sending: its answer was out of reach
    std::optional<bot::result<nlohmann::json>> outcome;
};

}  // namespace adapters::net
