#include "adapters/onebot12/adapter.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/net/auth.hpp"
#include "adapters/net/diagnostics.hpp"
#include "adapters/onebot12/actions.hpp"

namespace adapters::onebot12 {

using nlohmann::json;

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

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

adapter::adapter(bot::core& core, settings cfg)
    : core_(core), cfg_(std::move(cfg)), calls_(core.io().get_executor()) {
    limits_.max_frame = static_cast<std::size_t>(cfg_.common.max_frame_bytes);
    if (cfg_.client.enabled) client_url_ = net::url::parse(cfg_.client.url);
}

adapter::~adapter() {
    stopping_ = true;
    for (auto& [key, acc] : accounts_) core_.detach(*acc);
}

void adapter::start() {
    if (cfg_.server.enabled) {
        net::http_listener::handlers h;
        h.upgrade = [this](net::request req, net::beast::tcp_stream stream) { on_upgrade(std::move(req), std::move(stream)); };
        h.plain = [this](net::request const& req) { return on_http(req); };
        listener_ = std::make_unique<net::http_listener>(core_.io(), cfg_.server.host,
                                                         static_cast<unsigned short>(cfg_.server.port), std::move(h),
                                                         limits_.hard_max_frame);
        listener_->start();
        spdlog::info("onebot12: listening on {} (reverse WebSocket {} and /)", listener_->address(), cfg_.server.ws_path);
    }
    if (client_url_) asio::co_spawn(core_.io(), dial_loop(), asio::detached);
}

void adapter::stop() {
    stopping_ = true;
    if (listener_) listener_->stop();
    if (dial_wait_) dial_wait_->cancel();
    for (auto const& l : links_) l->ws->close(net::websocket::close_code::going_away, "qunbot is shutting down");
    calls_.fail_all("qunbot is shutting down");
}

account* adapter::find(std::string const& platform, bot::id const& user) {
    auto it = accounts_.find(platform + ":" + user.str());
    return it == accounts_.end() ? nullptr : it->second.get();
}

account& adapter::account_for(self_ref const& self) {
    auto& slot = accounts_[self.platform + ":" + self.user.str()];
    if (!slot) {
        slot = std::make_unique<account>(*this, self);
        core_.attach(*slot);
        spdlog::info("onebot12: account {} on {}", self.user.str(), self.platform);
    }
    return *slot;
}

std::string adapter::next_echo() {
    return std::to_string(++last_echo_);
}

// ---- reverse WebSocket --------------------------------------------------------------------------

void adapter::on_upgrade(net::request req, net::beast::tcp_stream stream) {
    asio::co_spawn(core_.io(), accept(std::move(req), std::move(stream)), asio::detached);
}

bot::task<> adapter::accept(net::request req, net::beast::tcp_stream stream) {
    auto peer = net::peer_of(stream);
    auto target = std::string(req.target());
    auto path = net::target_path(target);
    auto const& ws_path = cfg_.server.ws_path;
    bool path_ok = path == ws_path || path == "/" ||
                   (path.size() == ws_path.size() + 1 && path.starts_with(ws_path) && path.back() == '/');
    std::optional<net::response> refusal;
    auto refuse = [&](net::http::status status, std::string const& why) {
        ++stats_.refused_connections;
        spdlog::warn("onebot12: refused a WebSocket from {} to {}: {}", peer, path, why);
        refusal = net::make_response(req, status, why + "\n");
        refusal->keep_alive(false);
    };
    if (!path_ok) {
        refuse(net::http::status::not_found, "no WebSocket at " + std::string(path) + "; expected " + ws_path);
    } else if (auto outcome = net::check_token(req, cfg_.common.access_token); outcome != net::auth_outcome::ok) {
        // OneBot 12 answers every authentication failure with 401.
        refuse(net::http::status::unauthorized, outcome == net::auth_outcome::missing
                                                    ? "no access token (Authorization: Bearer … or ?access_token=)"
                                                    : "wrong access token");
    }
    boost::system::error_code ec;
    if (refusal) {
        stream.expires_after(std::chrono::seconds(5));
        co_await net::http::async_write(stream, *refusal, asio::redirect_error(asio::use_awaitable, ec));
        stream.socket().shutdown(net::tcp::socket::shutdown_both, ec);
        co_return;
    }
    // The implementation offers "12.<impl>"; the same value goes back, or none when it offered no
    // v12 protocol (answering with another would fail its handshake).
    auto protocol = offered_v12_protocol(net::header_value(req, "Sec-WebSocket-Protocol"));
    net::ws_stream ws(std::move(stream));
    ws.set_option(net::websocket::stream_base::decorator([protocol](net::websocket::response_type& res) {
        res.set(net::http::field::server, "qunbot");
        if (!protocol.empty()) res.set(net::http::field::sec_websocket_protocol, protocol);
    }));
    co_await ws.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        spdlog::warn("onebot12: WebSocket handshake with {} failed: {}", peer, ec.message());
        co_return;
    }
    auto impl = protocol.empty() ? std::string("?") : protocol.substr(3);
    auto l = std::make_shared<link>();
    l->ws = std::make_shared<net::ws_link>(std::move(ws), "onebot12 reverse " + impl + " " + peer, limits_);
    l->offered_impl = protocol.empty() ? std::string() : impl;
    spdlog::info("{}: connected", l->ws->name());
    add_link(l);
}

