// A group's page: its sections (settings, commands, the plugins' panels, its audit log), downloads,
// and the forms that change it, each by running the chat command as the signed-in person.
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
    {"group", "console.section.group"},       {"money", "console.section.money"},
    {"moderation", "console.section.moderation"}, {"health", "console.section.health"},
    {"audit", "console.section.audit"},
};

bool is_standard(std::string const& s) {
    return std::any_of(std::begin(standard_sections), std::end(standard_sections),
                       [&](auto const& d) { return s == d.id; });
}

}  // namespace

task<net::response> pages::group_page(group_ref const& g, std::string const& section) {
    std::string sub = "<nav class=\"sections\">";
    for (auto const& d : standard_sections)
        sub += html::link(group_url(g, d.id), svc_.core_.texts().render("", d.label_key), section == d.id);
    std::set<std::string> extra;
    for (auto const& p : svc_.core_.panels())
        if (!is_standard(p.section)) extra.insert(p.section);
    for (auto const& s : extra) sub += html::link(group_url(g, s), s, section == s);
    sub += "</nav>";
    std::string body;
    if (section == "settings") {
        body = settings_section(g);
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
    if (!shown) out += "<p class=\"muted\">" + html::esc(t("no_panels")) + "</p>";
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
