#pragma once
/// The console's pages and forms (internal to web/): one `pages` object answers one request.

#include <map>
#include <string>

#include "bot/texts.hpp"
#include "web/html.hpp"
#include "web/service.hpp"

namespace web {

namespace http = net::http;

/// One request being answered.
struct service::call {
    net::request req;
    std::string remote;
    std::string path;
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> form;
    web::session* s = nullptr;
    std::string session_id;
};

/// The address of a group's page (and section).
std::string group_url(bot::group_ref const& g, std::string const& section = {});
/// Unix seconds as local time in the bot's zone, "2026-03-02 09:00".
std::string local_time(bot::core& c, std::int64_t unix_seconds);

/// Declares the console's keyed texts (console.*) with their Chinese defaults.
void declare_texts(bot::plugin_context& ctx);

/// The static files: the console's own stylesheet and scripts, and Chart.js from Debian's
/// libjs-chart.js when installed. nullopt for an unknown name.
struct asset {
    std::string body;
    std::string type;
};
std::optional<asset> find_asset(std::string const& name);

class pages {
public:
    pages(service& svc, service::call& c) : svc_(svc), c_(c) {}

    bot::task<net::response> get();
    net::response login_with_link();
    net::response login_with_password();
    net::response refuse(http::status status, std::string const& text_key);
    /// A state-changing POST from a signed-in person with a valid CSRF token.
    bot::task<net::response> change();

private:
    std::string t(std::string const& key, bot::text_args const& args = {}) const;
    net::response page(std::string title, std::string body, std::vector<std::string> scripts = {});
    net::response redirect(std::string const& to, std::string const& cookie = {});
    net::response text(http::status status, std::string body, std::string type = "text/plain; charset=utf-8");
    std::string nav() const;
    /// The group named by `g` in the query or form, when the viewer may see it.
    std::optional<bot::group_ref> group_param(std::map<std::string, std::string> const& from) const;
    std::vector<bot::group_ref> visible_groups() const;

    net::response login_page(std::string const& token, std::string const& problem = {});
    /// The Set-Cookie value of a new session.
    std::string session_cookie(std::string const& id) const;
    net::response metrics();
    net::response overview();
    bot::task<net::response> group_page(bot::group_ref const& g, std::string const& section);
    std::string settings_section(bot::group_ref const& g);
    bot::task<std::string> commands_section(bot::group_ref const& g);
    std::string panels_section(bot::group_ref const& g, std::string const& section);
    std::string audit_section(std::vector<std::string> const& groups, bool all);
    net::response audit_page();
    net::response download(bot::group_ref const& g);
    net::response sandbox_page();
    /// A button running `command` in `g`, remembered in the session so the post names it by token.
    std::string action_button(bot::group_ref const& g, std::string const& label, bot::message command,
                              bool confirm = false, std::string const& css = {});
    std::string back_field() const;
    std::string render_blocks(bot::group_ref const& g, std::string const& panel_key, bot::panel::page const& p);

    service& svc_;
    service::call& c_;
};

}  // namespace web
