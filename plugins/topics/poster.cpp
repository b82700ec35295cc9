// Posting into a quiet group: each group's last member message is kept in memory (a message never
// writes to the database); one post check per group (a one-off job, in the group's queue) wakes
// the bot when the group may have been quiet long enough, and the decision is next_post_time()
// over the values of that moment.
// The post is chosen and recorded in one transaction, so a restart or a second check never posts
// it twice. Only where the bot sees every message: elsewhere silence proves nothing.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/topics/glue.hpp"
#include "storage/database.hpp"

namespace plugins::topics {

namespace {

std::string job_key(bot::group_ref const& g) {
    return "topics.post@" + g.key();
}

bool sees_silence(state& st, bot::group_ref const& g) {
    auto api = st.ctx.api_for(g);
    return api && api->caps().all_messages;
}

/// Sets the group's one post check to run at `at` (a persisted one-off job in the group's queue,
/// written only when armed: a few times per quiet spell, never per message).
void arm(state& st, bot::group_ref const& g, bot::time_point at) {
    st.watches[g.key()].armed_generation = st.ctx.settings_generation();
    st.ctx.scheduler().schedule(job_key(g), "topics.post", bot::recurrence::once(at), st.ctx.group_tz(g), g);
}

bot::time_point last_activity(state& st, bot::group_ref const& g) {
    auto t = st.watches[g.key()].last_member.value_or(st.started);
    if (auto p = st.repo.last_post(g.key())) t = std::max(t, bot::time_point{std::chrono::seconds{p->at}});
    return t;
}

bool has_bank(state& st, bot::group_ref const& g) {
    auto& known = st.watches[g.key()].has_bank;
    if (!known) known = !st.repo.in_state(g.key(), topic_state::active).empty();
    return *known;
}

/// The post check: post now when the group has been quiet long enough within its waking hours and
/// the day has a post left, else check again when that will be so.
bot::task<> check(state& st, bot::group_ref const& g) {
    auto gk = g.key();
    auto cfg = st.cfg(g);
    if (st.is_off(gk) || !cfg.auto_post || !sees_silence(st, g)) co_return;
    auto now = st.ctx.clock().now();
    std::optional<taken> post;
    std::optional<bot::time_point> next;
    st.repo.db().immediate([&] {
        auto plan = plan_of(st, g, now);
        next = next_post_time(plan, now, st.ctx.group_tz(g), st.ctx.close_hour(g));
        if (next && *next <= now) post = take_topic(st, g, now, "auto", "");
    });
    if (!post) {
        // Not yet (a member spoke, it is night, the day's posts are used up): check again then.
        // An empty bank or a cap of zero arms nothing; a new topic or a message wakes the group.
        if (next && *next > now) arm(st, g, *next);
        if (next && *next <= now) st.watches[gk].has_bank = false;
        co_return;
    }
    auto msg = bot::message(post->text);
    auto sent = co_await st.ctx.send(g, msg);
    if (!sent) spdlog::warn("topics: topic #{} for {} not sent: {}", post->number, gk, sent.err().detail);
    // The post restarts the quiet: the next one comes after another quiet spell at the earliest.
    arm(st, g, now + cfg.quiet_after);
}

}  // namespace

post_plan plan_of(state& st, bot::group_ref const& g, bot::time_point now) {
    auto cfg = st.cfg(g);
    post_plan p;
    p.last_activity = last_activity(st, g);
    p.quiet = cfg.quiet_after;
    p.window = {cfg.waking_start.minutes, cfg.waking_end.minutes};
    p.cap = cfg.auto_post ? cfg.max_per_day : 0;
    p.today = st.ctx.group_day(g, now);
    p.posts_today = st.repo.posts_on(g.key(), p.today);
    return p;
}

std::optional<taken> take_topic(state& st, bot::group_ref const& g, bot::time_point now, std::string const& how,
                                std::string const& by) {
    auto gk = g.key();
    auto bank = st.repo.in_state(gk, topic_state::active);
    std::vector<rotation_entry> entries;
    for (auto const& r : bank) entries.push_back({r.number, r.category, r.rounds});
    auto last = st.repo.last_post(gk);
    auto pick = pick_next(entries, last ? last->category : std::string());
    if (!pick) return std::nullopt;
    auto const& row = *std::find_if(bank.begin(), bank.end(), [&](auto const& r) { return r.number == *pick; });
    st.repo.record_post(gk, row.number, st.unix(now), st.ctx.group_day(g, now), how, by);
    bot::text_args args{{"topic", bot::shown_text(row.text, 800)}, {"category", row.category}, {"number", row.number}};
    return taken{row.number, st.ctx.render(g, "post", args)};
}

void heard(state& st, bot::group_ref const& g, bot::time_point now) {
    auto gk = g.key();
    st.watches[gk].last_member = now;
    wake(st, g);
}

void wake(state& st, bot::group_ref const& g) {
    auto gk = g.key();
    // An armed check stays, unless a setting changed since (a shorter quiet_after, other hours).
    bool armed = st.ctx.scheduler().has(job_key(g));
    if ((armed && st.watches[gk].armed_generation == st.ctx.settings_generation()) || st.is_off(gk)) return;
    auto cfg = st.cfg(g);
    if (!cfg.auto_post || cfg.max_per_day == 0 || !sees_silence(st, g) || !has_bank(st, g)) return;
    auto now = st.ctx.clock().now();
    arm(st, g, std::max(now, st.watches[gk].last_member.value_or(st.started) + cfg.quiet_after));
}

void bank_changed(state& st, bot::group_ref const& g, bool added) {
    if (added)
        st.watches[g.key()].has_bank = true;
    else
        st.watches[g.key()].has_bank.reset();
    wake(st, g);
}

void register_poster(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.job("post", [st](bot::job_run const& run) -> bot::task<> {
        if (run.group) co_await check(*st, *run.group);
    });
    ctx.on<bot::ev::group_message>([st](bot::session& s, bot::ev::group_message const&) -> bot::task<> {
        if (s.group()) heard(*st, *s.group(), s.now());
        co_return;
    });
    // After a start the bank's groups count as active from then on: a silent group gets its topic
    // one quiet spell after the start, never at once.
    ctx.on<bot::ev::lifecycle>([st](bot::session& s, bot::ev::lifecycle const& e) -> bot::task<> {
        if (e.what != bot::ev::lifecycle::phase::connected) co_return;
        for (auto const& key : st->repo.groups_with_bank()) {
            auto g = st->ctx.find_group(key);
            if (g && g->platform == s.ev().platform && g->self_id == s.ev().self_id) wake(*st, *g);
        }
    });
}

}  // namespace plugins::topics
