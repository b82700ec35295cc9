#include "web/html.hpp"

#include <fmt/format.h>

#include "adapters/net/web_call.hpp"
#include "bot/display.hpp"

namespace web::html {

std::string esc(std::string_view text) {
    auto clean = bot::printable(text);
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string url_part(std::string_view text) { return adapters::net::url_encode(text); }

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
                   hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

std::map<std::string, std::string> parse_form(std::string_view body) {
    std::map<std::string, std::string> out;
    while (!body.empty()) {
        auto amp = body.find('&');
        auto pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        out[decode(pair.substr(0, eq))] = eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
    }
    return out;
}

std::string link(std::string_view href, std::string_view label, bool active) {
    return fmt::format("<a href=\"{}\"{}>{}</a>", esc(href), active ? " class=\"active\" aria-current=\"page\"" : "",
                       esc(label));
}

std::string hidden(std::string_view name, std::string_view value) {
    return fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", esc(name), esc(value));
}

std::string form(std::string_view action, std::string_view csrf, std::string_view inner, std::string_view css) {
    return fmt::format("<form method=\"post\" action=\"{}\"{}>{}{}</form>", esc(action),
                       css.empty() ? std::string() : " class=\"" + esc(css) + "\"", hidden("csrf", csrf), inner);
}

std::string button(std::string_view label, std::string_view css, std::string_view confirm) {
    return fmt::format("<button type=\"submit\"{}{}>{}</button>",
                       css.empty() ? std::string() : " class=\"" + esc(css) + "\"",
                       confirm.empty() ? std::string() : " data-confirm=\"" + esc(confirm) + "\"", esc(label));
}

std::string input(std::string_view name, std::string_view value, std::string_view placeholder, std::string_view type) {
    return fmt::format("<input type=\"{}\" name=\"{}\" value=\"{}\" placeholder=\"{}\" maxlength=\"2000\">", esc(type),
                       esc(name), esc(value), esc(placeholder));
}

std::string tag(std::string_view name, std::string_view text, std::string_view css) {
    return fmt::format("<{0}{1}>{2}</{0}>", name, css.empty() ? std::string() : " class=\"" + esc(css) + "\"",
                       esc(text));
}

std::string page(frame const& f) {
    std::string scripts;
    for (auto const& s : f.scripts) scripts += fmt::format("<script src=\"{}\" defer></script>", esc(s));
    std::string account;
    if (!f.csrf.empty())
        account = fmt::format("<span class=\"who\">{}</span>{}", esc(f.user),
                              form("/logout", f.csrf, button(f.logout, "link"), "inline"));
    return fmt::format(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>{0} · qunbot</title><link rel=\"stylesheet\" href=\"/static/console.css\">"
        "<script src=\"/static/console.js\" defer></script>{1}</head><body>"
        "<header><a class=\"brand\" href=\"/\">qunbot</a><nav>{2}</nav><div class=\"account\">{3}</div></header>"
        "<main><h1>{0}</h1>{4}{5}</main></body></html>",
        esc(f.title), scripts, f.nav, account,
        f.flash.empty() ? std::string() : "<div class=\"flash\" role=\"status\">" + esc(f.flash) + "</div>", f.body);
}

}  // namespace web::html
