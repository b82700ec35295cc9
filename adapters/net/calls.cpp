#include "adapters/net/calls.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/net/diagnostics.hpp"
#include "adapters/net/ws_link.hpp"
#include "bot/log_every.hpp"

namespace adapters::net {

std::shared_ptr<pending_calls::ticket> pending_calls::expect(nlohmann::json const& echo, void const* via,
                                                             std::chrono::milliseconds timeout) {
    auto t = std::make_shared<ticket>(ex_);
    t->key = key_of(echo);
    t->via = via;
    t->timer.expires_after(timeout);
    calls_[t->key] = t;
    return t;
}

asio::awaitable<bot::result<nlohmann::json>> pending_calls::wait(std::shared_ptr<ticket> t) {
    boost::system::error_code ec;
    if (!t->outcome) co_await t->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (auto it = calls_.find(t->key); it != calls_.end() && it->second == t) calls_.erase(it);
    if (t->outcome) co_return std::move(*t->outcome);
    co_return bot::error{bot::errc::timeout, "no response in time; the action may or may not have run"};
}

bool pending_calls::complete(nlohmann::json const& echo, nlohmann::json reply) {
    auto it = calls_.find(key_of(echo));
    if (it == calls_.end()) return false;
    auto t = it->second;
    calls_.erase(it);
    t->outcome = std::move(reply);
    t->timer.cancel();
    return true;
}

bool pending_calls::waiting_via(void const* via) const {
    for (auto const& [key, t] : calls_)
        if (t->via == via && !t->outcome) return true;
    return false;
}

void pending_calls::fail_via(void const* via, std::string const& why) {
    for (auto it = calls_.begin(); it != calls_.end();) {
        if (it->second->via == via) {
            it->second->outcome = bot::error{bot::errc::not_connected, why};
            it->second->timer.cancel();
            it = calls_.erase(it);
        } else {
            ++it;
        }
    }
}

void pending_calls::release(std::shared_ptr<ticket> const& t) {
    t->outcome = bot::error{bot::errc::timeout,
                            "the answer is behind events the bot is too busy to read yet; the action may or may not "
                            "have run"};
    t->released = true;
    t->timer.cancel();
}

std::size_t pending_calls::release_via(void const* via) {
    std::size_t n = 0;
    for (auto it = calls_.begin(); it != calls_.end();) {
        if (it->second->via == via && !it->second->outcome) {
            release(it->second);
            it = calls_.erase(it);
            ++n;
        } else {
            ++it;
        }
    }
    return n;
}

void pending_calls::log_unmatched(std::string const& source, nlohmann::json const& echo, std::string_view text) {
    // One process-wide rate: the log is one too.
    static bot::log_every limit;
    auto n = limit.due();
    if (n == 1) {
        spdlog::warn("{}: a response to no pending action (echo {}; late, or not ours): {}", source, echo.dump(),
                     excerpt(text));
    } else if (n > 1) {
        spdlog::warn("{}: {} responses to no pending action since the last such line (late, released when the bot "
                     "was overloaded, or not ours); the last: echo {}: {}",
                     source, n, echo.dump(), excerpt(text));
    }
}

void pending_calls::fail_all(std::string const& why) {
    for (auto& [key, t] : calls_) {
        t->outcome = bot::error{bot::errc::not_connected, why};
        t->timer.cancel();
    }
    calls_.clear();
}

asio::awaitable<bot::result<nlohmann::json>> pending_calls::send(ws_link& link, nlohmann::json const& echo,
                                                                 nlohmann::json const& frame,
                                                                 std::chrono::steady_clock::time_point deadline) {
    auto action = frame.value("action", std::string("?"));
    co_return co_await send(link, echo, dump_frame(frame), std::move(action), deadline);
}

asio::awaitable<bot::result<nlohmann::json>> pending_calls::send(ws_link& link, nlohmann::json const& echo,
                                                                 std::string text, std::string action,
                                                                 std::chrono::steady_clock::time_point deadline) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto started = std::chrono::steady_clock::now();
    auto t = expect(echo, &link, std::max(remaining, std::chrono::milliseconds(1000)));
    if (!link.send(std::move(text))) {
        fail_via(&link, "the connection refused the frame");
    } else if (link.answers_out_of_reach()) {
        // Its answer would come behind events no one reads until the queues drain: waiting for
        // it would hold this caller's chat, and with it the queues, until the timeout.
        calls_.erase(t->key);
        release(t);
    }
    auto r = co_await wait(t);
    if (!r && r.err().code == bot::errc::timeout && !t->released) {  // the link logs releases
        auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
        spdlog::warn("{}: {} got no answer in {} s", link.name(), action, waited.count());
    }
    co_return r;
}

asio::awaitable<void> link_waiters::wait(asio::any_io_executor ex, std::chrono::steady_clock::time_point deadline) {
    auto t = std::make_shared<asio::steady_timer>(ex);
    t->expires_at(deadline);
    timers_.push_back(t);
    boost::system::error_code ec;
    co_await t->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    std::erase(timers_, t);
}

void link_waiters::wake() {
    for (auto& t : timers_) t->cancel();
    timers_.clear();
}

std::string dump_frame(nlohmann::json const& frame) {
    return frame.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace adapters::net
