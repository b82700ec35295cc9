// The console's pages: sign-in, overview, the audit log, the browser sandbox, metrics, and what
// every page shares (frame, navigation, buttons). A group's sections are in group_pages.cpp.
#include "web/pages.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "adapters/net/auth.hpp"
#include "bot/display.hpp"
#include "web/sandbox_hub.hpp"

namespace web {

using namespace bot;
std::string group_url(group_ref const& g, std::string const& section) {
    auto url = "/group?g=" + html::url_part(g.key());
    if (!section.empty()) url += "&s=" + html::url_part(section);
    return url;
}

std::string local_time(core& c, std::int64_t unix_seconds) {
    auto tz = time_zone::must_load(c.config().bot.timezone);
    auto t = tz.to_local(time_point{std::chrono::seconds{unix_seconds}});
    return t.str();
}


std::string pages::t(std::string const& key, text_args const& args) const {
    return svc_.core_.texts().render("", "console." + key, args);
}

net::response pages::text(http::status status, std::string body, std::string type) {
    return net::make_response(c_.req, status, std::move(body), std::move(type));
}

net::response pages::redirect(std::string const& to, std::string const& cookie) {
    auto res = net::make_response(c_.req, http::status::see_other);
    res.set(http::field::location, to);
    if (!cookie.empty()) res.set(http::field::set_cookie, cookie);
    return res;
}

std::string pages::nav() const {
    if (!c_.s) return {};
    std::string out = html::link("/", t("nav.overview"), c_.path == "/");
    for (auto const& g : visible_groups()) out += html::link(group_url(g), g.key(), false);
    if (c_.s->who.superuser) {
        out += html::link("/audit", t("nav.audit"), c_.path == "/audit");
        if (svc_.hub_) out += html::link("/sandbox", t("nav.sandbox"), c_.path == "/sandbox");
    }
    return out;
}

net::response pages::page(std::string title, std::string body, std::vector<std::string> scripts) {
    html::frame f;
    f.title = std::move(title);
    f.nav = nav();
    f.body = std::move(body);
    if (c_.s) {
        f.user = c_.s->who.name.empty() ? c_.s->who.user.str() : c_.s->who.name;
        f.csrf = c_.s->csrf;
        f.flash = std::move(c_.s->flash);
        c_.s->flash.clear();
    }
    f.scripts = std::move(scripts);
    f.logout = t("logout");
    return text(http::status::ok, html::page(f), "text/html; charset=utf-8");
}

net::response pages::refuse(http::status status, std::string const& text_key) {
    auto body = "<p class=\"error\">" + html::esc(t(text_key.substr(text_key.find('.') + 1))) + "</p>" +
                "<p>" + html::link("/login", t("nav.login")) + "</p>";
    auto res = page(t("refused"), body);
    res.result(status);
    return res;
}

std::vector<group_ref> pages::visible_groups() const {
    std::vector<group_ref> out;
    if (!c_.s) return out;
    for (auto const& g : svc_.core_.known_groups())
        if (c_.s->who.may_see(g.key())) out.push_back(g);
    return out;
}

std::optional<group_ref> pages::group_param(std::map<std::string, std::string> const& from) const {
    auto it = from.find("g");
    if (it == from.end() || !c_.s || !c_.s->who.may_see(it->second)) return std::nullopt;
    return svc_.core_.find_group(it->second);
}

std::string pages::back_field() const {
    auto target = std::string(c_.req.target());
    return html::hidden("back", target);
}

std::string pages::action_button(group_ref const& g, std::string const& label, message command, bool confirm,
                                 std::string const& css) {
    auto token = svc_.access_.offer(*c_.s, {g.key(), std::move(command), label});
    auto inner = html::hidden("a", token) + html::hidden("g", g.key()) + back_field() +
                 html::button(label, css, confirm ? t("confirm", {{"what", label}}) : std::string());
    return html::form("/group/run", c_.s->csrf, inner, "inline");
}

// ---- GET ---------------------------------------------------------------------------------------

task<net::response> pages::get() {
    auto const& path = c_.path;
    if (path.rfind("/static/", 0) == 0) {
        auto found = find_asset(path.substr(8));
        if (!found) co_return text(http::status::not_found, "not found");
        auto res = text(http::status::ok, found->body, found->type);
        co_return res;
    }
    if (path == "/metrics") co_return metrics();
    if (path == "/login") co_return login_page(c_.query["t"]);
    if (path == "/favicon.ico") co_return text(http::status::not_found, "");
    if (!c_.s) co_return redirect("/login");
    if (path == "/") co_return overview();
    if (path == "/audit") {
        if (!c_.s->who.superuser) co_return refuse(http::status::forbidden, "console.not_yours");
        co_return audit_page();
    }
    if (path == "/sandbox") {
        if (!c_.s->who.superuser || !svc_.hub_) co_return refuse(http::status::forbidden, "console.not_yours");
        co_return sandbox_page();
    }
    if (path == "/group" || path == "/group/download") {
        auto g = group_param(c_.query);
        if (!g) co_return refuse(http::status::forbidden, "console.not_yours");
        if (path == "/group/download") co_return download(*g);
        auto section = c_.query.count("s") ? c_.query["s"] : std::string("settings");
        co_return co_await group_page(*g, section);
    }
    co_return text(http::status::not_found, "not found");
}

std::string pages::session_cookie(std::string const& id) const {
    // Secure whenever people reach the console over https (public_url), so the cookie never goes in clear.
    return fmt::format("qunbot_console={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", id,
                       svc_.cfg_.session_hours * 3600, svc_.cfg_.public_url.rfind("https://", 0) == 0 ? "; Secure" : "");
}

net::response pages::login_page(std::string const& token, std::string const& problem) {
    std::string body;
    if (!problem.empty()) body += "<p class=\"error\" role=\"alert\">" + html::esc(problem) + "</p>";
    if (!token.empty()) {
        // The link only shows a button: chat apps open links to preview them, and a preview must not
        // use up the sign-in.
        body += "<p>" + html::esc(t("login.link_intro")) + "</p>" +
                html::form("/login", "", html::hidden("t", token) + html::button(t("login.enter"), "primary"));
    } else {
        body += "<p>" + html::esc(t("login.how")) + "</p>";
    }
    if (!svc_.cfg_.password_hash.empty())
        body += "<h2>" + html::esc(t("login.password_title")) + "</h2>" +
                html::form("/login/password", "",
                           "<label>" + html::esc(t("login.password")) +
                               " <input type=\"password\" name=\"password\" autocomplete=\"current-password\" "
                               "maxlength=\"200\"></label>" +
                               html::button(t("login.enter"), "primary"));
    return page(t("login.title"), body);
}

net::response pages::login_with_link() {
    auto* s = svc_.access_.redeem(c_.form["t"]);
    if (!s) {
        auto res = login_page("", t("login.link_bad"));
        res.result(http::status::unauthorized);
        return res;
    }
    svc_.audit_.add({0, svc_.core_.clock().now().time_since_epoch().count(), s->who.who(), "", "sign-in by link", "",
                     ""});
    return redirect("/", session_cookie(s->id));
}

net::response pages::login_with_password() {
    if (svc_.cfg_.password_hash.empty()) return refuse(http::status::not_found, "console.no_password");
    if (!svc_.access_.may_try(c_.remote)) {
        spdlog::warn("console: password sign-in from {} refused: too many failed attempts", c_.remote);
        auto res = login_page("", t("login.too_many"));
        res.result(http::status::too_many_requests);
        return res;
    }
    if (!password_matches(svc_.cfg_.password_hash, c_.form["password"])) {
        svc_.access_.failed(c_.remote);
        spdlog::warn("console: a wrong password from {}", c_.remote);
        auto res = login_page("", t("login.wrong_password"));
        res.result(http::status::unauthorized);
        return res;
    }
    grant g;
    g.name = t("operator");
    g.superuser = true;
    auto* s = svc_.access_.open(g);
    svc_.audit_.add({0, svc_.core_.clock().now().time_since_epoch().count(), g.who(), "", "sign-in by password", "",
                     c_.remote});
    return redirect("/", session_cookie(s->id));
}

net::response pages::metrics() {
    // Open on loopback; beyond it only with the token.
    bool local = is_loopback(c_.remote) || c_.remote == "::ffff:127.0.0.1";
    if (!local) {
        auto token = net::request_token(c_.req);
        if (svc_.cfg_.metrics_token.empty() || !token || !same_token(*token, svc_.cfg_.metrics_token))
            return text(http::status::unauthorized, "metrics need [console] metrics_token as a bearer token\n");
    }
    return text(http::status::ok, svc_.core_.metrics().prometheus(), "text/plain; version=0.0.4; charset=utf-8");
}

net::response pages::overview() {
    auto& core = svc_.core_;
    auto& m = core.metrics();
    auto up = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - core.started_at());
    std::string body;
    body += "<section class=\"cards\">";
    auto card = [&](std::string const& label, std::string const& value) {
        body += "<div class=\"card\"><div class=\"label\">" + html::esc(label) + "</div><div class=\"value\">" +
                html::esc(value) + "</div></div>";
    };
    card(t("overview.version"), QUNBOT_VERSION);
    card(t("overview.uptime"), fmt::format("{}h {}m", up.count() / 3600, up.count() / 60 % 60));
    card(t("overview.events"), fmt::format("{}", static_cast<std::int64_t>(m.total("qunbot_events_received_total"))));
    double last_minute = 0;
    if (svc_.samples_.size() >= 2)
        last_minute = svc_.samples_.back().second - svc_.samples_[svc_.samples_.size() - 2].second;
    card(t("overview.per_minute"), fmt::format("{}", static_cast<std::int64_t>(last_minute)));
    card(t("overview.queued"), fmt::format("{}", core.queued()));
    card(t("overview.failed"), fmt::format("{}", static_cast<std::int64_t>(m.total("qunbot_events_failed_total"))));
    body += "</section>";

