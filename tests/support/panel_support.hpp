#pragma once
// Reading a console panel in a test (any plugin's): draw it for the test group as the console would,
// find a block by the heading before it and a table row by its first cell, and run an action's
// command as the console does (core::run_as: same command, permission check and reply).

#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "bot/panel.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fake_chat.hpp"

namespace panel_test {

namespace panel = bot::panel;

/// The page `plugin`'s panel `id` draws for the chat's group, seen by the admin `who`.
inline panel::page draw(testing::fake_chat& chat, std::string const& plugin, std::string const& id,
                        std::string const& who = "boss") {
    for (auto const& p : chat.bot().panels())
        if (p.plugin == plugin && p.id == id) return p.render(chat.group_ref(), panel::viewer{"test", bot::id(who), false});
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


inline bot::panel::definition const& find(testing::fake_chat& chat, std::string const& plugin, std::string const& id) {
    for (auto const& p : chat.bot().panels())
        if (p.plugin == plugin && p.id == id) return p;
    throw std::runtime_error("no panel " + plugin + "." + id);
}

/// The page's tables, in order.
inline std::vector<bot::panel::table> tables(bot::panel::page const& p) {
    std::vector<bot::panel::table> out;
    for (auto const& b : p.blocks)
        if (auto t = std::get_if<bot::panel::table>(&b)) out.push_back(*t);
    return out;
}

/// The page's first block of type T, or nullptr; the page must outlive the pointer.
template <typename T>
T const* first(bot::panel::page const& p) {
    for (auto const& b : p.blocks)
        if (auto t = std::get_if<T>(&b)) return t;
    return nullptr;
}
template <typename T>
T const* first(bot::panel::page const&& p) = delete;

/// Every string the page shows (cells, labels, facts, texts, action commands).
inline std::vector<std::string> strings(bot::panel::page const& p) {
    std::vector<std::string> out;
    auto action = [&](bot::panel::action const& a) {
        out.push_back(a.label);
        out.push_back(a.command.plain_text());
    };
    for (auto const& b : p.blocks) {
        if (auto h = std::get_if<bot::panel::heading>(&b)) out.push_back(h->text);
        if (auto t = std::get_if<bot::panel::paragraph>(&b)) out.push_back(t->text);
        if (auto f = std::get_if<bot::panel::facts>(&b))
            for (auto const& [k, v] : f->rows) out.insert(out.end(), {k, v});
        if (auto t = std::get_if<bot::panel::table>(&b)) {
            out.insert(out.end(), t->columns.begin(), t->columns.end());
            for (auto const& r : t->rows) {
                out.insert(out.end(), r.cells.begin(), r.cells.end());
                for (auto const& a : r.actions) action(a);
            }
        }
        if (auto c = std::get_if<bot::panel::chart>(&b)) {
            out.push_back(c->title);
            out.insert(out.end(), c->labels.begin(), c->labels.end());
        }
        if (auto a = std::get_if<bot::panel::actions>(&b))
            for (auto const& x : a->items) action(x);
    }
    return out;
}

inline bool shows(bot::panel::page const& p, std::string const& needle) {
    for (auto const& s : strings(p))
        if (s.find(needle) != std::string::npos) return true;
    return false;
}

/// The users an action's command mentions, in order.
inline std::vector<std::string> mentions(bot::panel::action const& a) {
    std::vector<std::string> out;
    for (auto const& s : a.command.segments())
        if (auto at = std::get_if<bot::seg::at>(&s)) out.push_back(at->user.str());
    return out;
}

/// Runs an action's command as the console does, as the group admin `who`; returns its replies
/// (and throws when no command ran).
inline std::vector<std::string> press(testing::fake_chat& chat, bot::panel::action const& a,
                                      std::string const& who = "alice") {
    bot::sender as{bot::id(who), who, {}, bot::role::admin};
    auto run = testing::run(chat.io(), chat.bot().run_as(chat.group_ref(), as, a.command));
    if (!run.ran) throw std::runtime_error("the console ran no command for " + a.command.plain_text());
    return run.replies;
}

inline bool any_has(std::vector<std::string> const& texts, std::string const& needle) {
    for (auto const& t : texts)
        if (t.find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace panel_test
