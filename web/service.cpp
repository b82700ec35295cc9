#include "web/service.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <charconv>
#include <mutex>

#include "adapters/console/console.hpp"
#include "adapters/net/auth.hpp"
#include "bot/display.hpp"
#include "web/html.hpp"
#include "web/pages.hpp"
#include "web/sandbox_hub.hpp"

namespace web {

using namespace bot;
namespace http = net::http;

namespace {

constexpr char const* cookie_name = "qunbot_console";

/// Copies the log's warnings and errors into a recent_log (bounded), on the logging thread.
class recent_sink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit recent_sink(std::shared_ptr<recent_log> log) : log_(std::move(log)) {}

protected:
    void sink_it_(spdlog::details::log_msg const& msg) override {
        if (msg.level < spdlog::level::warn) return;
        auto level = spdlog::level::to_string_view(msg.level);
        log_->add(std::string(level.data(), level.size()), std::string(msg.payload.data(), msg.payload.size()));
    }
    void flush_() override {}

private:
    std::shared_ptr<recent_log> log_;
};

std::string cookie_of(net::request const& req) {
    auto it = req.find(http::field::cookie);
    if (it == req.end()) return {};
    std::string_view all(it->value().data(), it->value().size());
    std::string want = std::string(cookie_name) + "=";
    while (!all.empty()) {
        auto semi = all.find(';');
        auto part = all.substr(0, semi);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.rfind(want, 0) == 0) return std::string(part.substr(want.size()));
        all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    }
    return {};
}

/// The origin a browser sends with a form post must be this console's own (the Host it asked).
bool same_origin(net::request const& req) {
    auto origin = req.find(http::field::origin);
    if (origin == req.end()) return true;  // not every browser sends it; the CSRF token still holds
    auto host = req.find(http::field::host);
    if (host == req.end()) return false;
    std::string_view o(origin->value().data(), origin->value().size());
    auto scheme = o.find("://");
    if (scheme == std::string_view::npos) return false;
    return o.substr(scheme + 3) == std::string_view(host->value().data(), host->value().size());
}

}  // namespace

id plain_id(std::string const& text) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc{} && end == text.data() + text.size() && !text.empty()) return id(v);
    return id(text);
}

void recent_log::add(std::string level, std::string line) {
    lines_.emplace_back(std::move(level), bot::shown_text(line, 400));
    if (lines_.size() > 50) lines_.erase(lines_.begin());
}

std::shared_ptr<recent_log> recent_log::attach_to_logger() {
    auto log = std::make_shared<recent_log>();
    if (auto logger = spdlog::default_logger()) logger->sinks().push_back(std::make_shared<recent_sink>(log));
    return log;
}


service::service(core& c, settings cfg, adapters::console::adapter* sandbox)
    : core_(c),
      cfg_(std::move(cfg)),
      sandbox_(sandbox),
      ctx_(c, "console"),
      access_(std::chrono::minutes(cfg_.link_minutes), std::chrono::hours(cfg_.session_hours)),
      audit_(c.db()) {
    ctx_.migrations(audit_log::migrations());
    declare_texts(ctx_);
    read_texts(c.file());
    register_chat();
    attach_sandbox(sandbox);
}

void service::attach_sandbox(adapters::console::adapter* sandbox) {
    sandbox_ = sandbox;
    hub_ = sandbox_ ? std::make_unique<sandbox_hub>(core_, *sandbox_) : nullptr;
}

void service::read_texts(config_file& file) {
    // [console.texts] rewords the console bot-wide, checked like a plugin's [plugins.NAME.texts].
    auto const* table = file.section("console.texts");
    if (!table) return;
    if (!table->is_table()) {
        file.report(config_error(table->pos, "console.texts", "expected a table of texts"));
        return;
    }
    for (auto const& [key, value] : table->as_table()) {
        auto full = "console." + key;
        auto where = "console.texts." + key;
        auto const* text = std::get_if<std::string>(&value.value);
        if (!text) {
            file.report(config_error(value.pos, where, "expected a string"));
        } else if (!core_.texts().has(full)) {
            file.report(config_error(value.pos, where, "unknown text key of the console"));
        } else if (auto problem = core_.texts().validate(full, *text)) {
            file.report(config_error(value.pos, where, "expected " + *problem));
        } else {
            core_.texts().set_global(full, *text);
        }
    }
}

