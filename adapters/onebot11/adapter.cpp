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

namespace {

net::link_settings link_settings_of(settings const& cfg) { return net::link_settings_from(cfg, "onebot11"); }

std::optional<bot::id> self_header(net::request const& req) {
    auto h = net::header_value(req, "X-Self-ID");
    if (h.empty()) return std::nullopt;
    return id_from_param(json(h));
}

}  // namespace

adapter::adapter(bot::core& core, settings cfg)
    : core_(core),
      cfg_(std::move(cfg)),
      net_(core.io(), link_settings_of(cfg_),
           {.vet = [](net::request const& req) -> std::optional<net::refusal> {
                auto role_header = net::header_value(req, "X-Client-Role");
                if (!parse_role(role_header))
                    return net::refusal{net::http::status::bad_request, "unknown X-Client-Role \"" + role_header + "\""};
                auto self = net::header_value(req, "X-Self-ID");
                if (!self.empty() && !self_header(req))
                    return net::refusal{net::http::status::bad_request, "X-Self-ID \"" + self + "\" is not an account ID"};
                return std::nullopt;
            },
            .subprotocol = {},
            .describe = [](net::request const& req) {
                auto self = self_header(req);
                return (self ? self->str() : std::string("?")) + " " +
                       std::string(role_name(parse_role(net::header_value(req, "X-Client-Role")).value_or(role::universal)));
            },
            .opened = [this](std::shared_ptr<net::ws_link> const& ws, net::request const* req) { opened(ws, req); },
            .plain = [this](net::request const& req) { return on_http(req); },
            .flow = &core.flow(),
            .answers_due = [this](net::ws_link const& ws) { return answers_due(ws); },
            .out_of_reach = [this](net::ws_link const& ws) { return release_calls(ws); }}) {
    if (cfg_.http_api.enabled) http_api_url_ = net::url::parse(cfg_.http_api.url);
}

adapter::~adapter() {
    stopping_ = true;
    for (auto& [key, acc] : accounts_) core_.detach(*acc);
}

void adapter::start() {
    net_.start();
    if (cfg_.server.enabled)
        spdlog::info("onebot11: listening on {} (reverse WebSocket {} and /, HTTP POST {})", net_.address(),
                     cfg_.server.ws_path, cfg_.server.http_path);
}

void adapter::stop() {
    stopping_ = true;
    net_.stop();
    for (auto& [key, probe] : login_probes_) probe->fail_all("qunbot is shutting down");
    for (auto& [key, acc] : accounts_) {
        acc->calls().fail_all("qunbot is shutting down");
        acc->link_added();  // wakes calls waiting for a connection, which then see the shutdown
    }
}

account* adapter::find(bot::id const& self) {
    auto it = accounts_.find(self.str());
    return it == accounts_.end() ? nullptr : it->second.get();
}

account* adapter::account_for(bot::id const& self) {
    if (auto* known = find(self)) return known;
    if (accounts_.size() >= static_cast<std::size_t>(cfg_.common.max_accounts)) {
        // Each account costs memory and a core registration: a peer naming ever new accounts must
        // not grow them without bound.
        if (refused_accounts_++ % 1000 == 0)
            spdlog::warn("onebot11: {} accounts are served (max_accounts); dropped events for account {} ({} so far)",
                         accounts_.size(), self.str(), refused_accounts_);
        return nullptr;
    }
    auto& slot = accounts_[self.str()];
    slot = std::make_unique<account>(*this, self);
    core_.attach(*slot);
    spdlog::info("onebot11: account {} ({})", self.str(), cfg_.common.platform);
    return slot.get();
}

// ---- links --------------------------------------------------------------------------------------

void adapter::opened(std::shared_ptr<net::ws_link> const& ws, net::request const* req) {
    auto what = req ? parse_role(net::header_value(*req, "X-Client-Role")).value_or(role::universal) : role::universal;
    auto l = std::make_shared<link>(link{ws, what, req ? self_header(*req) : std::nullopt});
    std::weak_ptr<link> weak = l;
    net_.run(ws, {[this, weak](std::string_view text) {
                      if (auto live = weak.lock()) handle_frame(text, live, live->self);
                  },
                  [this, weak](std::string const& why) {
                      if (auto live = weak.lock()) link_closed(live, why);
                  }, nullptr, {}, {}, {}});
    if (l->self) {
        bind(l, *l->self);
    } else {
        unbound_.push_back(l);
        if (l->carries_actions()) asio::co_spawn(core_.io(), ask_login(l), asio::detached);
    }
}

bool adapter::answers_due(net::ws_link const& ws) const {
    for (auto const& [key, acc] : accounts_)
        if (acc->calls().waiting_via(&ws)) return true;
    for (auto const& [via, probe] : login_probes_)
        if (probe->size() > 0 && static_cast<link const*>(via)->ws.get() == &ws) return true;
    return false;
}

