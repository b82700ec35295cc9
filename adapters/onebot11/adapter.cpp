#include "adapters/onebot11/adapter.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "adapters/net/auth.hpp"
#include "adapters/net/diagnostics.hpp"
#include "adapters/onebot11/actions.hpp"
#include "adapters/onebot11/decode.hpp"
#include "adapters/onebot11/ids.hpp"

namespace adapters::onebot11 {

using nlohmann::json;

std::string_view role_name(role r) {
    switch (r) {
        case role::api: return "API";
        case role::event: return "Event";
        case role::universal: break;
    }
    return "Universal";
}

std::optional<role> parse_role(std::string_view header) {
    auto lower = std::string(header);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.empty() || lower == "universal") return role::universal;
    if (lower == "api") return role::api;
    if (lower == "event") return role::event;
    return std::nullopt;
}

adapter::adapter(bot::core& core, settings cfg) : core_(core), cfg_(std::move(cfg)) {
    limits_.max_frame = static_cast<std::size_t>(cfg_.common.max_frame_bytes);
    if (cfg_.client.enabled) client_url_ = net::url::parse(cfg_.client.url);
    if (cfg_.http_api.enabled) http_api_url_ = net::url::parse(cfg_.http_api.url);
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
        spdlog::info("onebot11: listening on {} (reverse WebSocket {} and /, HTTP POST {})", listener_->address(),
                     cfg_.server.ws_path, cfg_.server.http_path);
    }
    if (client_url_) asio::co_spawn(core_.io(), dial_loop(), asio::detached);
}

void adapter::stop() {
    stopping_ = true;
    if (listener_) listener_->stop();
    if (dial_wait_) dial_wait_->cancel();
    auto close_all = [](std::vector<std::shared_ptr<link>> const& links) {
        for (auto const& l : links) l->ws->close(net::websocket::close_code::going_away, "qunbot is shutting down");
    };
    close_all(unbound_);
    for (auto& [key, acc] : accounts_) {
        close_all(acc->links());
        acc->calls().fail_all("qunbot is shutting down");
    }
}

account* adapter::find(bot::id const& self) {
    auto it = accounts_.find(self.str());
    return it == accounts_.end() ? nullptr : it->second.get();
}

account& adapter::account_for(bot::id const& self) {
    auto& slot = accounts_[self.str()];
    if (!slot) {
        slot = std::make_unique<account>(*this, self);
        core_.attach(*slot);
        spdlog::info("onebot11: account {} ({})", self.str(), cfg_.common.platform);
    }
    return *slot;
}

// ---- reverse WebSocket --------------------------------------------------------------------------

void adapter::on_upgrade(net::request req, net::beast::tcp_stream stream) {
    asio::co_spawn(core_.io(), accept(std::move(req), std::move(stream)), asio::detached);
}

bot::task<> adapter::accept(net::request req, net::beast::tcp_stream stream) {
    auto peer = net::peer_of(stream);
    auto target = std::string(req.target());
    auto path = net::target_path(target);
    auto refuse = [&](net::http::status status, std::string why) -> net::response {
        ++stats_.refused_connections;
        spdlog::warn("onebot11: refused a WebSocket from {} to {}: {}", peer, path, why);
        auto res = net::make_response(req, status, why + "\n");
        res.keep_alive(false);
        return res;
    };
    std::optional<net::response> refusal;
    auto const& ws_path = cfg_.server.ws_path;
    bool path_ok = path == ws_path || path == "/" || (path.size() == ws_path.size() + 1 && path.starts_with(ws_path) &&
                                                      path.back() == '/');
    auto role_header = net::header_value(req, "X-Client-Role");
    auto link_role = parse_role(role_header);
    auto self_header = net::header_value(req, "X-Self-ID");
    std::optional<bot::id> self;
    if (!self_header.empty()) self = id_from_param(json(self_header));
    if (!path_ok) {
        refusal = refuse(net::http::status::not_found, "no WebSocket at " + std::string(path) + "; expected " + ws_path);
    } else if (auto outcome = net::check_token(req, cfg_.common.access_token); outcome != net::auth_outcome::ok) {
        refusal = refuse(net::status_of(outcome), outcome == net::auth_outcome::missing
                                                      ? "no access token (Authorization: Bearer …, Token … or ?access_token=)"
                                                      : "wrong access token");
    } else if (!link_role) {
        refusal = refuse(net::http::status::bad_request, "unknown X-Client-Role \"" + role_header + "\"");
    } else if (!self_header.empty() && !self) {
        refusal = refuse(net::http::status::bad_request, "X-Self-ID \"" + self_header + "\" is not an account ID");
    }
    boost::system::error_code ec;
    if (refusal) {
        stream.expires_after(std::chrono::seconds(5));
        co_await net::http::async_write(stream, *refusal, asio::redirect_error(asio::use_awaitable, ec));
        stream.socket().shutdown(net::tcp::socket::shutdown_both, ec);
        co_return;
    }
    net::ws_stream ws(std::move(stream));
    ws.set_option(net::websocket::stream_base::decorator(
        [](net::websocket::response_type& res) { res.set(net::http::field::server, "qunbot"); }));
    co_await ws.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        spdlog::warn("onebot11: WebSocket handshake with {} failed: {}", peer, ec.message());
        co_return;
    }
    auto name = "onebot11 reverse " + (self ? self->str() : std::string("?")) + " " +
                std::string(role_name(*link_role)) + " " + peer;
    auto l = std::make_shared<link>(link{std::make_shared<net::ws_link>(std::move(ws), name, limits_), *link_role, self});
    spdlog::info("{}: connected", name);
    add_link(l);
}

