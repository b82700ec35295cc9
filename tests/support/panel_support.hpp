#pragma once
// Reading a console panel in a test (any plugin's): draw it for the test group as the console would, then find
// a block by the heading before it and a table row by its first cell.

#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "bot/panel.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fake_chat.hpp"

namespace panel_test {

namespace panel = bot::panel;

/// The page `plugin`'s panel `id` draws for the chat's group, seen by an admin.
inline panel::page draw(testing::fake_chat& chat, std::string const& plugin, std::string const& id) {
    for (auto const& p : chat.bot().panels())
        if (p.plugin == plugin && p.id == id) return p.render(chat.group_ref(), panel::viewer{"test", bot::id("boss"), false});
    throw std::runtime_error("no panel " + plugin + "/" + id);
}

/// The panel's definition (title, section).
inline panel::definition const& definition(testing::fake_chat& chat, std::string const& plugin, std::string const& id) {
    for (auto const& p : chat.bot().panels())
        if (p.plugin == plugin && p.id == id) return p;
    throw std::runtime_error("no panel " + plugin + "/" + id);
}

/// The first block of type T after the heading `title` (or from the top when `title` is empty).
template <typename T>
T const& block(panel::page const& p, std::string const& title = {}) {
    bool found = title.empty();
    for (auto const& b : p.blocks) {
        if (auto const* h = std::get_if<panel::heading>(&b); h && h->text == title) found = true;
        if (auto const* t = std::get_if<T>(&b); t && found) return *t;
    }
    throw std::runtime_error("no such block after heading '" + title + "'");
}

/// Whether the page has a heading `title`.
inline bool has_heading(panel::page const& p, std::string const& title) {
    for (auto const& b : p.blocks)
        if (auto const* h = std::get_if<panel::heading>(&b); h && h->text == title) return true;
    return false;
}

/// The row whose first cell is `first` (the only one: two such rows are an error too).
inline panel::row const& row(panel::table const& t, std::string const& first) {
    panel::row const* out = nullptr;
    for (auto const& r : t.rows)
        if (!r.cells.empty() && r.cells.front() == first) {
            if (out) throw std::runtime_error("two rows start with '" + first + "'");
            out = &r;
        }
    if (!out) throw std::runtime_error("no row starts with '" + first + "'");
    return *out;
}

/// The value of a facts line.
inline std::string fact(panel::facts const& f, std::string const& label) {
    for (auto const& [l, v] : f.rows)
        if (l == label) return v;
    throw std::runtime_error("no fact '" + label + "'");
}

/// The labels of a row's actions, in order.
inline std::vector<std::string> labels(panel::row const& r) {
    std::vector<std::string> out;
    for (auto const& a : r.actions) out.push_back(a.label);
    return out;
}

/// The users an action's command @-mentions.
inline std::vector<bot::id> mentioned(panel::action const& a) {
    std::vector<bot::id> out;
    for (auto const& s : a.command.segments())
        if (auto const* at = std::get_if<bot::seg::at>(&s)) out.push_back(at->user);
    return out;
}

/// Runs an action the way the console does: its command, as the admin `who`, in the chat's group,
/// with the replies returned instead of sent.
inline bot::console_run click(testing::fake_chat& chat, panel::action const& a, std::string const& who = "boss") {
    bot::sender admin{bot::id(who), who, {}, bot::role::admin};
    return testing::run(chat.io(), chat.bot().run_as(chat.group_ref(), admin, a.command));
}

}  // namespace panel_test