    if (c_.s->who.superuser) {
        body += "<h2>" + html::esc(t("overview.accounts")) + "</h2><div class=\"scroll\"><table><thead><tr><th>" +
                html::esc(t("overview.platform")) + "</th><th>" + html::esc(t("overview.account")) + "</th><th>" +
                html::esc(t("overview.state")) + "</th><th>" + html::esc(t("overview.sent")) + "</th></tr></thead><tbody>";
        auto accounts = core.accounts();
        if (accounts.empty()) body += "<tr><td colspan=\"4\">" + html::esc(t("overview.no_accounts")) + "</td></tr>";
        for (auto const& a : accounts) {
            metrics::labels l{{"platform", a->platform_name()}, {"account", a->self_id().str()}, {"action", "send"},
                              {"outcome", "ok"}};
            body += "<tr><td>" + html::esc(a->platform_name()) + "</td><td>" + html::esc(a->self_id().str()) +
                    "</td><td>" + html::esc(a->connected() ? t("overview.connected") : t("overview.disconnected")) +
                    "</td><td>" + fmt::format("{}", static_cast<std::int64_t>(m.value("qunbot_actions_total", l))) +
                    "</td></tr>";
        }
        body += "</tbody></table></div>";
    }

    body += "<h2>" + html::esc(t("overview.groups")) + "</h2><ul class=\"groups\">";
    auto groups = visible_groups();
    if (groups.empty()) body += "<li>" + html::esc(t("overview.no_groups")) + "</li>";
    for (auto const& g : groups) body += "<li>" + html::link(group_url(g), g.key()) + "</li>";
    body += "</ul>";