void adapter::add_link(std::shared_ptr<link> const& l) {
    ++stats_.connections;
    std::weak_ptr<link> weak = l;
    l->ws->start({[this, weak](std::string_view text) {
                      if (auto live = weak.lock()) handle_frame(text, live, live->self);
                  },
                  [this, weak](std::string const& why) {
                      if (auto live = weak.lock()) link_closed(live, why);
                  }});
    l->ws->set_liveness(cfg_.common.heartbeat);
    if (l->self) {
        bind(l, *l->self);
    } else {
        unbound_.push_back(l);
        if (l->carries_actions()) asio::co_spawn(core_.io(), ask_login(l), asio::detached);
    }
}

bot::task<> adapter::ask_login(std::shared_ptr<link> l) {
    // Without X-Self-ID (forward mode) the account is learned from the connect event; asking
    // get_login_info as well covers implementations that send no lifecycle event.
    net::pending_calls probe(core_.io().get_executor());
    auto echo = json("qunbot-login");
    auto t = probe.expect(echo, l.get(), std::chrono::seconds(5));
    // The response arrives as a frame with an echo no account knows; handle_frame routes it here.
    login_probes_[l.get()] = &probe;
    l->ws->send(get_login_info(echo).dump());
    auto r = co_await probe.wait(t);
    login_probes_.erase(l.get());
    if (!r || l->self || !l->ws->is_open()) co_return;
    auto info = parse_login_info(*r);
    if (info) bind(l, info->user);
}

void adapter::bind(std::shared_ptr<link> const& l, bot::id const& self) {
    std::erase(unbound_, l);
    l->self = self;
    auto& acc = account_for(self);
    auto& links = acc.links();
    bool first = links.empty();
    // A new connection for the same account and role replaces the old one (a reconnect racing a
    // half-open socket), rather than being refused.
    for (auto const& old : links) {
        if (old != l && old->what == l->what && old->ws->is_open()) {
            spdlog::info("{}: replaced by a new connection", old->ws->name());
            old->ws->close(net::websocket::close_code::normal, "replaced by a new connection for this account");
        }
    }
    std::erase_if(links, [&](auto const& old) { return old == l || (old->what == l->what); });
    links.push_back(l);
    acc.link_added();
    if (first) {
        bot::event e{cfg_.common.platform, self, core_.clock().now(), bot::ev::lifecycle{bot::ev::lifecycle::phase::connected}};
        core_.post(std::move(e));
    }
}

