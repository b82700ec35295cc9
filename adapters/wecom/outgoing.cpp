#include "adapters/wecom/outgoing.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/overloaded.hpp"

namespace adapters::wecom {

rendered render(bot::message const& msg) {
    rendered out;
    for (auto const& s : msg.segments()) {
        std::visit(bot::overloaded{
                       [&](bot::seg::text const& t) { out.text += t.content; },
                       [&](bot::seg::at const& a) {
                           out.text += "@" + (a.name.empty() ? a.user.str() : a.name);
                           out.mentioned.push_back(a.user.str());
                       },
                       [&](bot::seg::at_all const&) {
                           out.text += "@所有人";
                           out.mentioned.emplace_back("@all");
                       },
                       [&](bot::seg::reply const& r) { out.reply_to = r.message.str(); },
                       [&](bot::seg::image const&) { out.text += "[图片]"; },
                       [&](bot::seg::face const&) { out.text += "[表情]"; },
                       [&](bot::seg::card const& c) { out.text += c.title.empty() ? "[卡片]" : "[" + c.title + "]"; },
                       [&](bot::seg::file const& f) { out.text += "[文件 " + f.name + "]"; },
                       [&](auto const&) {},
                   },
                   s);
    }
    return out;
}

std::string markdown_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            // Full-width forms (U+FF03 and neighbours): they read the same and format nothing.
            case '#': out += "\xEF\xBC\x83"; break;   // ＃
            case '*': out += "\xEF\xBC\x8A"; break;   // ＊
            case '_': out += "\xEF\xBC\xBF"; break;   // ＿
            case '`': out += "\xEF\xBD\x80"; break;   // ｀
            case '[': out += "\xEF\xBC\xBB"; break;   // ［
            case ']': out += "\xEF\xBC\xBD"; break;   // ］
            case '<': out += "\xEF\xBC\x9C"; break;   // ＜
            case '>': out += "\xEF\xBC\x9E"; break;   // ＞
            case '~': out += "\xEF\xBD\x9E"; break;   // ～
            case '|': out += "\xEF\xBD\x9C"; break;   // ｜
            case '\\': out += "\xEF\xBC\xBC"; break;  // ＼
            default: out += c;
        }
    }
    return out;
}

bot::task<> webhook_sender::wait_for_slot(robot& r) {
    using clock = std::chrono::steady_clock;
    for (;;) {
        auto now = clock::now();
        while (!r.sent.empty() && now - r.sent.front() >= window_) r.sent.pop_front();
        auto until = r.rested_until;
        if (static_cast<int>(r.sent.size()) >= per_minute_) until = std::max(until, r.sent.front() + window_);
        if (until <= now) co_return;
        asio::steady_timer wait(ex_, until);
        co_await wait.async_wait(asio::use_awaitable);
    }
}

bot::task<api_reply> webhook_sender::send(std::string key, nlohmann::json msg) {
    auto& r = robots_[key];
    if (!r.gate) r.gate = std::make_unique<async_gate>(ex_);
    co_await r.gate->acquire();
    api_reply reply;
    auto target = "/cgi-bin/webhook/send?key=" + net::url_encode(key);
    for (int attempt = 0; attempt < 2; ++attempt) {
        co_await wait_for_slot(r);
        r.sent.push_back(std::chrono::steady_clock::now());
        reply = co_await api_.post(target, msg);
        if (reply.errcode != errcode::rate_limited) break;
        // Refused for the limit, so not posted: rest the robot a full minute before the one retry.
        ++rate_limited_;
        r.rested_until = std::chrono::steady_clock::now() + window_;
        spdlog::warn("wecom: a group robot is over its limit (45009); resting it a minute{}",
                     attempt == 0 ? " before trying once more" : "; the message is not sent");
    }
    r.gate->release();
    co_return reply;
}

void response_urls::add(std::string const& chat, std::string const& message_id, std::string url,
                        std::chrono::steady_clock::time_point now) {
    auto& list = by_chat_[chat];
    // WeCom gives an hour; a little less here, so a reply never races the deadline.
    list.push_back({message_id, std::move(url), now + std::chrono::minutes(55)});
    while (list.size() > 32) list.pop_front();
}

std::optional<std::string> response_urls::take(std::string const& chat, std::string const& reply_to,
                                               std::chrono::steady_clock::time_point now) {
    auto it = by_chat_.find(chat);
    if (it == by_chat_.end()) return std::nullopt;
    auto& list = it->second;
    while (!list.empty() && list.front().expires <= now) list.pop_front();
    if (list.empty()) {
        by_chat_.erase(it);
        return std::nullopt;
    }
    auto pick = list.end() - 1;
    if (!reply_to.empty())
        for (auto e = list.begin(); e != list.end(); ++e)
            if (e->message_id == reply_to) pick = e;
    auto url = std::move(pick->url);
    list.erase(pick);
    return url;
}

}  // namespace adapters::wecom
