#pragma once
/// What the poll plugin's handlers share.

#include <memory>
#include <optional>
#include <string>

#include "bot/plugin_context.hpp"
#include "plugins/poll/config.hpp"
#include "plugins/poll/repository.hpp"

namespace plugins::poll {

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {}
    bot::plugin_context& ctx;
    repository repo;

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    std::int64_t now() { return ctx.clock().now().time_since_epoch().count(); }
    std::string text(std::optional<bot::group_ref> const& g, std::string const& key, bot::text_args const& args = {}) {
        return ctx.render(g, key, args);
    }
    /// "03-04 20:00" in the group's zone.
    std::string when(bot::group_ref const& g, std::int64_t t) {
        return ctx.group_tz(g).to_local(bot::time_point(std::chrono::seconds(t))).str().substr(5);
    }
};
using state_ptr = std::shared_ptr<state>;

/// Every text the plugin says, with its default (texts.cpp).
void register_texts(bot::plugin_context& ctx);
/// /poll, /vote, /poll results, /poll close, /polls and the deadline job (polls.cpp).
void register_polls(state_ptr const& st);
/// /survey new, q, start, progress, summary, export, close, /surveys (surveys.cpp).
void register_surveys(state_ptr const& st);
/// Answering: private messages, /survey answer, /survey join, and the survey deadline job (answers.cpp).
void register_answers(state_ptr const& st);
/// The console panel (panel.cpp).
void register_panel(state_ptr const& st);

/// A poll's results as text: one bar per option, names for a named poll, never for an anonymous one.
std::string results_text(state& st, bot::group_ref const& g, poll_row const& p);
/// "单选·实名" and the like.
std::string kind_text(state& st, bot::group_ref const& g, poll_row const& p);

/// The CSV of a survey: a row per member, a column per question (survey_views.cpp).
std::string survey_csv(state& st, survey_row const& s);
/// The admins' summary: answers per question, a few of each.
std::string survey_summary(state& st, bot::group_ref const& g, survey_row const& s);
/// "答完 3/5 人" numbers: members done and members enrolled.
std::pair<int, int> survey_progress(state& st, survey_row const& s);

}  // namespace plugins::poll
