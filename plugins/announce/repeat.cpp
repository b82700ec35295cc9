// Repeating sessions: when a session with a schedule starts, the next one is created with the same
// title, place, cap, host and deadline offset, and its sign-up opens. The claim and the new row are
// one transaction; a run that finds the claim taken (a restart, a repeated job) plans the
// successor it created before instead of creating another.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

constexpr char const* repeat_handler = "announce.repeat";

std::string repeat_key(std::int64_t id) {
    return "announce.repeat:" + std::to_string(id);
}

bot::task<> next_session(std::shared_ptr<state> st, bot::job_run run) {
    auto id = item_number(run.payload);
    if (!id || !run.group) co_return;
    auto const& g = *run.group;
    auto tz = st->ctx.group_tz(g);
    auto now = st->now();
    std::optional<session_row> next;
    bool created = false;
    st->repo.db().immediate([&] {
        auto s = st->repo.session(*id, g.key());
        if (!s || s->cancelled || s->rule.empty()) return;
        if (!st->repo.claim(*id, "repeat", to_unix(now))) {
            next = st->repo.successor(*id);
            return;
        }
        auto rule = parse_schedule(s->rule, {});
        // After a long stop, the next session is the next one still ahead.
        auto at = rule.value ? rule.value->next_after(std::max(from_unix(s->starts_at), now), tz) : std::nullopt;
        if (!at) return;
        session_row n = *s;
        n.starts_at = to_unix(*at);
        if (s->deadline) n.deadline = n.starts_at - (s->starts_at - *s->deadline);
        n.follows = s->id;
        n.id = st->repo.add_session(n, to_unix(now));
        next = n;
        created = true;
    });
    if (!next) co_return;
    // Idempotent: a run that found the successor already created plans the same jobs again.
    plan_reminder(*st, g, *next);
    plan_repeat(*st, g, *next);
    if (!created) co_return;
    bot::text_args args{{"id", next->id},
                        {"title", bot::shown_name(next->title, max_title)},
                        {"when", st->when(g, next->starts_at)},
                        {"cap", next->cap}};
    auto text = st->ctx.render(g, "s_next", args);
    co_await st->ctx.send(g, text);
}

}  // namespace

void plan_repeat(state& st, bot::group_ref const& g, session_row const& s) {
    if (s.rule.empty()) return;
    st.ctx.scheduler().schedule(repeat_key(s.id), repeat_handler, bot::recurrence::once(from_unix(s.starts_at)),
                                st.ctx.group_tz(g), g, std::to_string(s.id));
}

void stop_repeat(state& st, std::int64_t id) {
    st.ctx.scheduler().cancel(repeat_key(id));
}

void register_repeat(std::shared_ptr<state> const& st) {
    st->ctx.text("s_next", "📅 下一场「{title}」#{id} 开放报名啦：{when}，上限 {cap} 人。/报名 #{id}",
                 {"id", "title", "when", "cap"});
    st->ctx.job("repeat", [st](bot::job_run const& run) -> bot::task<> { co_await next_session(st, run); });
}

}  // namespace plugins::announce
