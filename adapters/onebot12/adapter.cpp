#include "adapters/onebot12/adapter.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/net/auth.hpp"
#include "adapters/net/diagnostics.hpp"
#include "adapters/onebot12/actions.hpp"
#include "bot/utf8.hpp"

namespace adapters::onebot12 {

using nlohmann::json;

namespace {

std::string trim(std::string_view s) { return std::string(bot::trim(s)); }

}  // namespace

std::string offered_v12_protocol(std::string_view header_value) {
    // "12.ComWechat" or a list ("12.ComWechat, other"): the first v12 entry.
    while (!header_value.empty()) {
        auto comma = header_value.find(',');
        auto item = trim(header_value.substr(0, comma));
        if (item.starts_with("12.") && item.size() > 3) return item;
        if (comma == std::string_view::npos) break;
        header_value.remove_prefix(comma + 1);
    }
    return {};
}

namespace {

net::link_settings link_settings_of(settings const& cfg) {
    auto s = net::link_settings_from(cfg, "onebot12");
    s.refuse_with_401 = true;  // OneBot 12 answers every authentication failure with 401
    return s;
}

std::string offered(net::request const& req) {
    return offered_v12_protocol(net::header_value(req, "Sec-WebSocket-Protocol"));
}

}  // namespace

adapter::adapter(bot::core& core, settings cfg)
    : core_(core),
      cfg_(std::move(cfg)),
      // The implementation offers "12.<impl>"; the same value goes back, or none when it offered
      // no v12 protocol (answering with another would fail its handshake).
      net_(core.io(), link_settings_of(cfg_),
           {.vet = {},
            .subprotocol = offered,
            .describe = [](net::request const& req) {
                auto protocol = offered(req);
                return protocol.empty() ? std::string("?") : protocol.substr(3);
            },
            .opened = [this](std::shared_ptr<net::ws_link> const& ws, net::request const* req) { opened(ws, req); },
            .plain = [this](net::request const& req) { return on_http(req); },
            .flow = &core.flow(),
            .answers_due = [this](net::ws_link const& ws) { return calls_.waiting_via(&ws); },
            .out_of_reach = [this](net::ws_link const& ws) { return calls_.release_via(&ws); }}),
      calls_(core.io().get_executor()) {}

adapter::~adapter() {
    stopping_ = true;
    for (auto& [key, acc] : accounts_) core_.detach(*acc);
}

void adapter::start() {
    net_.start();
    if (cfg_.server.enabled)
        spdlog::info("onebot12: listening on {} (reverse WebSocket {} and /)", net_.address(), cfg_.server.ws_path);
}

void adapter::stop() {
    stopping_ = true;
    net_.stop();
    calls_.fail_all("qunbot is shutting down");
    for (auto& [key, acc] : accounts_) acc->link_added();  // wakes calls waiting for a connection
}

account* adapter::find(std::string const& platform, bot::id const& user) {
    auto it = accounts_.find(platform + ":" + user.str());
    return it == accounts_.end() ? nullptr : it->second.get();
}

account* adapter::account_for(self_ref const& self) {
    if (auto* known = find(self.platform, self.user)) return known;
    if (accounts_.size() >= static_cast<std::size_t>(cfg_.common.max_accounts)) {
        if (refused_accounts_++ % 1000 == 0)
            spdlog::warn("onebot12: {} accounts are served (max_accounts); dropped events for {} on {} ({} so far)",
                         accounts_.size(), self.user.str(), self.platform, refused_accounts_);
        return nullptr;
    }
    auto& slot = accounts_[self.platform + ":" + self.user.str()];
    slot = std::make_unique<account>(*this, self);
    core_.attach(*slot);
    spdlog::info("onebot12: account {} on {}", self.user.str(), self.platform);
    return slot.get();
}

std::string adapter::next_echo() {
    return std::to_string(++last_echo_);
}

net::response adapter::on_http(net::request const& req) {
    auto target = std::string(req.target());
    if (req.method() == net::http::verb::get && net::target_path(target) == "/")
        return net::make_response(req, net::http::status::ok, "qunbot: OneBot v12 at " + cfg_.server.ws_path + "\n");
    return net::make_response(req, net::http::status::not_found, "not found\n");
}

// ---- links --------------------------------------------------------------------------------------

void adapter::opened(std::shared_ptr<net::ws_link> const& ws, net::request const* req) {
    auto l = std::make_shared<link>();
    l->ws = ws;
    l->forward = req == nullptr;
    if (req) {
        auto protocol = offered(*req);
        if (!protocol.empty()) l->offered_impl = protocol.substr(3);
    }
    links_.push_back(l);
    std::weak_ptr<link> weak = l;
    net_.run(ws, {[this, weak](std::string_view text) {
                      if (auto live = weak.lock()) handle_frame(text, live);
                  },
                  [this, weak](std::string const& why) {
                      if (auto live = weak.lock()) link_closed(live, why);
                  }, nullptr, {}, {}, {}});
}

void adapter::on_connect(std::shared_ptr<link> const& l, decoded const& d) {
    bool again = l->connected;
    l->connected = true;
    auto impl = d.version && !d.version->impl.empty() ? d.version->impl : l->offered_impl;
    l->impl = profile_for(impl);
    for (auto const& key : l->accounts)
        if (auto it = accounts_.find(key); it != accounts_.end()) it->second->set_impl(l->impl);
    spdlog::info("{}: {} {} (OneBot {}), capabilities of {}", l->ws->name(), impl.empty() ? "an implementation" : impl,
                 d.version ? d.version->version : "", d.version ? d.version->onebot_version : "?", l->impl.name);
    // The bots behind this connection: from get_status now, else from the first event's `self`.
    if (!again) asio::co_spawn(core_.io(), ask_status(l), asio::detached);
}

bot::task<> adapter::ask_status(std::shared_ptr<link> l) {
    auto echo = next_echo();
    auto t = calls_.expect(json(echo), l.get(), std::chrono::duration_cast<std::chrono::milliseconds>(cfg_.common.call_timeout));
    auto frame = get_status(echo, self_ref{});
    l->ws->send(net::dump_frame(frame));
    auto r = co_await calls_.wait(t);
    if (!r || !l->ws->is_open()) co_return;
    auto bots = parse_status_bots(*r);
    if (!bots) {
        spdlog::info("{}: get_status: {}; bots will be learned from their events", l->ws->name(), bots.err().detail);
        co_return;
    }
    for (auto const& b : *bots) bind(l, b.self);
}

void adapter::bind(std::shared_ptr<link> const& l, self_ref const& self) {
    auto* known = account_for(self);
    if (!known) return;
    auto& acc = *known;
    auto key = acc.key();
    auto& links = acc.links();
    if (l->accounts.contains(key) && std::find(links.begin(), links.end(), l) != links.end()) return;
    l->accounts.insert(key);
    acc.set_impl(l->impl);
    bool first = std::none_of(links.begin(), links.end(), [](auto const& x) { return x->ws->is_open(); });
    // A new connection of the same direction for this account replaces the old one (a reconnect
    // racing a half-open socket); a link left serving nobody is closed. A reverse and a forward
    // link to the same implementation may both stay: the core drops the duplicate events.
    for (auto const& old : links) {
        if (old == l || old->forward != l->forward) continue;
        old->accounts.erase(key);
        if (old->accounts.empty() && old->ws->is_open()) {
            spdlog::info("{}: replaced by a new connection", old->ws->name());
            old->ws->close(net::websocket::close_code::normal, "replaced by a new connection for this account");
        }
    }
    std::erase_if(links, [&](auto const& old) { return old == l || old->forward == l->forward; });
    links.push_back(l);
    acc.link_added();
    spdlog::info("{}: serves {} on {}", l->ws->name(), self.user.str(), self.platform);
    if (first) {
        bot::event e{self.platform, self.user, core_.clock().now(), bot::ev::lifecycle{bot::ev::lifecycle::phase::connected}};
        core_.post(std::move(e));
    }
}

void adapter::link_closed(std::shared_ptr<link> const& l, std::string const& why) {
    spdlog::log(stopping_ ? spdlog::level::info : spdlog::level::warn, "{}: disconnected: {}", l->ws->name(), why);
    std::erase(links_, l);
    calls_.fail_via(l->ws.get(), "the connection closed before the answer came; the action may or may not have run");
    for (auto const& key : l->accounts) {
        auto it = accounts_.find(key);
        if (it == accounts_.end()) continue;
        auto& acc = *it->second;
        auto& links = acc.links();
        auto before = links.size();
        std::erase(links, l);
        if (before > 0 && links.empty() && !stopping_) {
            bot::event e{acc.self().platform, acc.self().user, core_.clock().now(),
                         bot::ev::lifecycle{bot::ev::lifecycle::phase::disconnected}};
            core_.post(std::move(e));
        }
    }
}

// ---- frames -------------------------------------------------------------------------------------

void adapter::handle_frame(std::string_view text, std::shared_ptr<link> const& from) {
    auto const& source = from->ws->name();
    auto parsed = net_.parse(text, source);
    auto& frame = parsed.value;
    auto& stats = net_.stats();
    auto d = !parsed ? decoded::fail("frame is " + parsed.error) : decode_frame(frame);
    if (!from->connected) {
        if (d.is(decoded::kind::meta) && d.meta == decoded::meta_kind::connect) {
            on_connect(from, d);
            return;
        }
        if (parsed) ++stats.malformed;  // a frame that did not parse was counted by the parser
        spdlog::warn("{}: the first frame is not a connect event; closing: {}", source, net::excerpt(text));
        from->ws->close(net::websocket::close_code::policy_error, "Missing connect meta event");
        return;
    }
    if (!parsed) return;
    switch (d.what) {
        case decoded::kind::error:
            ++stats.malformed;
            spdlog::warn("{}: dropped a malformed frame ({}): {}", source, d.reason, net::excerpt(text));
            return;
        case decoded::kind::ignored:
            ++stats.ignored;
            spdlog::debug("{}: ignored: {}", source, d.reason);
            return;
        case decoded::kind::response:
            if (!calls_.complete(d.echo, std::move(frame)))
                net::pending_calls::log_unmatched(source, d.echo, text);
            return;
        case decoded::kind::meta:
            if (d.meta == decoded::meta_kind::connect) on_connect(from, d);
            if (d.heartbeat_interval) from->ws->set_liveness(*d.heartbeat_interval);
            for (auto const& b : d.bots) {
                if (b.online) {
                    bind(from, b.self);
                } else if (find(b.self.platform, b.self.user)) {
                    spdlog::info("{}: {} on {} reports offline", source, b.self.user.str(), b.self.platform);
                }
            }
            return;
        case decoded::kind::event: break;
    }
    bind(from, d.self);
    if (d.own) {
        ++stats.own_messages;
        spdlog::debug("{}: the bot's own message, not input", source);
        return;
    }
    ++stats.events;
    core_.post(std::move(*d.event));
}

}  // namespace adapters::onebot12