    if (c_.s->who.superuser) {
        // Events per minute over the last hour, from the samples the service takes.
        std::vector<std::string> labels;
        std::vector<double> values;
        for (std::size_t i = 1; i < svc_.samples_.size(); ++i) {
            labels.push_back(local_time(core, svc_.samples_[i].first).substr(11, 5));
            values.push_back(svc_.samples_[i].second - svc_.samples_[i - 1].second);
        }
        panel::page chart;
        chart.add(panel::chart{t("overview.per_minute"), "line", labels, {{t("overview.events"), values}}});
        if (!labels.empty()) body += render_blocks({}, "", chart);
        body += "<h2>" + html::esc(t("overview.errors")) + "</h2>";
        if (!svc_.log_ || svc_.log_->lines().empty()) {
            body += "<p class=\"muted\">" + html::esc(t("overview.no_errors")) + "</p>";
        } else {
            body += "<ul class=\"log\">";
            auto const& lines = svc_.log_->lines();
            for (auto it = lines.rbegin(); it != lines.rend(); ++it)
                body += "<li><span class=\"level " + html::esc(it->first) + "\">" + html::esc(it->first) + "</span> " +
                        html::esc(it->second) + "</li>";
            body += "</ul>";
        }
    }
    return page(t("overview.title"), body, {"/static/chart.js"});
}

}  // namespace web

namespace web {

net::response pages::sandbox_page() {
    std::string members;
    auto current = svc_.hub_->current_user();
    for (auto const& m : svc_.hub_->members())
        members += "<option value=\"" + html::esc(m) + "\"" + (m == current ? " selected" : "") + ">" + html::esc(m) +
                   "</option>";
    std::string controls;
    for (auto const& [label, line] : std::vector<std::pair<std::string, std::string>>{
             {t("sandbox.join"), ":join "},
             {t("sandbox.leave"), ":leave "},
             {t("sandbox.next_day"), ":time +1d"},
             {t("sandbox.next_hour"), ":time +1h"},
             {t("sandbox.members"), ":members"},
             {t("sandbox.now"), ":now"},
             {t("sandbox.help"), ":help"}})
        controls += "<button type=\"button\" class=\"control\" data-line=\"" + html::esc(line) + "\">" + html::esc(label) +
                    "</button>";
    auto body = "<p class=\"muted\">" + html::esc(t("sandbox.intro")) + "</p>" +
                "<div id=\"sandbox\" class=\"sandbox\"><div class=\"transcript\" id=\"transcript\" aria-live=\"polite\"></div>"
                "<form id=\"say\" class=\"say\"><label>" +
                html::esc(t("sandbox.as")) + " <select id=\"as\">" + members +
                "</select></label><input id=\"line\" autocomplete=\"off\" maxlength=\"2000\" placeholder=\"" +
                html::esc(t("sandbox.placeholder")) + "\"><button type=\"submit\" class=\"primary\">" +
                html::esc(t("sandbox.send")) + "</button></form><div class=\"controls\">" + controls +
                "</div><p id=\"sandbox-state\" class=\"muted\"></p></div>";
    return page(t("nav.sandbox"), body, {"/static/sandbox.js"});
}

}  // namespace web
