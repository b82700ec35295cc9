// The daily activity record: every group message counts on the group's day (its zone and day
// close, from the message's own time), with the distinct members who spoke: those the core's
// presence record finds speaking for the first time that day, as its batch writes them. Bookkeeping only: it
// never stops a message, and a failure to count is logged, not felt by the chat.
#include <spdlog/spdlog.h>

#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

namespace {

void count(state& st, bot::session& s) {
    auto g = *s.group();
    auto day = st.ctx.group_day(g, s.sent_at());
    auto keep_from = day.plus_days(1 - activity_days_kept).str();
    st.repo.count_message(g.key(), day.str(), keep_from);
}

/// A coroutine of its own (not a capturing lambda), holding the state it needs for as long as it runs.
bot::task<> count_then_next(std::shared_ptr<state> st, bot::session& s, bot::next_fn next) {
    if (s.ev().as<bot::ev::group_message>() && s.group()) {
        try {
            count(*st, s);
        } catch (std::exception const& e) {
            spdlog::warn("groupadmin: a message in {} was not counted: {}", s.group()->key(), e.what());
        }
    }
    co_await next();
}

}  // namespace

void register_activity(std::shared_ptr<state> const& st) {
    // Inside the batch's transaction: the members are written with the presence rows that found them.
    st->ctx.listen<bot::first_words>([st](bot::first_words& n) {
        auto g = st->ctx.find_group(n.group);
        if (g && !st->ctx.enabled_in(*g)) return;
        st->repo.add(n.group, n.day.str(), 0, n.members);
    });
    st->ctx.middleware("activity", bot::priority::observe, [st](bot::session& s, bot::next_fn next) {
        return count_then_next(st, s, std::move(next));
    });
}

}  // namespace plugins::groupadmin
