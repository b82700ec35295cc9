// Sending announcements: a chain of one-off jobs, each scheduling the next occurrence when it
// runs. An occurrence is recorded (sent, or skipped as too late) in the same transaction that
// decides to send it, so a restart or a repeated run never sends it twice.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

constexpr char const* handler = "announce.send";

std::string job_key(std::int64_t id) {
    return "announce.item:" + std::to_string(id);
}

bot::task<> fire(std::shared_ptr<state> st, bot::job_run run) {
    auto id = item_number(run.payload);
    if (!id || !run.group) co_return;
    auto const& g = *run.group;
    auto tz = st->ctx.group_tz(g);
    auto now = st->now();
    auto lateness = st->cfg(g).max_lateness;
    bool send = false, late = false;
    std::optional<bot::time_point> next;
    std::string body;
    bool mention_all = false;
    st->repo.db().immediate([&] {
        auto it = st->repo.find(*id, g.key());
        if (!it || it->state != item_state::active) return;
        auto rule = parse_schedule(it->rule, {});
        if (!rule.value) return;
        bool fresh = now - run.fire_time <= lateness;
        if (st->repo.record(*id, to_unix(run.fire_time), fresh, to_unix(now))) {
            send = fresh;
            late = !fresh;
        }
        // After a long stop, the occurrences older than the lateness are skipped in one step.
        auto from = std::max(run.fire_time, now - lateness);
        next = rule.value->next_after(from, tz);
        st->repo.set_next(*id, next ? std::optional(to_unix(*next)) : std::nullopt);
        if (!next) st->repo.set_state(*id, item_state::finished);
        // The next run is stored in this same transaction, so a crash leaves either this run
        // to repeat (and find its occurrence recorded) or the next one planned.
        if (next) plan(*st, g, *id, next);
        body = it->body;
        mention_all = it->mention_all;
    });
    if (late)
        spdlog::info("announce: #{} due at {} skipped, {}s late (max_lateness {}s)", *id, to_unix(run.fire_time),
                     (now - run.fire_time).count(), lateness.count());
    if (!send) co_return;
    bot::text_args args{{"text", bot::shown_text(body, max_body)}};
    auto text = st->ctx.render(g, "post", args);
    auto msg = bot::message(text);
    // The bot may have lost its admin role since the announcement was saved: then it goes out
    // without @all, and the admins are told why.
    bool all_lost = false;
    if (mention_all) {
        bool allowed = co_await may_mention_all(*st, g);
        if (allowed) {
            msg = bot::message().at_all().text(" " + text);
        } else {
            all_lost = true;
        }
    }
    auto sent = co_await st->ctx.send(g, msg);
    if (!sent) spdlog::warn("announce: #{} could not be sent to {}", *id, g.key());
    if (all_lost) {
        bot::text_args lost_args{{"id", *id}};
        auto note = st->ctx.render(g, "all_lost", lost_args);
        co_await st->ctx.tell_admins(g, note);
    }
}

}  // namespace

void plan(state& st, bot::group_ref const& g, std::int64_t id, std::optional<bot::time_point> next) {
    if (!next) {
        st.ctx.scheduler().cancel(job_key(id));
        return;
    }
    st.ctx.scheduler().schedule(job_key(id), handler, bot::recurrence::once(*next), st.ctx.group_tz(g), g,
                                std::to_string(id));
}

bot::task<bool> may_mention_all(state& st, bot::group_ref const& g) {
    auto api = st.ctx.api_for(g);
    if (!api || !api->caps().member_info) co_return false;
    auto gid = g.group;
    auto self = api->self_id();
    auto me = co_await api->member(gid, self);
    co_return me && (me->role == bot::role::admin || me->role == bot::role::owner);
}

bool asks_for_all(std::string_view input) {
    auto start = input.find_first_not_of(" \t");
    if (start == std::string_view::npos) return false;
    auto rest = input.substr(start);
    return rest.size() >= 5 && lower_trim(rest.substr(0, 5)) == "--all" && (rest.size() == 5 || rest[5] == ' ');
}

void register_sending(std::shared_ptr<state> const& st) {
    st->ctx.text("post", "📢 {text}", {"text"});
    st->ctx.text("all_lost",
                 "⚠️ 公告 #{id} 已发出，但没有 @全体成员：机器人现在不是本群管理员（或平台查不到它的身份）。",
                 {"id"});
    st->ctx.job("send", [st](bot::job_run const& run) -> bot::task<> { co_await fire(st, run); });
}

}  // namespace plugins::announce