service::~service() {
    *alive_ = false;
    stop();
}

bool service::start() {
    net::http_listener::handlers h;
    h.respond = [this, alive = alive_](net::request req, std::string remote) -> bot::task<net::response> {
        auto r = co_await respond(std::move(req), std::move(remote));
        co_return r;
    };
    if (hub_) {
        h.upgrade = [this](net::request req, net::beast::tcp_stream stream, net::http_listener::slot held) {
            auto* s = access_.find(cookie_of(req));
            bool ok = s && s->who.superuser && same_origin(req);
            hub_->accept(std::move(req), std::move(stream), std::move(held), ok);
        };
    }
    try {
        listener_ = std::make_unique<net::http_listener>(core_.io(), cfg_.host, static_cast<unsigned short>(cfg_.port),
                                                         std::move(h), 64 * 1024, 128);
    } catch (std::exception const& e) {
        spdlog::error("console: cannot listen on {}:{} ({}); the bot runs without it. Set [console] port to a free "
                      "port, or enabled = false",
                      cfg_.host, cfg_.port, e.what());
        return false;
    }
    listener_->start();
    sampler_ = std::make_unique<asio::steady_timer>(core_.io());
    sample();
    spdlog::info("console: listening on {}", settings{cfg_}.base_url(listener_->port()));
    return true;
}

void service::sample() {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    samples_.emplace_back(now.count(), core_.metrics().total("qunbot_events_received_total"));
    while (samples_.size() > 61) samples_.pop_front();
    sampler_->expires_after(std::chrono::minutes(1));
    sampler_->async_wait([this, alive = alive_](boost::system::error_code ec) {
        if (!ec && *alive && sampler_) sample();
    });
}

void service::stop() {
    if (sampler_) sampler_->cancel();
    if (hub_) hub_->close_all();
    if (listener_) listener_->stop();
}

unsigned short service::port() const { return listener_ ? listener_->port() : 0; }

std::string service::link_for(grant g) {
    return cfg_.base_url(port()) + "/login?t=" + access_.issue_link(std::move(g));
}

void service::register_chat() {
    ctx_.command({"console", "后台", "管理后台"}, "获取管理后台的一次性登录链接（私聊发给你）")
        .permit(perm::admin)
        .handle([this](command_call& cc) -> task<> {
            auto& s = cc.s();
            auto gk = s.group() ? s.group()->key() : std::string();
            if (!listening()) {
                auto off = core_.texts().render(gk, "console.chat_off");
                co_await cc.reply(off);
                co_return;
            }
            grant g{s.ev().platform, s.user_id(), s.user_name(), s.is_superuser(), s.role(), {}};
            if (!g.superuser) g.groups.insert(gk);
            auto url = link_for(g);
            auto minutes = static_cast<std::int64_t>(access_.link_life().count());
            auto text = core_.texts().render(gk, "console.chat_link", {{"url", url}, {"minutes", minutes}});
            if (!s.in_group()) {
                co_await cc.reply(text);
                co_return;
            }
            // Never in the group: anyone there could use it first.
            auto a = s.replier() ? s.replier() : s.api();
            auto to = target::user_of(s.user_id());
            auto sent = a ? co_await a->send(to, text) : result<id>(error{errc::not_connected, "offline"});
            auto note = core_.texts().render(gk, sent ? "console.chat_sent" : "console.chat_not_sent");
            co_await cc.reply(note);
        });
}

