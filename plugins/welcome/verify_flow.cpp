// Verification of newcomers: ask, mute while pending, check answers in the group or in private,
// and on timeout remove the member or tell the admins. State and deadlines live in SQLite and the
// persisted scheduler, so a restart resumes them and never removes someone who answered.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/welcome/state.hpp"
#include "plugins/welcome/verify.hpp"

namespace plugins::welcome {

using namespace bot;

namespace {

std::string job_key(group_ref const& g, std::string const& user) { return "welcome.verify:" + g.key() + ":" + user; }

task<> pass(state_ptr st, group_ref g, pending_check p, bool manual) {
    // The state is written first: whatever happens next, the timeout can no longer remove them.
    st->repo.set_state(g.key(), p.user, "passed");
    st->ctx.scheduler().cancel(job_key(g, p.user));
    auto user = id::decode(p.user);
    if (p.muted) {
        if (auto a = st->ctx.api_for(g)) co_await a->unmute(g.group, user);
    }
    std::vector<mention> people{{user, p.name}};
    auto head = st->text(g, manual ? "verify_manual" : "verify_passed", {{"at", mention_marker(0)}, {"name", p.name}});
    auto count = co_await member_count(st, g);
    auto msg = splice_mentions(head, people);
    msg.text("\n");
    msg.append(welcome_message(*st, g, people, count));
    co_await send_to(st, g, msg);
    schedule_reminder(*st, g, {p.user});
}

/// Where a failed newcomer is left to the admins: they stay, and `/verify pass` or `/verify kick`
/// decides. The state "held" is what both commands accept besides "pending".
task<> hold_for_admins(state_ptr st, group_ref g, pending_check const& p, std::string notice) {
    st->repo.set_state(g.key(), p.user, "held");
    auto hint = st->text(g, "verify_admin_hint", {{"user", id::decode(p.user).str()}});
    notice += "\n" + hint;
    co_await notify_admins(st, g, notice);
}

task<> fail(state_ptr st, group_ref g, pending_check p, char const* why_key) {
    st->ctx.scheduler().cancel(job_key(g, p.user));
    auto c = st->cfg(g);
    auto why = st->text(g, why_key);
    auto user = id::decode(p.user);
    if (c.verify_on_timeout == "kick") {
        std::string problem = "平台不支持移出成员";
        if (auto a = st->ctx.api_for(g); a && a->caps().kick) {
            auto r = co_await a->kick(g.group, user, false);
            if (r) {
                st->repo.set_state(g.key(), p.user, "failed");
                message m(st->text(g, "verify_kicked", {{"name", p.name}, {"why", why}, {"group", st->group_label(g)}}));
                co_await send_to(st, g, m);
                co_return;
            }
            problem = r.err().detail.empty() ? std::string(errc_name(r.err().code)) : r.err().detail;
        }
        auto notice = st->text(g, "verify_no_kick_admins", {{"name", p.name}, {"error", problem}});
        co_await hold_for_admins(st, g, p, notice);
        co_return;
    }
    auto notice = st->text(g, "verify_failed_admins", {{"name", p.name}, {"why", why}});
    co_await hold_for_admins(st, g, p, notice);
}

/// Handles one answer from a pending member; `s` is where it came from (the group or private).
task<> answer(state_ptr st, session& s, group_ref g, pending_check p) {
    challenge ch{p.question, split_answers(p.answers)};
    auto text = s.content() ? s.content()->text_only() : std::string();
    switch (judge(ch, text, p.tries_left)) {
        case verdict::passed:
            if (!s.in_group()) {
                auto ok_text = st->text(g, "verify_passed_private", {{"group", st->group_label(g)}});
                co_await s.reply(ok_text);
            }
            co_await pass(st, g, p, false);
            break;
        case verdict::retry: {
            st->repo.set_tries(g.key(), p.user, p.tries_left - 1);
            auto wrong = st->text(g, "verify_wrong", {{"tries", p.tries_left - 1}});
            co_await s.reply(wrong);
            break;
        }
        case verdict::failed:
            st->repo.set_tries(g.key(), p.user, 0);
            if (!s.in_group()) {
                auto sorry = st->text(g, "verify_failed_private", {{"group", st->group_label(g)}, {"why", st->text(g, "why_wrong")}});
                co_await s.reply(sorry);
            }
            co_await fail(st, g, p, "why_wrong");
            break;
    }
}

task<> on_group_message(state_ptr st, session& s) {
    if (s.handled_by_command || !s.group()) co_return;
    auto g = *s.group();
    auto p = st->repo.pending(g.key(), s.user_id().encode());
    if (!p || p->state != "pending") co_return;
    s.stop();
    co_await answer(st, s, g, *p);
}

task<> on_private_message(state_ptr st, session& s, ev::private_message const& e) {
    if (s.handled_by_command) co_return;
    auto all = st->repo.pending_of(s.ev().platform, s.user_id().encode());
    if (all.empty()) co_return;
    auto chosen = all.front();
    // A temporary chat started from a group says which group the answer is for.
    if (!e.group.empty())
        for (auto const& p : all)
            if (p.group_key == s.ev().platform + ":" + e.group.str()) chosen = p;
    auto g = st->ctx.find_group(chosen.group_key);
    if (!g) co_return;
    s.stop();
    co_await answer(st, s, *g, chosen);
}

task<> on_timeout(state_ptr st, job_run const& run) {
    if (!run.group) co_return;
    auto g = *run.group;
    auto p = st->repo.pending(g.key(), run.payload);
    if (!p || p->state != "pending") co_return;
    co_await fail(st, g, *p, "why_timeout");
}

/// The check an admin's `/verify pass` or `/verify kick` acts on: one still pending, or one the
/// admins were told about. Answers "no pending verification" and gives nothing otherwise.
task<std::optional<pending_check>> awaiting(state_ptr st, command_call& call, group_ref const& g, id const& who) {
    auto p = st->repo.pending(g.key(), who.encode());
    if (p && (p->state == "pending" || p->state == "held")) co_return p;
    auto name = st->repo.name_of(g.key(), who.encode()).value_or(bot::shown_name(who.str()));
    auto none = st->text(g, "verify_none", {{"name", name}});
    co_await call.reply(none);
    co_return std::nullopt;
}

task<> manual_pass(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto who = call.user("成员");
    auto p = co_await awaiting(st, call, g, who);
    if (p) co_await pass(st, g, *p, true);
}

task<> manual_kick(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto who = call.user("成员");
    auto p = co_await awaiting(st, call, g, who);
    if (!p) co_return;
    auto a = st->ctx.api_for(g);
    if (!a || !a->caps().kick) {
        auto reply = st->text(g, "verify_kick_failed", {{"name", p->name}, {"error", "平台不支持移出成员"}});
        co_await call.reply(reply);
        co_return;
    }
    auto r = co_await a->kick(g.group, id::decode(p->user), false);
    if (!r) {
        auto problem = r.err().detail.empty() ? std::string(errc_name(r.err().code)) : r.err().detail;
        auto reply = st->text(g, "verify_kick_failed", {{"name", p->name}, {"error", problem}});
        co_await call.reply(reply);
        co_return;
    }
    st->repo.set_state(g.key(), p->user, "failed");
    st->ctx.scheduler().cancel(job_key(g, p->user));
    auto reply = st->text(g, "verify_kicked_manual", {{"name", p->name}, {"group", st->group_label(g)}});
    co_await call.reply(reply);
}

}  // namespace

task<bool> start_verification(state_ptr st, group_ref g, id user, std::string name) {
    auto c = st->cfg(g);
    // The answer could not be seen: no question, no mute, no deadline, nobody removed (the
    // admins hear why once, from the join listener).
    if (c.verify == "off" || !sees_all(*st, g)) co_return false;
    auto now = st->now();
    auto encoded = user.encode();
    auto ch = c.verify == "arithmetic" ? arithmetic(seed_of(g.key(), encoded, now))
                                       : fixed_question(c.verify_question, c.verify_answers);
    pending_check p{g.key(), encoded, name, ch.question, join_answers(ch.answers), c.verify_retries,
                    now + c.verify_timeout.count(), false, "pending"};
    st->repo.put_pending(p);
    auto deadline = st->ctx.clock().now() + c.verify_timeout;
    st->ctx.scheduler().schedule(job_key(g, encoded), "welcome.verify_timeout", recurrence::once(deadline),
                                 st->ctx.group_tz(g), g, encoded);
    if (c.verify_mute) {
        // The mute lasts exactly the deadline, so a member is never left muted if the bot is down.
        if (auto a = st->ctx.api_for(g); a && a->caps().mute) {
            auto r = co_await a->mute(g.group, user, c.verify_timeout, "入群验证");
            if (r) {
                p.muted = true;
                st->repo.put_pending(p);
            } else {
                spdlog::warn("welcome: muting {} in {} failed: {}", user.str(), g.key(), r.err().detail);
            }
        }
    }
    co_return true;
}

void forget_verification(state& st, group_ref const& g, id const& user) {
    st.repo.drop_pending(g.key(), user.encode());
    st.ctx.scheduler().cancel(job_key(g, user.encode()));
}

std::string verification_line(state& st, group_ref const& g, pending_check const& p, std::size_t mention_index) {
    auto left = std::max<std::int64_t>(0, p.deadline - st.now());
    auto minutes = std::max<std::int64_t>(1, (left + 59) / 60);
    auto where = st.text(g, p.muted ? "verify_where_private" : "verify_where_group", {{"tries", p.tries_left}});
    return st.text(g, "verify_ask", {{"at", mention_marker(mention_index)}, {"name", p.name}, {"question", p.question},
                                     {"minutes", static_cast<long long>(minutes)}, {"tries", p.tries_left}}) +
           "\n" + where;
}

void register_verification(state_ptr st) {
    auto& ctx = st->ctx;
    ctx.job("verify_timeout", [st](job_run const& run) { return on_timeout(st, run); });
    ctx.on<ev::group_message>([st](session& s, ev::group_message const&) { return on_group_message(st, s); });
    ctx.on<ev::private_message>([st](session& s, ev::private_message const& e) { return on_private_message(st, s, e); });
    ctx.command({"verify pass", "通过验证"}, "让一名待验证的新成员直接通过")
        .arg("成员", arg_kind::user, "@待验证的成员")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return manual_pass(st, call); });
    ctx.command({"verify kick", "移出未验证"}, "移出一名待验证或未通过验证的新成员")
        .arg("成员", arg_kind::user, "@待验证的成员")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return manual_kick(st, call); });
}

}  // namespace plugins::welcome