void adapter::link_closed(std::shared_ptr<link> const& l, std::string const& why) {
    spdlog::log(stopping_ ? spdlog::level::info : spdlog::level::warn, "{}: disconnected: {}", l->ws->name(), why);
    std::erase(unbound_, l);
    if (!l->self) return;
    auto* acc = find(*l->self);
    if (!acc) return;
    acc->calls().fail_via(l.get(), "the connection closed before the answer came; the action may or may not have run");
    auto& links = acc->links();
    auto before = links.size();
    std::erase(links, l);
    if (before > 0 && links.empty() && !stopping_) {
        bot::event e{cfg_.common.platform, *l->self, core_.clock().now(),
                     bot::ev::lifecycle{bot::ev::lifecycle::phase::disconnected}};
        core_.post(std::move(e));
    }
    if (dial_wait_ && l->ws->name().starts_with("onebot11 forward")) dial_wait_->cancel();
}

// ---- frames -------------------------------------------------------------------------------------

void adapter::handle_frame(std::string_view text, std::shared_ptr<link> const& from, std::optional<bot::id> self_hint) {
    ++stats_.frames;
    auto source = from ? from->ws->name() : std::string("onebot11 http");
    auto frame = json::parse(text, nullptr, false);
    if (frame.is_discarded()) {
        ++stats_.malformed;
        spdlog::warn("{}: dropped a frame that is not JSON: {}", source, net::excerpt(text));
        return;
    }
    auto d = decode_frame(frame);
    switch (d.what) {
        case decoded::kind::error:
            ++stats_.malformed;
            spdlog::warn("{}: dropped a malformed frame ({}): {}", source, d.reason, net::excerpt(text));
            return;
        case decoded::kind::ignored:
            ++stats_.ignored;
            spdlog::debug("{}: ignored: {}", source, d.reason);
            return;
        case decoded::kind::response: {
            if (from) {
                if (auto probe = login_probes_.find(from.get()); probe != login_probes_.end() &&
                                                                  probe->second->complete(d.echo, frame))
                    return;
            }
            auto self = from && from->self ? from->self : self_hint;
            auto* acc = self ? find(*self) : nullptr;
            if (!acc || !acc->calls().complete(d.echo, std::move(frame)))
                spdlog::warn("{}: a response to no pending action (echo {}; late, or not ours): {}", source,
                             d.echo.dump(), net::excerpt(text));
            return;
        }
        case decoded::kind::meta:
            if (from && !from->self && d.event && !d.event->self_id.empty()) bind(from, d.event->self_id);
            if (from && d.heartbeat_interval && d.heartbeat_interval->count() > 0)
                from->ws->set_liveness(*d.heartbeat_interval);
            return;
        case decoded::kind::event: break;
    }
    auto& e = *d.event;
    e.platform = cfg_.common.platform;
    if (from && !from->self && !e.self_id.empty()) bind(from, e.self_id);
    if (e.self_id.empty() && self_hint) e.self_id = *self_hint;
    if (d.own) {
        ++stats_.own_messages;
        spdlog::debug("{}: the bot's own message, not input", source);
        return;
    }
    if (auto const* request = e.as<bot::ev::join_request>(); request && !e.self_id.empty())
        account_for(e.self_id).remember_request(request->flag, request->invite);
    else if (!e.self_id.empty()) account_for(e.self_id);
    ++stats_.events;
    core_.post(std::move(e));
}

// ---- HTTP POST ----------------------------------------------------------------------------------

net::response adapter::on_http(net::request const& req) {
    auto target = std::string(req.target());
    auto path = net::target_path(target);
    if (req.method() == net::http::verb::get && path == "/")
        return net::make_response(req, net::http::status::ok, "qunbot: OneBot v11 at " + cfg_.server.ws_path + "\n");
    if (path != cfg_.server.http_path && path != cfg_.server.http_path + "/")
        return net::make_response(req, net::http::status::not_found, "not found\n");
    if (req.method() != net::http::verb::post)
        return net::make_response(req, net::http::status::method_not_allowed, "POST events here\n");
    auto const& body = req.body();
    if (!cfg_.server.secret.empty()) {
        auto signature = net::header_value(req, "X-Signature");
        if (signature.empty() || !net::signature_matches(signature, cfg_.server.secret, body)) {
            ++stats_.refused_connections;
            spdlog::warn("onebot11 http: refused an event: {} X-Signature", signature.empty() ? "no" : "wrong");
            return net::make_response(req, signature.empty() ? net::http::status::unauthorized : net::http::status::forbidden,
                                      "bad signature\n");
        }
    } else if (auto outcome = net::check_token(req, cfg_.common.access_token);
               outcome != net::auth_outcome::ok && net::request_token(req)) {
        // HTTP POST carries no token by spec; one that is sent must be right.
        return net::make_response(req, net::status_of(outcome), "wrong access token\n");
    }
    std::optional<bot::id> self;
    if (auto h = net::header_value(req, "X-Self-ID"); !h.empty()) self = id_from_param(json(h));
    // Answer at once (the implementation waits for us, then retries); handle after.
    asio::post(core_.io(), [this, text = body, self] { handle_frame(text, nullptr, self); });
    return net::make_response(req, net::http::status::no_content);
}

