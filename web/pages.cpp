// The console's pages: sign-in, overview, a group's sections, the audit log, downloads, metrics.
#include "web/pages.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "adapters/net/auth.hpp"
#include "bot/display.hpp"
#include "web/sandbox_hub.hpp"

namespace web {

using namespace bot;

namespace {

/// The sections every group page has, in order, with their text keys.
struct section_def {
    char const* id;
    char const* label_key;
};
constexpr section_def standard_sections[] = {
    {"settings", "console.section.settings"}, {"commands", "console.section.commands"},
    {"members", "console.section.members"},   {"checkins", "console.section.checkins"},
    {"money", "console.section.money"},       {"moderation", "console.section.moderation"},
    {"health", "console.section.health"},     {"audit", "console.section.audit"},
};

bool is_standard(std::string const& s) {
    return std::any_of(std::begin(standard_sections), std::end(standard_sections),
                       [&](auto const& d) { return s == d.id; });
}

std::string group_url(group_ref const& g, std::string const& section = {}) {
    auto url = "/group?g=" + html::url_part(g.key());
    if (!section.empty()) url += "&s=" + html::url_part(section);
    return url;
}

std::string local_time(core& c, std::int64_t unix_seconds) {
    auto tz = time_zone::must_load(c.config().bot.timezone);
    auto t = tz.to_local(time_point{std::chrono::seconds{unix_seconds}});
    return t.str();
}


}  // namespace

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
    return redirect("/", fmt::format("qunbot_console={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", s->id,
                                     svc_.cfg_.session_hours * 3600,
                                     svc_.cfg_.public_url.rfind("https://", 0) == 0 ? "; Secure" : ""));
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
    return redirect("/", fmt::format("qunbot_console={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", s->id,
                                     svc_.cfg_.session_hours * 3600,
                                     svc_.cfg_.public_url.rfind("https://", 0) == 0 ? "; Secure" : ""));
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

task<net::response> pages::group_page(group_ref const& g, std::string const& section) {
    std::string sub = "<nav class=\"sections\">";
    for (auto const& d : standard_sections)
        sub += html::link(group_url(g, d.id), svc_.core_.texts().render("", d.label_key), section == d.id);
    std::set<std::string> extra;
    for (auto const& p : svc_.core_.panels())
        if (!is_standard(p.section) && p.section != "group") extra.insert(p.section);
    for (auto const& s : extra) sub += html::link(group_url(g, s), s, section == s);
    sub += "</nav>";
    std::string body;
    if (section == "settings") {
        body = settings_section(g) + panels_section(g, "group");
    } else if (section == "commands") {
        body = co_await commands_section(g);
    } else if (section == "audit") {
        body = audit_section({g.key()}, false);
    } else {
        body = panels_section(g, section);
    }
    co_return page(g.key(), sub + body, {"/static/chart.js"});
}

std::string pages::panels_section(group_ref const& g, std::string const& section) {
    std::string out;
    panel::viewer v{c_.s->who.platform, c_.s->who.user, c_.s->who.superuser};
    int shown = 0;
    for (auto const& p : svc_.core_.panels()) {
        if (p.section != section) continue;
        if (!svc_.core_.plugin_enabled(p.plugin, g.key())) continue;
        ++shown;
        out += "<section class=\"panel\" id=\"" + html::esc(p.plugin + "-" + p.id) + "\"><h2>" + html::esc(p.title) +
               "</h2>";
        try {
            out += render_blocks(g, p.plugin + "/" + p.id, p.render(g, v));
        } catch (std::exception const& e) {
            spdlog::error("console: panel {}/{} failed: {}", p.plugin, p.id, e.what());
            out += "<p class=\"error\">" + html::esc(t("panel_failed")) + "</p>";
        }
        out += "</section>";
    }
    if (!shown && section != "group") out += "<p class=\"muted\">" + html::esc(t("no_panels")) + "</p>";
    return out;
}

std::string pages::settings_section(group_ref const& g) {
    auto& core = svc_.core_;
    auto gk = g.key();
    std::string out;
    auto set_row = [&](std::string const& key, std::string const& current, std::string const& help,
                       std::string const& expects) {
        auto overridden = core.settings().get(gk, key).has_value();
        auto inner = html::hidden("g", gk) + html::hidden("key", key) + back_field() + "<label><code>" +
                     html::esc(key) + "</code>" +
                     (overridden ? " <span class=\"badge\">" + html::esc(t("settings.overridden")) + "</span>" : "") +
                     " " + html::input("value", current, expects) + "</label>" +
                     html::button(t("save"), "primary");
        out += "<div class=\"setting\">" + html::form("/group/set", c_.s->csrf, inner) +
               html::form("/group/unset", c_.s->csrf,
                          html::hidden("g", gk) + html::hidden("key", key) + back_field() + html::button(t("reset"), "link"),
                          "inline") +
               "<p class=\"help\">" + html::esc(help) + (expects.empty() ? "" : " · " + html::esc(expects)) + "</p></div>";
    };
    out += "<h2>" + html::esc(t("settings.title")) + "</h2><p class=\"muted\">" + html::esc(t("settings.intro")) + "</p>";
    out += "<h3>core</h3>";
    set_row("timezone", core.group_tz(g).name(), t("settings.timezone"), "");
    set_row("day_close_hour", std::to_string(core.group_close_hour(g)), t("settings.day_close_hour"), "0–23");
    for (auto const& [plugin, keys] : core.config_keys()) {
        out += "<details><summary>" + html::esc(plugin) + " <span class=\"muted\">(" +
               fmt::format("{}", keys.size()) + ")</span></summary>";
        for (auto const& [name, k] : keys) {
            auto help = k.help_key.empty() || !core.texts().has(k.help_key) ? std::string()
                                                                              : core.texts().render(gk, k.help_key);
            auto expects = core.texts().has(k.kind.key) ? core.texts().render(gk, k.kind.key, k.kind.args) : k.kind.english;
            set_row(plugin + "." + name, k.current(g), help, expects);
        }
        out += "</details>";
    }

    out += "<h2>" + html::esc(t("settings.plugins")) + "</h2><div class=\"scroll\"><table><tbody>";
    for (auto const& name : core.plugin_names()) {
        bool on = core.plugin_enabled(name, gk);
        auto cmd = message(fmt::format("/plugin {} {}", on ? "off" : "on", name));
        out += "<tr><td>" + html::esc(name) + "</td><td>" + html::esc(on ? t("on") : t("off")) + "</td><td>" +
               action_button(g, on ? t("turn_off") : t("turn_on"), cmd, on) + "</td></tr>";
    }
    out += "</tbody></table></div>";

    out += "<details><summary>" + html::esc(t("settings.commands")) + "</summary><div class=\"scroll\"><table><tbody>";
    for (auto const& cmd : core.commands().all()) {
        if (cmd->plugin == "core" || cmd->hidden) continue;
        bool on = core.command_enabled(cmd->name(), gk);
        auto line = message(fmt::format("/command {} {}", on ? "off" : "on", cmd->name()));
        out += "<tr><td><code>/" + html::esc(cmd->name()) + "</code></td><td>" + html::esc(cmd->help) + "</td><td>" +
               html::esc(on ? t("on") : t("off")) + "</td><td>" +
               action_button(g, on ? t("turn_off") : t("turn_on"), line) + "</td></tr>";
    }
    out += "</tbody></table></div></details>";

    // The texts editor: each template with its placeholders, a live preview, and the group's override.
    out += "<h2>" + html::esc(t("settings.texts")) + "</h2><p class=\"muted\">" + html::esc(t("settings.texts_intro")) +
           "</p><input type=\"search\" class=\"filter\" data-filter=\"#texts .text\" placeholder=\"" +
           html::esc(t("settings.texts_filter")) + "\"><div id=\"texts\">";
    for (auto const& [key, global] : core.texts().list()) {
        if (key.rfind("console.", 0) == 0) continue;
        auto over = core.settings().get(gk, "text:" + key);
        auto current = over ? *over : global;
        std::string places;
        for (auto const& p : core.texts().placeholders(key)) places += (places.empty() ? "" : " ") + ("{" + p + "}");
        auto inner = html::hidden("g", gk) + html::hidden("key", key) + back_field() + "<label><code>" + html::esc(key) +
                     "</code>" + (over ? " <span class=\"badge\">" + html::esc(t("settings.overridden")) + "</span>" : "") +
                     "<textarea name=\"value\" rows=\"2\" maxlength=\"2000\" data-placeholders=\"" + html::esc(places) +
                     "\">" + html::esc(current) + "</textarea></label><p class=\"help\">" +
                     html::esc(t("settings.placeholders", {{"list", places.empty() ? "—" : places}})) +
                     "</p><div class=\"preview\" aria-live=\"polite\"></div>" + html::button(t("save"), "primary");
        auto anchor = "text-" + key;
        inner = html::hidden("anchor", anchor) + inner;
        out += "<div class=\"text\" id=\"" + html::esc(anchor) + "\">" + html::form("/group/text", c_.s->csrf, inner);
        if (over)
            out += html::form("/group/text", c_.s->csrf,
                              html::hidden("g", gk) + html::hidden("key", key) + html::hidden("value", "reset") +
                                  back_field() + html::button(t("reset"), "link"),
                              "inline");
        out += "</div>";
    }
    out += "</div>";
    return out;
}

task<std::string> pages::commands_section(group_ref const& g) {
    auto& core = svc_.core_;
    auto as = svc_.identity(c_.s->who, g);
    std::string out = "<p class=\"muted\">" + html::esc(t("commands.intro")) + "</p>";
    if (!as) co_return out + "<p class=\"error\">" + html::esc(t("no_identity")) + "</p>";
    // Who is in the group, for the member fields, when the platform lists members.
    std::string members;
    if (auto a = core.account_for(g); a && a->caps().member_list) {
        auto listed = co_await a->members(g.group);
        if (listed)
            for (auto const& m : listed.value())
                members += "<option value=\"" + html::esc(m.user.str()) + "\">" +
                           html::esc(shown_name_of(m.card, m.nickname, m.user)) + "</option>";
    }
    out += "<datalist id=\"members\">" + members + "</datalist>";
    // A stand-in for a message from the viewer, to ask each command whether they may use it here.
    event probe_event{g.platform, g.self_id, core.clock().now(), ev::group_message{id("probe"), g.group, *as, message()}};
    bot::session probe(core, probe_event, nullptr);
    out += "<input type=\"search\" class=\"filter\" data-filter=\"#commands .command\" placeholder=\"" +
           html::esc(t("commands.filter")) + "\"><div id=\"commands\">";
    for (auto const& cmd : core.commands().all()) {
        if (cmd->hidden || cmd->name() == "console") continue;
        if (!core.plugin_enabled(cmd->plugin, g.key()) || !core.command_enabled(cmd->name(), g.key())) continue;
        if (!cmd->where(probe) || !cmd->permit(probe)) continue;
        std::string fields;
        for (std::size_t i = 0; i < cmd->args.size(); ++i) {
            auto const& a = cmd->args[i];
            auto name = fmt::format("arg{}", i);
            auto label = a.name + (a.optional ? " " + t("commands.optional") : std::string());
            std::string field;
            if (a.kind == arg_kind::user)
                field = "<input type=\"text\" name=\"" + name + "\" list=\"members\" maxlength=\"200\" placeholder=\"" +
                        html::esc(t("commands.member_id")) + "\">";
            else if (a.kind == arg_kind::text)
                field = "<textarea name=\"" + name + "\" rows=\"2\" maxlength=\"2000\"></textarea>";
            else
                field = html::input(name, "", a.help);
            fields += "<label>" + html::esc(label) + field + "</label>" +
                      (a.help.empty() ? std::string() : "<p class=\"help\">" + html::esc(a.help) + "</p>");
        }
        std::string examples;
        for (auto const& e : cmd->examples) examples += "<code>" + html::esc(e) + "</code> ";
        auto inner = html::hidden("g", g.key()) + html::hidden("cmd", cmd->name()) + back_field() + fields +
                     html::button(t("commands.run"), "primary");
        out += "<details class=\"command\"><summary><code>/" + html::esc(cmd->name()) + "</code> " +
               html::esc(cmd->help) + "</summary>" +
               (examples.empty() ? "" : "<p class=\"help\">" + html::esc(t("commands.example")) + " " + examples + "</p>") +
               html::form("/group/command", c_.s->csrf, inner) + "</details>";
    }
    out += "</div>";
    co_return out;
}

std::string pages::audit_section(std::vector<std::string> const& groups, bool all) {
    auto entries = svc_.audit_.recent(200, all, groups);
    std::string out = "<div class=\"scroll\"><table><thead><tr><th>" + html::esc(t("audit.when")) + "</th><th>" +
                      html::esc(t("audit.who")) + "</th><th>" + html::esc(t("audit.group")) + "</th><th>" +
                      html::esc(t("audit.what")) + "</th><th>" + html::esc(t("audit.before")) + "</th><th>" +
                      html::esc(t("audit.after")) + "</th></tr></thead><tbody>";
    if (entries.empty()) out += "<tr><td colspan=\"6\">—</td></tr>";
    for (auto const& e : entries)
        out += "<tr><td>" + html::esc(local_time(svc_.core_, e.at)) + "</td><td>" + html::esc(e.who) + "</td><td>" +
               html::esc(e.group) + "</td><td>" + html::esc(e.action) + "</td><td class=\"pre\">" + html::esc(e.before) +
               "</td><td class=\"pre\">" + html::esc(e.after) + "</td></tr>";
    return out + "</tbody></table></div>";
}

net::response pages::audit_page() { return page(t("nav.audit"), audit_section({}, true)); }

net::response pages::download(group_ref const& g) {
    auto key = c_.query["p"];
    auto n = std::atoi(c_.query["n"].c_str());
    panel::viewer v{c_.s->who.platform, c_.s->who.user, c_.s->who.superuser};
    for (auto const& p : svc_.core_.panels()) {
        if (p.plugin + "/" + p.id != key || !svc_.core_.plugin_enabled(p.plugin, g.key())) continue;
        int i = 0;
        for (auto const& b : p.render(g, v).blocks) {
            auto const* d = std::get_if<panel::download>(&b);
            if (!d || i++ != n) continue;
            auto res = text(http::status::ok, d->body, d->content_type);
            std::string safe;
            for (char ch : d->filename)
                if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.') safe += ch;
            res.set(http::field::content_disposition, "attachment; filename=\"" + (safe.empty() ? "export.csv" : safe) + "\"");
            return res;
        }
    }
    return text(http::status::not_found, "not found");
}

// ---- POST --------------------------------------------------------------------------------------

task<net::response> pages::change() {
    auto& f = c_.form;
    auto back = f["back"];
    if (back.empty() || back.front() != '/' || back.rfind("//", 0) == 0 || back.find('\\') != std::string::npos)
        back = "/";
    // Back to the form's place on a long page (the texts editor).
    auto anchor = f["anchor"];
    if (!anchor.empty() && anchor.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
                               std::string::npos)
        back += "#" + anchor;
    if (c_.path == "/logout") {
        svc_.access_.close(c_.session_id);
        co_return redirect("/login", "qunbot_console=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    }
    auto g = group_param(f);
    if (!g) co_return refuse(http::status::forbidden, "console.not_yours");
    auto& core = svc_.core_;
    if (c_.path == "/group/run") {
        auto it = c_.s->actions.find(f["a"]);
        if (it == c_.s->actions.end() || it->second.group != g->key())
            co_return refuse(http::status::bad_request, "console.stale_action");
        auto action = it->second;
        co_await svc_.run(c_, *g, action.command, "button «" + action.label + "»:");
        co_return redirect(back);
    }
    if (c_.path == "/group/set" || c_.path == "/group/unset") {
        auto key = f["key"];
        auto value = f["value"];
        if (key.empty() || key.find_first_of(" \n\r\t") != std::string::npos)
            co_return refuse(http::status::bad_request, "console.bad_input");
        auto line = c_.path == "/group/set" ? fmt::format("/set {} {}", key, one_line(value)) : "/unset " + key;
        auto group = *g;
        auto state = [&core, group, key]() -> std::string {
            if (key == "timezone") return core.group_tz(group).name();
            if (key == "day_close_hour") return std::to_string(core.group_close_hour(group));
            auto dot = key.find('.');
            auto const& all = core.config_keys();
            auto plugin = all.find(key.substr(0, dot));
            if (dot == std::string::npos || plugin == all.end()) return {};
            auto field = plugin->second.find(key.substr(dot + 1));
            return field == plugin->second.end() ? std::string() : field->second.current(group);
        };
        co_await svc_.run(c_, *g, message(line), "setting:", state);
        co_return redirect(back);
    }
    if (c_.path == "/group/text") {
        auto key = f["key"];
        if (key.empty() || key.find_first_of(" \n\r\t") != std::string::npos || !core.texts().has(key))
            co_return refuse(http::status::bad_request, "console.bad_input");
        auto gk = g->key();
        auto state = [&core, gk, key]() -> std::string {
            auto over = core.settings().get(gk, "text:" + key);
            return over ? *over : core.texts().default_text(key);
        };
        co_await svc_.run(c_, *g, message(fmt::format("/text {} {}", key, f["value"])), "text:", state);
        co_return redirect(back);
    }
    if (c_.path == "/group/command") {
        auto cmd = core.commands().find(f["cmd"]);
        if (!cmd) co_return refuse(http::status::bad_request, "console.bad_input");
        message m(fmt::format("/{}", cmd->name()));
        for (std::size_t i = 0; i < cmd->args.size(); ++i) {
            auto value = f[fmt::format("arg{}", i)];
            auto const& a = cmd->args[i];
            if (value.empty()) continue;
            m.text(" ");
            if (a.kind == arg_kind::user) {
                m.at(plain_id(one_line(value)));
            } else {
                m.text(a.kind == arg_kind::text ? value : one_line(value));
            }
        }
        co_await svc_.run(c_, *g, m, "command:");
        co_return redirect(back);
    }
    co_return text(http::status::not_found, "not found");
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