net::response adapter::on_http(net::request const& req) {
    auto target = std::string(req.target());
    if (req.method() == net::http::verb::get && net::target_path(target) == "/")
        return net::make_response(req, net::http::status::ok, "qunbot: OneBot v12 at " + cfg_.server.ws_path + "\n");
    return net::make_response(req, net::http::status::not_found, "not found\n");
}

// ---- links --------------------------------------------------------------------------------------

void adapter::add_link(std::shared_ptr<link> const& l) {
    ++stats_.connections;
    links_.push_back(l);
    std::weak_ptr<link> weak = l;
    l->ws->start({[this, weak](std::string_view text) {
                      if (auto live = weak.lock()) handle_frame(text, live);
                  },
                  [this, weak](std::string const& why) {
                      if (auto live = weak.lock()) link_closed(live, why);
                  }});
    l->ws->set_liveness(cfg_.common.heartbeat);
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
    l->ws->send(frame.dump(-1, ' ', false, json::error_handler_t::replace));
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
    auto& acc = account_for(self);
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
    calls_.fail_via(l.get(), "the connection closed before the answer came; the action may or may not have run");
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
    if (l->forward && dial_wait_) dial_wait_->cancel();
}

// ---- frames -------------------------------------------------------------------------------------

void adapter::handle_frame(std::string_view text, std::shared_ptr<link> const& from) {
    ++stats_.frames;
    auto const& source = from->ws->name();
    auto frame = json::parse(text, nullptr, false);
    auto d = frame.is_discarded() ? decoded::fail("frame is not valid JSON") : decode_frame(frame);
    if (!from->connected) {
        if (d.is(decoded::kind::meta) && d.meta == decoded::meta_kind::connect) {
            on_connect(from, d);
            return;
        }
        ++stats_.malformed;
        spdlog::warn("{}: the first frame is not a connect event; closing: {}", source, net::excerpt(text));
        from->ws->close(net::websocket::close_code::policy_error, "Missing connect meta event");
        return;
    }
    switch (d.what) {
        case decoded::kind::error:
            ++stats_.malformed;
            spdlog::warn("{}: dropped a malformed frame ({}): {}", source, d.reason, net::excerpt(text));
            return;
        case decoded::kind::ignored:
            ++stats_.ignored;
            spdlog::debug("{}: ignored: {}", source, d.reason);
            return;
        case decoded::kind::response:
            if (!calls_.complete(d.echo, std::move(frame)))
                spdlog::warn("{}: a response to no pending action (echo {}; late, or not ours): {}", source,
                             d.echo.dump(), net::excerpt(text));
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
        ++stats_.own_messages;
        spdlog::debug("{}: the bot's own message, not input", source);
        return;
    }
    ++stats_.events;
    core_.post(std::move(*d.event));
}

// ---- forward WebSocket --------------------------------------------------------------------------

bot::task<> adapter::dial_loop() {
    net::backoff wait(std::chrono::milliseconds(cfg_.client.reconnect_min_ms),
                      std::chrono::milliseconds(cfg_.client.reconnect_max_ms));
    dial_wait_ = std::make_shared<asio::steady_timer>(core_.io());
    int failures = 0;
    auto pause = [this](std::chrono::milliseconds d) -> bot::task<> {
        dial_wait_->expires_after(d);
        boost::system::error_code ec;
        co_await dial_wait_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    };
    while (!stopping_) {
        net::headers extra;
        if (!cfg_.common.access_token.empty()) extra.emplace_back("Authorization", "Bearer " + cfg_.common.access_token);
        std::shared_ptr<link> l;
        std::string failure;
        try {
            auto ws = co_await net::dial_ws(*client_url_, extra, std::chrono::seconds(10));
            if (stopping_) co_return;
            l = std::make_shared<link>();
            l->ws = std::make_shared<net::ws_link>(std::move(ws), "onebot12 forward " + client_url_->str(), limits_);
            l->forward = true;
        } catch (boost::system::system_error const& e) {
            failure = e.code().message();
        }
        if (!l) {
            if (stopping_) co_return;
            auto delay = wait.next();
            ++failures;
            spdlog::log(failures == 1 || failures % 10 == 0 ? spdlog::level::warn : spdlog::level::debug,
                        "onebot12 forward {}: cannot connect ({}); retrying in {} ms", client_url_->str(), failure,
                        delay.count());
            co_await pause(delay);
            continue;
        }
        failures = 0;
        wait.reset();
        spdlog::info("{}: connected", l->ws->name());
        add_link(l);
        // Wait until the link ends (link_closed wakes us), then dial again after a pause.
        std::chrono::milliseconds const idle = std::chrono::hours(24);
        while (l->ws->is_open() && !stopping_) co_await pause(idle);
        if (stopping_) co_return;
        auto delay = wait.next();
        co_await pause(delay);
    }
}

}  // namespace adapters::onebot12