task<net::response> service::respond(net::request req, std::string remote) {
    call c;
    c.path = std::string(net::target_path(std::string_view(req.target().data(), req.target().size())));
    auto target = std::string(req.target());
    if (auto q = target.find('?'); q != std::string::npos) c.query = html::parse_form(std::string_view(target).substr(q + 1));
    c.remote = std::move(remote);
    c.req = std::move(req);
    c.session_id = cookie_of(c.req);
    c.s = c.session_id.empty() ? nullptr : access_.find(c.session_id);
    net::response res;
    try {
        res = co_await route(c);
    } catch (std::exception const& e) {
        spdlog::error("console: {} {} failed: {}", std::string(c.req.method_string()), c.path, e.what());
        res = net::make_response(c.req, http::status::internal_server_error, "internal error; see the log");
    }
    // Nothing of the console is framed, sniffed, cached or told where it came from.
    res.set(http::field::cache_control, "no-store");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    // same-origin: the console's own form posts carry their Origin (with no-referrer a browser sends
    // "Origin: null", which same_origin refuses), and no other site ever gets a Referer from it.
    res.set("Referrer-Policy", "same-origin");
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    co_return res;
}

task<net::response> service::route(call& c) {
    auto method = c.req.method();
    if (method == http::verb::post) {
        if (c.req.body().size() > 64 * 1024)
            co_return net::make_response(c.req, http::status::payload_too_large, "too large");
        c.form = html::parse_form(c.req.body());
        co_return co_await post(c);
    }
    if (method != http::verb::get && method != http::verb::head)
        co_return net::make_response(c.req, http::status::method_not_allowed, "method not allowed");
    pages p(*this, c);
    co_return co_await p.get();
}

task<net::response> service::post(call& c) {
    pages p(*this, c);
    if (c.path == "/login") co_return p.login_with_link();
    if (c.path == "/login/password") co_return p.login_with_password();
    if (!c.s) co_return p.refuse(http::status::unauthorized, "console.need_login");
    if (!same_origin(c.req) || !same_token(c.form["csrf"], c.s->csrf)) {
        spdlog::warn("console: refused a {} from {}: missing or wrong CSRF token", c.path, c.remote);
        co_return p.refuse(http::status::forbidden, "console.bad_csrf");
    }
    co_return co_await p.change();
}

task<std::string> service::run(call& c, group_ref const& g, message command, std::string what,
                               std::function<std::string()> state) {
    auto session_id = c.session_id;
    auto who = c.s->who;
    auto as = identity(who, g);
    auto before = state ? state() : std::string();
    std::string outcome;
    if (!as) {
        outcome = core_.texts().render(g.key(), "console.no_identity");
    } else {
        auto r = co_await core_.run_as(g, *as, command);
        if (!r.ran) outcome = core_.texts().render(g.key(), "console.not_run");
        for (auto const& line : r.replies) outcome += (outcome.empty() ? "" : "\n") + line;
        if (r.ran && r.replies.empty()) outcome = core_.texts().render(g.key(), "console.done");
    }
    auto after = state ? state() : std::string();
    audit_.add({0, core_.clock().now().time_since_epoch().count(), who.who(), g.key(),
                what + " " + command.plain_text(), before, state ? after + "\n" + outcome : outcome});
    // The session may have ended while the command ran.
    c.s = access_.find(session_id);
    if (c.s) c.s->flash = outcome;
    co_return outcome;
}

std::optional<sender> service::identity(grant const& who, group_ref const& g) const {
    sender as;
    as.nickname = who.name;
    if (!who.superuser) {
        if (!who.groups.count(g.key())) return std::nullopt;
        as.user = who.user;
        as.role = who.role;
        return as;
    }
    as.role = role::owner;
    if ((who.platform.empty() || who.platform == g.platform) && !who.user.empty() &&
        core_.is_superuser(g.platform, who.user)) {
        as.user = who.user;
        return as;
    }
    // A superuser signed in elsewhere (or by password) acts as a superuser of this platform.
    for (auto const& entry : core_.config().bot.superusers) {
        auto colon = entry.find(':');
        auto platform = colon == std::string::npos ? g.platform : entry.substr(0, colon);
        auto user = colon == std::string::npos ? entry : entry.substr(colon + 1);
        if (platform == g.platform) {
            as.user = plain_id(user);
            return as;
        }
    }
    return std::nullopt;
}

}  // namespace web
