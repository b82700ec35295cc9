#pragma once
/// HTML for the console's pages: every string that goes in is escaped here, so text from members,
/// plugins or the URL can never become markup. Pages are built from these and nothing else.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace web::html {

/// Text made safe for an element or a quoted attribute; control and bidi characters removed.
std::string esc(std::string_view text);
/// A URL's query value, percent-encoded.
std::string url_part(std::string_view text);

/// A form body or query string (application/x-www-form-urlencoded) as name → value; the last of a
/// repeated name wins. Bounded by the body limit of the listener.
std::map<std::string, std::string> parse_form(std::string_view body);

/// The page around a body: head with the console's stylesheet and script, the navigation, the
/// flash message. `nav` is ready HTML (from nav_link); `body` is ready HTML.
struct frame {
    std::string title;
    std::string nav;
    std::string body;
    std::string flash;
    std::string user;  ///< who is signed in, shown top right
    std::string csrf;  ///< for the sign-out form; empty: signed out
    std::vector<std::string> scripts;  ///< extra local scripts ("/static/chart.js")
    std::string logout = "退出";      ///< the sign-out button's label
};
std::string page(frame const& f);

/// <a href="href" class="active?">label</a>
std::string link(std::string_view href, std::string_view label, bool active = false);
/// A POST form with the CSRF field; `inner` is ready HTML (fields and a button).
std::string form(std::string_view action, std::string_view csrf, std::string_view inner, std::string_view css = {});
std::string hidden(std::string_view name, std::string_view value);
std::string button(std::string_view label, std::string_view css = {}, std::string_view confirm = {});
std::string input(std::string_view name, std::string_view value, std::string_view placeholder = {},
                  std::string_view type = "text");
std::string tag(std::string_view name, std::string_view text, std::string_view css = {});

}  // namespace web::html
