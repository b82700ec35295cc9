// Joins and leaves: the record, the merged welcome of a burst, the leave notice, admin previews and stats.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/welcome/state.hpp"

namespace plugins::welcome {

using namespace bot;

namespace {

/// Sends the welcomes (and verification questions) of everyone queued in the group, merged.
task<> flush(state_ptr st, group_ref g) {
    std::vector<queued> items;
    co_await st->ctx.commit([&] { items = st->repo.take_queue(g.key()); });
    if (items.empty()) co_return;
    auto c = st->cfg(g);
    auto count = co_await member_count(st, g);
    std::vector<queued> welcomes;
    std::vector<queued> checks;
    for (auto& q : items) (q.kind == "verify" ? checks : welcomes).push_back(std::move(q));
    auto chunk = static_cast<std::size_t>(c.burst_max);

    for (std::size_t from = 0; from < welcomes.size(); from += chunk) {
        std::vector<mention> people;
        std::vector<std::string> users;
        for (std::size_t i = from; i < welcomes.size() && i < from + chunk; ++i) {
            people.push_back({id::decode(welcomes[i].user), welcomes[i].name});
            users.push_back(welcomes[i].user);
        }
        auto msg = welcome_message(*st, g, people, count);
        co_await send_to(st, g, msg);
        schedule_reminder(*st, g, users);
    }

    std::vector<std::string> unmuted;
    for (std::size_t from = 0; from < checks.size(); from += chunk) {
        std::vector<mention> people;
        std::string text;
        for (std::size_t i = from; i < checks.size() && i < from + chunk; ++i) {
            auto p = st->repo.pending(g.key(), checks[i].user);
            // Answered (or gone) before the question went out: nothing to ask.
            if (!p || p->state != "pending") continue;
            text += (text.empty() ? "" : "\n") + verification_line(*st, g, *p, people.size());
            people.push_back({id::decode(p->user), p->name});
            if (!p->muted && c.verify_mute) unmuted.push_back(p->name);
        }
        if (people.empty()) continue;
        auto msg = splice_mentions(text, people);
        co_await send_to(st, g, msg);
    }
    if (!unmuted.empty()) {
        std::string names;
        for (auto const& n : unmuted) names += (names.empty() ? "" : "、") + n;
        auto notice = st->text(g, "verify_no_mute_admins", {{"names", names}});
        co_await notify_admins(st, g, notice);
    }
}

task<> flush_job(state_ptr st, job_run const& run) {
    if (run.group) co_await flush(st, *run.group);
}

/// Where the bot sees only the messages that @ it (or none), verification and the intake reminder
/// cannot work: the admins are told why, once per group and feature, the first time it matters.
task<> explain_unseen(state_ptr st, group_ref g) {
    if (sees_all(*st, g)) co_return;
    auto c = st->cfg(g);
    auto at = st->now();
    std::string text;
    if (c.verify != "off" && st->repo.first_notice(g.key(), "verify_unseen", at)) text = st->text(g, "verify_unseen");
    if (c.intake && st->repo.first_notice(g.key(), "remind_unseen", at))
        text += (text.empty() ? "" : "\n") + st->text(g, "remind_unseen");
    if (!text.empty()) co_await notify_admins(st, g, text);
}

task<> on_join(state_ptr st, session& s, ev::member_joined const& e) {
    if (!s.group() || e.user == s.ev().self_id) co_return;
    auto g = *s.group();
    auto name = co_await member_name(st, g, e.user, e.nickname);
    auto at = st->now();
    auto user = e.user.encode();
    st->counts.erase(g.key());
    co_await st->ctx.commit([&] {
        st->repo.log(g.key(), user, "join", e.how, e.operator_id.encode(), at);
        st->repo.member_joined(g.key(), user, name, at);
    });
    auto verifying = co_await start_verification(st, g, e.user, name);
    bool first = st->repo.queued_count(g.key()) == 0;
    co_await st->ctx.commit(
        [&] { st->repo.enqueue(g.key(), queued{user, name, verifying ? "verify" : "welcome", at}); });
    auto window = st->cfg(g).burst_window;
    if (window.count() <= 0) {
        co_await flush(st, g);
    } else if (first) {
        // One flush per burst: later joins in the window find the queue non-empty and just wait.
        auto due = st->ctx.clock().now() + window;
        auto key = "welcome.flush:" + g.key() + ":" + std::to_string(due.time_since_epoch().count());
        st->ctx.scheduler().schedule(key, "welcome.flush", recurrence::once(due), st->ctx.group_tz(g), g);
    }
    co_await explain_unseen(st, g);
}

task<> on_leave(state_ptr st, session& s, ev::member_left const& e) {
    if (!s.group() || e.bot_removed || e.user == s.ev().self_id) co_return;
    auto g = *s.group();
    auto user = e.user.encode();
    auto at = st->now();
    st->counts.erase(g.key());
    st->repo.log(g.key(), user, e.kicked ? "kick" : "leave", "", e.operator_id.encode(), at);
    auto name = st->repo.name_of(g.key(), user).value_or(bot::shown_name(e.user.str()));
    st->repo.member_left(g.key(), user, at);
    st->repo.drop_queued(g.key(), user);
    forget_verification(*st, g, e.user);
    if (st->cfg(g).leave_notice && !e.kicked) {
        message m(st->text(g, "leave", {{"name", name}, {"group", st->group_label(g)}}));
        co_await send_to(st, g, m);
    }
}

task<> preview(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    std::vector<mention> people{{call.s().user_id(), call.s().user_name()}};
    auto count = co_await member_count(st, g);
    auto msg = welcome_message(*st, g, people, count);
    co_await call.s().send(msg);
}

task<> stats(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto now = st->now();
    auto week = st->repo.counts_since(g.key(), now - 7 * 86400);
    auto month = st->repo.counts_since(g.key(), now - 30 * 86400);
    auto text = st->text(g, "stats",
                         {{"joins7", week.joins}, {"leaves7", week.leaves + week.kicked}, {"kicked7", week.kicked},
                          {"joins30", month.joins}, {"leaves30", month.leaves + month.kicked},
                          {"kicked30", month.kicked}});
    co_await call.reply(text);
}

}  // namespace

void register_welcome(state_ptr st) {
    auto& ctx = st->ctx;
    ctx.job("flush", [st](job_run const& run) { return flush_job(st, run); });
    ctx.on<ev::member_joined>([st](session& s, ev::member_joined const& e) { return on_join(st, s, e); });
    ctx.on<ev::member_left>([st](session& s, ev::member_left const& e) { return on_leave(st, s, e); });
    ctx.command({"welcome preview", "欢迎预览"}, "预览新成员会收到的欢迎消息")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return preview(st, call); });
    ctx.command({"welcome stats", "入群统计"}, "查看近 7 天和 30 天的入群、退群人数")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return stats(st, call); });
}

}  // namespace plugins::welcome
