// The morning greeting: one message (or one per max_mentions) for all of the day's birthdays in a
// group, at greet_at in the group's zone, sent at most once per group and day.
#include "plugins/birthday/glue.hpp"
#include "storage/database.hpp"

namespace plugins::birthday {

namespace {

/// Sends the greeting of the day `fire` falls on, unless that day is over or was greeted.
bot::task<> greet(state_ptr st, bot::group_ref g, bot::time_point fire) {
    auto day = st->date_at(g, fire);
    // A run caught up after a restart greets only while its day is still today in the group.
    if (day != st->today(g)) co_return;
    auto cfg = st->cfg(g);
    if (!cfg.greet) co_return;
    auto gk = g.key();
    std::vector<bot::id> users;
    // Deciding and claiming are one transaction: a second run of the job, or one after a restart,
    // finds the claim and sends nothing.
    st->ctx.db().immediate([&] {
        std::vector<bot::id> found;
        for (auto const& d : greeted_on(day))
            for (auto const& p : st->repo.born_on(gk, d))
                if (!p.quiet) found.push_back(p.user);
        if (found.empty()) return;
        auto at = st->ctx.clock().now().time_since_epoch().count();
        if (st->repo.claim_greeting(gk, day, at, static_cast<int>(found.size()))) users = std::move(found);
    });
    if (users.empty()) co_return;
    bot::text_args args{{"count", static_cast<int>(users.size())}};
    auto head = st->ctx.render(g, "greeting", args);
    co_await st->ctx.mention_batches(g, head, users, cfg.max_mentions);
}

}  // namespace

void register_greeting(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.each_group(
        "greet",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = ctx.group_config<config>(g);
            if (!cfg.greet) return std::nullopt;
            return bot::recurrence::daily(cfg.greet_at.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await greet(st, g, fire); });
    // A member who leaves takes their birthday with them: the group no longer greets or lists them.
    ctx.on<bot::ev::member_left>([st](bot::session& s, bot::ev::member_left const& e) -> bot::task<> {
        if (s.group()) st->repo.remove(s.group()->key(), e.user);
        co_return;
    });
}

}  // namespace plugins::birthday
