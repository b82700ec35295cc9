#pragma once
// Reading the console panels in tests: draw one as an admin sees it, pick its tables, and run an
// action's command as the console does (core::run_as: same command, permission check and reply).

#include <string>
#include <vector>

#include "bot/core.hpp"
#include "tests/support/async.hpp"
#include "tests/support/fake_chat.hpp"

namespace panel_test {

inline bot::panel::definition const& find(testing::fake_chat& chat, std::string const& plugin, std::string const& id) {
    for (auto const& p : chat.bot().panels())
        if (p.plugin == plugin && p.id == id) return p;
    throw std::runtime_error("no panel " + plugin + "." + id);
}

/// The panel drawn for the chat's group as the admin `who` sees it.
inline bot::panel::page draw(testing::fake_chat& chat, std::string const& plugin, std::string const& id,
                             std::string const& who = "alice") {
    return find(chat, plugin, id).render(chat.group_ref(), bot::panel::viewer{"test", bot::id(who), false});
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

/// Runs an action's command as the console does, as the group admin `who`; returns its replies.
inline std::vector<std::string> click(testing::fake_chat& chat, bot::panel::action const& a,
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
