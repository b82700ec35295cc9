#pragma once
/// What a plugin shows in the admin console: a page of typed blocks (headings, facts, tables with
/// actions, charts, downloads), never HTML. The console renders them, escaping every string, so
/// member-written text in a panel can never become markup. An action is a chat command the viewer
/// runs by clicking it: the same command, permission check and reply as typed in the group.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "bot/event.hpp"
#include "bot/message.hpp"

namespace bot::panel {

/// A button that runs a chat command as the viewer in the panel's group (e.g. "/refund paid @bob").
struct action {
    std::string label;
    message command;      ///< the command message, mentions as at segments
    bool confirm = false;  ///< ask "are you sure" first (money, kicks)
};

struct heading {
    std::string text;
};
/// A paragraph; `muted` shows it as a note.
struct paragraph {
    std::string text;
    bool muted = false;
};
/// Label: value lines.
struct facts {
    std::vector<std::pair<std::string, std::string>> rows;
};
struct row {
    std::vector<std::string> cells;
    std::vector<action> actions;
};
struct table {
    std::vector<std::string> columns;
    std::vector<row> rows;
    std::string empty = "—";  ///< shown when there are no rows
};
/// A chart: `labels` on the x axis, one line or bar series each.
struct series {
    std::string name;
    std::vector<double> values;
};
struct chart {
    std::string title;
    std::string kind = "line";  ///< "line" or "bar"
    std::vector<std::string> labels;
    std::vector<series> data;
};
/// A calendar heat map: one cell a day, `level` 0 (nothing) to 4 (most), `note` on hover.
struct day_cell {
    std::string date;  ///< "2026-03-02"
    int level = 0;
    std::string note;
};
struct heatmap {
    std::string title;
    std::vector<day_cell> days;
};
/// A file the viewer can download (a CSV export), produced when the page is drawn.
struct download {
    std::string label;
    std::string filename;  ///< "challenge-3.csv"
    std::string content_type = "text/csv; charset=utf-8";
    std::string body;
};
/// Buttons on their own (not in a table row).
struct actions {
    std::vector<action> items;
};

using block = std::variant<heading, paragraph, facts, table, chart, heatmap, download, actions>;

struct page {
    std::vector<block> blocks;

    page& add(block b) {
        blocks.push_back(std::move(b));
        return *this;
    }
};

/// Who looks at a panel: a superuser, or an admin of the group.
struct viewer {
    std::string platform;
    id user;
    bool superuser = false;
};

/// One panel of a plugin. `section` places it on a console page: "members", "checkins", "money",
/// "moderation", "health" or "group"; any other name gets a page of its own.
struct definition {
    std::string plugin;
    std::string id;       ///< unique within the plugin
    std::string title;
    std::string section;
    std::function<page(group_ref const&, viewer const&)> render;
};

/// A plain-text message, for action commands without mentions: `command_text("/settle")`.
inline message command_text(std::string text) { return message(std::move(text)); }

}  // namespace bot::panel
