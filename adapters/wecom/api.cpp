#include "adapters/wecom/api.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace adapters::wecom {

std::string api_reply::describe() const {
    auto out = "errcode " + std::to_string(errcode);
    if (!errmsg.empty()) out += " (" + errmsg.substr(0, 200) + ")";
    return out;
}

bot::error api_reply::to_error(std::string const& what) const {
    bot::errc code = bot::errc::rejected;
    switch (errcode) {
        case errcode::no_answer: code = bot::errc::timeout; break;
        case errcode::bad_answer: code = bot::errc::internal; break;
        case 60111:  // user not found
        case 86003:  // chat not found
        case 40050:  // chat not found (customer group)
            code = bot::errc::not_found;
            break;
        default: break;
    }
    return {code, what + ": WeCom answered " + describe()};
}

bot::task<api_reply> api_client::send(net::web_url const& to, net::http::verb verb, std::string const& target,
                                      std::string body) {
    api_reply out;
    net::response res;
    try {
        res = co_await net::web_request(to, verb, target, std::move(body), timeout_);
    } catch (std::exception const& e) {
        out.errcode = errcode::no_answer;
        out.errmsg = std::string("no answer from ") + to.host + ": " + e.what();
        co_return out;
    }
    auto parsed = nlohmann::json::parse(res.body(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        out.errcode = errcode::bad_answer;
        out.errmsg = "HTTP " + std::to_string(res.result_int()) + " without WeCom's JSON";
        co_return out;
    }
    auto code = parsed.find("errcode");
    out.errcode = code != parsed.end() && code->is_number_integer() ? code->get<int>() : errcode::ok;
    if (code == parsed.end() && res.result_int() != 200) out.errcode = errcode::bad_answer;
    if (auto msg = parsed.find("errmsg"); msg != parsed.end() && msg->is_string()) out.errmsg = msg->get<std::string>();
    out.body = std::move(parsed);
    co_return out;
}

bot::task<api_reply> api_client::get(std::string const& target) {
    return send(base_, net::http::verb::get, target, {});
}

bot::task<api_reply> api_client::post(std::string const& target, nlohmann::json const& body) {
    return send(base_, net::http::verb::post, target, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bot::task<api_reply> api_client::post_absolute(std::string const& url, nlohmann::json const& body) {
    auto to = net::web_url::parse(url);
    if (!to || to->host != base_.host) {
        api_reply refused;
        refused.errcode = errcode::bad_answer;
        refused.errmsg = "a response_url on another host than the API's was not followed";
        co_return refused;
    }
    // The URL's path and query are the target; the base's path prefix does not apply.
    auto rest = url.substr(url.find("://") + 3);
    auto slash = rest.find('/');
    std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
    auto root = *to;
    root.path.clear();
    co_return co_await send(root, net::http::verb::post, target,
                            body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bot::task<> async_gate::acquire() {
    if (!held_) {
        held_ = true;
        co_return;
    }
    auto turn = std::make_shared<asio::steady_timer>(ex_, asio::steady_timer::time_point::max());
    waiting_.push_back(turn);
    // release() cancels our timer when it is our turn; the gate is then already ours.
    co_await turn->async_wait(asio::as_tuple(asio::use_awaitable));
}

void async_gate::release() {
    if (waiting_.empty()) {
        held_ = false;
        return;
    }
    auto next = waiting_.front();
    waiting_.pop_front();
    next->cancel();  // held_ stays true: the gate passes straight to the next waiter
}

bot::task<api_reply> token_source::token() {
    auto fresh = [&] { return !current_.empty() && std::chrono::steady_clock::now() < renew_at_; };
    if (fresh()) {
        api_reply r;
        r.body = current_;
        co_return r;
    }
    auto seen = fetches_;
    co_await gate_.acquire();
    // Whoever held the gate before us has fetched: their answer is ours too, good or bad.
    if (fetches_ != seen || fresh()) {
        gate_.release();
        api_reply r = last_fetch_;
        if (fresh()) {
            r = {};
            r.body = current_;
        }
        co_return r;
    }
    ++fetches_;
    auto target = "/cgi-bin/gettoken?corpid=" + net::url_encode(corp_id_) + "&corpsecret=" + net::url_encode(secret_);
    auto reply = co_await api_.get(target);
    if (reply.ok()) {
        auto tok = reply.body.find("access_token");
        auto life = reply.body.find("expires_in");
        if (tok == reply.body.end() || !tok->is_string() || tok->get<std::string>().empty()) {
            reply.errcode = errcode::bad_answer;
            reply.errmsg = "the token endpoint answered without access_token";
        } else {
            std::int64_t seconds = life != reply.body.end() && life->is_number_integer() ? life->get<std::int64_t>() : 7200;
            seconds = std::max<std::int64_t>(seconds, 1);
            // Renewed ahead of expiry: five minutes early, or a quarter of a short lifetime.
            auto margin = std::min<std::int64_t>(300, seconds / 4);
            current_ = tok->get<std::string>();
            renew_at_ = std::chrono::steady_clock::now() + std::chrono::seconds(seconds - margin);
            reply.body = current_;
            spdlog::info("wecom: access token renewed; valid for {}s", seconds);
        }
    }
    if (!reply.ok()) spdlog::error("wecom: the access token could not be fetched: {}", reply.describe());
    last_fetch_ = reply;
    gate_.release();
    co_return reply;
}

void token_source::invalidate(std::string const& token) {
    if (token == current_) current_.clear();
}

bot::task<api_reply> token_source::with_token(std::string target, std::optional<nlohmann::json> body) {
    for (int attempt = 0;; ++attempt) {
        auto tok = co_await token();
        if (!tok.ok()) co_return tok;
        auto used = tok.body.get<std::string>();
        auto full = target + (target.find('?') == std::string::npos ? "?" : "&") + "access_token=" + net::url_encode(used);
        api_reply reply;
        if (body)
            reply = co_await api_.post(full, *body);
        else
            reply = co_await api_.get(full);
        bool stale = reply.errcode == errcode::token_expired || reply.errcode == errcode::bad_token;
        if (!stale || attempt > 0) co_return reply;
        // The call was refused for its token, so nothing was done: one retry with a new token is safe.
        spdlog::info("wecom: the access token was refused ({}); fetching a new one", reply.describe());
        invalidate(used);
    }
}

bot::task<api_reply> token_source::get(std::string target) {
    return with_token(std::move(target), std::nullopt);
}

bot::task<api_reply> token_source::post(std::string target, nlohmann::json body) {
    return with_token(std::move(target), std::move(body));
}

}  // namespace adapters::wecom