std::size_t adapter::release_calls(net::ws_link const& ws) {
    std::size_t n = 0;
    for (auto const& [key, acc] : accounts_) n += acc->calls().release_via(&ws);
    for (auto const& [via, probe] : login_probes_)
        if (static_cast<link const*>(via)->ws.get() == &ws) n += probe->release_via(via);
    return n;
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
    auto* acc = account_for(self);
    if (!acc) {
        l->ws->close(net::websocket::close_code::policy_error, "qunbot serves no more accounts (max_accounts)");
        return;
    }
    std::erase(unbound_, l);
    l->self = self;
    auto& links = acc->links();
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
    acc->link_added();
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
    acc->calls().fail_via(l->ws.get(), "the connection closed before the answer came; the action may or may not have run");
    auto& links = acc->links();
    auto before = links.size();
    std::erase(links, l);
    if (before > 0 && links.empty() && !stopping_) {
        bot::event e{cfg_.common.platform, *l->self, core_.clock().now(),
                     bot::ev::lifecycle{bot::ev::lifecycle::phase::disconnected}};
        core_.post(std::move(e));
    }
}

// ---- frames -------------------------------------------------------------------------------------

void adapter::handle_frame(std::string_view text, std::shared_ptr<link> const& from, std::optional<bot::id> self_hint) {
    auto source = from ? from->ws->name() : std::string("onebot11 http");
    if (auto d = fast_.read(text)) {
        ++net_.stats().frames;
        deliver(std::move(*d), from, self_hint, source);
        return;
    }
    auto parsed = net_.parse(text, source);
    if (!parsed) return;
    auto& frame = parsed.value;
    auto& stats = net_.stats();
    auto d = decode_frame(frame);
    switch (d.what) {
        case decoded::kind::error:
            ++stats.malformed;
            spdlog::warn("{}: dropped a malformed frame ({}): {}", source, d.reason, net::excerpt(text));
            return;
        case decoded::kind::ignored:
            ++stats.ignored;
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
                net::pending_calls::log_unmatched(source, d.echo, text);
            return;
        }
        case decoded::kind::meta:
            if (from && !from->self && d.event && !d.event->self_id.empty()) bind(from, d.event->self_id);
            if (from && d.heartbeat_interval && d.heartbeat_interval->count() > 0)
                from->ws->set_liveness(*d.heartbeat_interval);
            return;
        case decoded::kind::event: break;
    }
    deliver(std::move(d), from, self_hint, source);
}

void adapter::deliver(decoded d, std::shared_ptr<link> const& from, std::optional<bot::id> const& self_hint,
                      std::string const& source) {
    auto& stats = net_.stats();
    auto& e = *d.event;
    e.platform = cfg_.common.platform;
    if (from && !from->self && !e.self_id.empty()) bind(from, e.self_id);
    if (e.self_id.empty() && self_hint) e.self_id = *self_hint;
    if (d.own) {
        ++stats.own_messages;
        spdlog::debug("{}: the bot's own message, not input", source);
        return;
    }
    if (!e.self_id.empty()) {
        auto* acc = account_for(e.self_id);
        if (!acc) return;
        if (auto const* request = e.as<bot::ev::join_request>()) acc->remember_request(request->flag, request->invite);
    }
    ++stats.events;
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
    std::string why;
    if (auto outcome = net::check_post(req, cfg_.common.access_token, cfg_.server.secret, &why);
        outcome != net::auth_outcome::ok) {
        net_.refused("an HTTP client", cfg_.server.http_path, "an event POST with " + why);
        return net::make_response(req, net::status_of(outcome), why + "\n");
    }
    std::optional<bot::id> self;
    if (auto h = net::header_value(req, "X-Self-ID"); !h.empty()) self = id_from_param(json(h));
    // Answer at once (the implementation waits for us, then retries); handle after.
    asio::post(core_.io(), [this, text = body, self] { handle_frame(text, nullptr, self); });
    return net::make_response(req, net::http::status::no_content);
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
                                      net::dump_frame(params), extra, timeout);
    } catch (boost::system::system_error const& e) {
        failure = {e.code() == net::beast::error::timeout ? bot::errc::timeout : bot::errc::not_connected,
                   "HTTP API " + http_api_url_->str() + ": " + e.code().message()};
    }
    if (!res) co_return failure;
    if (res->result() == net::http::status::unauthorized || res->result() == net::http::status::forbidden)
        co_return bot::error{bot::errc::rejected, "the HTTP API refused our access token"};
    if (res->result() == net::http::status::not_found)
        co_return bot::error{bot::errc::unsupported, "the HTTP API has no action " + action};
    auto parsed = net::parse_json(res->body());
    auto& body = parsed.value;
    if (!parsed || !body.is_object())
        co_return bot::error{bot::errc::internal,
                             "the HTTP API answered " + std::to_string(res->result_int()) + " without a JSON envelope"};
    co_return body;
}

}  // namespace adapters::onebot11
