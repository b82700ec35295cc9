// A plugin panel's blocks as HTML: every string escaped, actions as forms that name a remembered
// command by token, charts as data for the local Chart.js with a table beside them.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bot/overloaded.hpp"
#include "web/pages.hpp"

namespace web {

using namespace bot;

std::string pages::render_blocks(group_ref const& g, std::string const& panel_key, panel::page const& p) {
    std::string out;
    int downloads = 0;
    auto buttons = [&](std::vector<panel::action> const& actions) {
        std::string b;
        for (auto const& a : actions) b += action_button(g, a.label, a.command, a.confirm);
        return b;
    };
    auto table_of = [&](std::vector<std::string> const& columns, auto const& rows, bool with_actions) {
        std::string t = "<div class=\"scroll\"><table><thead><tr>";
        for (auto const& c : columns) t += "<th>" + html::esc(c) + "</th>";
        if (with_actions) t += "<th></th>";
        t += "</tr></thead><tbody>";
        for (auto const& r : rows) {
            t += "<tr>";
            for (auto const& cell : r.cells) t += "<td>" + html::esc(cell) + "</td>";
            if (with_actions) t += "<td class=\"actions\">" + buttons(r.actions) + "</td>";
            t += "</tr>";
        }
        return t + "</tbody></table></div>";
    };
    for (auto const& block : p.blocks) {
        out += std::visit(
            overloaded{
                [&](panel::heading const& h) { return html::tag("h3", h.text); },
                [&](panel::paragraph const& para) { return html::tag("p", para.text, para.muted ? "muted pre" : "pre"); },
                [&](panel::facts const& f) {
                    std::string d = "<dl class=\"facts\">";
                    for (auto const& [k, v] : f.rows) d += html::tag("dt", k) + html::tag("dd", v);
                    return d + "</dl>";
                },
                [&](panel::table const& t) {
                    if (t.rows.empty()) return html::tag("p", t.empty, "muted");
                    bool with_actions = std::any_of(t.rows.begin(), t.rows.end(),
                                                    [](auto const& r) { return !r.actions.empty(); });
                    return table_of(t.columns, t.rows, with_actions);
                },
                [&](panel::chart const& c) {
                    nlohmann::json data;
                    data["kind"] = c.kind == "bar" ? "bar" : "line";
                    data["labels"] = c.labels;
                    data["series"] = nlohmann::json::array();
                    for (auto const& s : c.data) data["series"].push_back({{"name", s.name}, {"values", s.values}});
                    // The same figures as a table, for screen readers and when Chart.js is not installed.
                    std::vector<std::string> columns{""};
                    for (auto const& s : c.data) columns.push_back(s.name);
                    std::vector<panel::row> rows;
                    for (std::size_t i = 0; i < c.labels.size(); ++i) {
                        panel::row r;
                        r.cells.push_back(c.labels[i]);
                        for (auto const& s : c.data) r.cells.push_back(i < s.values.size() ? fmt::format("{}", s.values[i]) : "");
                        rows.push_back(std::move(r));
                    }
                    return "<figure class=\"chart\">" + html::tag("figcaption", c.title) +
                           "<canvas data-chart=\"" + html::esc(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) +
                           "\" role=\"img\" aria-label=\"" + html::esc(c.title) + "\"></canvas><details><summary>" +
                           html::esc(t("chart_table")) + "</summary>" + table_of(columns, rows, false) +
                           "</details></figure>";
                },
                [&](panel::heatmap const& h) {
                    std::string m = "<figure class=\"heatmap\">" + html::tag("figcaption", h.title) + "<div class=\"days\">";
                    for (auto const& d : h.days) {
                        auto level = std::clamp(d.level, 0, 4);
                        auto title = d.date + (d.note.empty() ? "" : " · " + d.note);
                        m += fmt::format("<span class=\"day l{}\" title=\"{}\" data-date=\"{}\"></span>", level,
                                         html::esc(title), html::esc(d.date));
                    }
                    return m + "</div></figure>";
                },
                [&](panel::download const& d) {
                    auto url = "/group/download?g=" + html::url_part(g.key()) + "&p=" + html::url_part(panel_key) +
                               "&n=" + std::to_string(downloads++);
                    return "<p>" + html::link(url, d.label) + "</p>";
                },
                [&](panel::actions const& a) { return "<div class=\"buttons\">" + buttons(a.items) + "</div>"; },
            },
            block);
    }
    return out;
}

}  // namespace web