// ---- forward WebSocket --------------------------------------------------------------------------

bot::task<> adapter::dial_loop() {
    net::backoff wait(std::chrono::milliseconds(cfg_.client.reconnect_min_ms),
                      std::chrono::milliseconds(cfg_.client.reconnect_max_ms));
    dial_wait_ = std::make_shared<asio::steady_timer>(core_.io());
    int failures = 0;
    while (!stopping_) {
        net::headers extra;
        if (!cfg_.common.access_token.empty()) extra.emplace_back("Authorization", "Bearer " + cfg_.common.access_token);
        std::shared_ptr<link> l;
        std::string failure;
        try {
            auto ws = co_await net::dial_ws(*client_url_, extra, std::chrono::seconds(10));
            if (stopping_) co_return;
            l = std::make_shared<link>(link{std::make_shared<net::ws_link>(std::move(ws),
                                                                           "onebot11 forward " + client_url_->str(), limits_),
                                            role::universal, std::nullopt});
        } catch (boost::system::system_error const& e) {
            failure = e.code().message();
        }
        if (!l) {
            if (stopping_) co_return;
            auto delay = wait.next();
            ++failures;
            spdlog::log(failures == 1 || failures % 10 == 0 ? spdlog::level::warn : spdlog::level::debug,
                        "onebot11 forward {}: cannot connect ({}); retrying in {} ms", client_url_->str(), failure,
                        delay.count());
            dial_wait_->expires_after(delay);
            boost::system::error_code ec;
            co_await dial_wait_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        failures = 0;
        wait.reset();
        spdlog::info("{}: connected", l->ws->name());
        add_link(l);
        // Wait until the link ends, then dial again.
        while (l->ws->is_open() && !stopping_) {
            dial_wait_->expires_after(std::chrono::hours(24));
            boost::system::error_code ec;
            co_await dial_wait_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        if (stopping_) co_return;
        auto delay = wait.next();
        dial_wait_->expires_after(delay);
        boost::system::error_code ec;
        co_await dial_wait_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

// ---- HTTP API -----------------------------------------------------------------------------------

bot::task<bot::result<json>> adapter::http_call(json frame) {
    net::headers extra;
    if (!cfg_.common.access_token.empty()) extra.emplace_back("Authorization", "Bearer " + cfg_.common.access_token);
    auto action = frame.value("action", std::string());
    auto params = frame.contains("params") ? frame["params"] : json::object();
    auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(cfg_.common.call_timeout);
    std::optional<net::response> res;
    bot::error failure;
    try {
        res = co_await net::post_json(*http_api_url_, "/" + action,
                                      params.dump(-1, ' ', false, json::error_handler_t::replace), extra, timeout);
    } catch (boost::system::system_error const& e) {
        failure = {e.code() == net::beast::error::timeout ? bot::errc::timeout : bot::errc::not_connected,
                   "HTTP API " + http_api_url_->str() + ": " + e.code().message()};
    }
    if (!res) co_return failure;
    if (res->result() == net::http::status::unauthorized || res->result() == net::http::status::forbidden)
        co_return bot::error{bot::errc::rejected, "the HTTP API refused our access token"};
    if (res->result() == net::http::status::not_found)
        co_return bot::error{bot::errc::unsupported, "the HTTP API has no action " + action};
    auto body = json::parse(res->body(), nullptr, false);
    if (body.is_discarded() || !body.is_object())
        co_return bot::error{bot::errc::internal,
                             "the HTTP API answered " + std::to_string(res->result_int()) + " without a JSON envelope"};
    co_return body;
}

}  // namespace adapters::onebot11
