// Commands to set up a challenge, enrol, confirm deposits and see where everyone stands.
#include <fmt/format.h>

#include "plugins/deposit/plugin.hpp"

namespace plugins::deposit {

namespace {

std::int64_t unix_now(state& st) { return st.ctx.clock().now().time_since_epoch().count(); }

bot::task<> challenge_new(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto today = call.s().today();
    auto args = call.text("设置");
    std::string text;
    if (auto running = st->b.repo().current(g.key())) {
        text = st->render(g, "new_exists", {{"name", running->r.name}});
    } else if (args.empty()) {
        text = st->render(g, "new_usage", {{"tomorrow", today.plus_days(1).str()}});
    } else {
        auto parsed = parse_rules(args, st->defaults(g), st->group_cfg(g).free_misses, today);
        auto api = call.s().api();
        if (auto const* err = std::get_if<rules_error>(&parsed)) {
            text = st->render(g, "new_bad", {{"key", err->key}, {"problem", err->problem}});
        } else if (std::get<rules>(parsed).rule == day_rule::message && (!api || !api->caps().all_messages)) {
            // Where the bot sees only the messages that @ it, a member who chatted unseen would be
            // fined for a silence that never was.
            text = st->render(g, "new_message_unseen");
        } else {
            auto const& r = std::get<rules>(parsed);
            auto id = st->b.repo().add_challenge(g.key(), r, call.s().user_id().encode(), unix_now(*st));
            auto c = st->b.repo().find(id);
            text = describe_rules(*st, g, *c);
            co_await call.s().send(text);
            co_return;
        }
    }
    co_await call.reply(text);
}

bot::task<> challenge_info(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = st->b.repo().current(g.key());
    if (!c) {
        auto text = st->render(g, "none");
        co_await call.reply(text);
        co_return;
    }
    int paid = 0, pending = 0;
    for (auto const& e : st->b.repo().members(c->id)) {
        paid += e.status == member_status::paid ? 1 : 0;
        pending += e.status == member_status::pending ? 1 : 0;
    }
    auto text = describe_rules(*st, g, *c) + "\n" +
                st->render(g, "info_members", {{"total", paid + pending}, {"paid", paid}, {"pending", pending}});
    co_await call.reply(text);
}

bot::task<> challenge_join(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto g = *s.group();
    auto c = st->b.repo().current(g.key());
    auto user = s.user_id().encode();
    auto name = s.user_name();
    std::string text;
    if (!c) {
        text = st->render(g, "none");
    } else if (auto e = st->b.repo().member(c->id, user); e && e->status == member_status::pending) {
        text = st->render(g, "join_pending", {{"name", name}});
    } else if (e && e->status == member_status::paid) {
        text = st->render(g, "join_paid", {{"name", name}});
    } else if (e && e->status == member_status::left) {
        text = st->render(g, "join_left", {{"name", name}, {"challenge", c->r.name}});
    } else if (c->status != challenge_status::open || s.today() > c->r.start) {
        text = st->render(g, "join_closed", {{"challenge", c->r.name}});
    } else {
        auto now = unix_now(*st);
        if (e) {
            st->b.repo().rejoin(c->id, user, name, now);
        } else {
            st->b.repo().add_member(c->id, user, name, now);
        }
        auto within = st->group_cfg(g).pay_within;
        auto due = st->ctx.clock().now() + within;
        auto tz = s.tz();
        st->ctx.scheduler().schedule(fmt::format("deposit.expire@{}:{}", c->id, user), "deposit.expire",
                                     bot::recurrence::once(due), tz, g, fmt::format("{}\t{}", c->id, user));
        text = st->render(g, "join_ok",
                          {{"name", name},
                           {"challenge", c->r.name},
                           {"deposit", yuan(c->r.deposit)},
                           {"deadline", tz.to_local(due).str()}});
    }
    co_await call.reply(text);
}

bot::task<> deposit_paid(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = st->b.repo().current(g.key());
    if (!c) {
        auto text = st->render(g, "none");
        co_await call.reply(text);
        co_return;
    }
    auto who = call.user("成员");
    auto user = who.encode();
    auto e = st->b.repo().member(c->id, user);
    auto name = e ? e->name : who.str();
    auto amount = call.money("金额", c->r.deposit);
    auto outcome = st->b.confirm_payment(*c, user, amount, call.s().user_id().encode(), unix_now(*st));
    bot::message m;
    switch (outcome) {
        case pay_outcome::recorded: {
            st->ctx.scheduler().cancel(fmt::format("deposit.expire@{}:{}", c->id, user));
            expect_members(*st, g, *c);
            int pending = 0;
            for (auto const& other : st->b.repo().members(c->id))
                pending += other.status == member_status::pending ? 1 : 0;
            m.at(who, name);
            m.text(st->render(g, "paid_ok", {{"amount", yuan(amount)}, {"challenge", c->r.name}, {"pending", pending}}));
            break;
        }
        case pay_outcome::already_paid: m.text(st->render(g, "paid_already", {{"name", name}})); break;
        case pay_outcome::not_enrolled:
            m.text(st->render(g, "paid_not_enrolled", {{"name", name}, {"challenge", c->r.name}}));
            break;
        case pay_outcome::wrong_amount:
            m.text(st->render(g, "paid_wrong_amount",
                              {{"challenge", c->r.name}, {"deposit", yuan(c->r.deposit)}, {"amount", yuan(amount)}}));
            break;
        case pay_outcome::closed: m.text(st->render(g, "paid_closed", {{"challenge", c->r.name}})); break;
    }
    co_await call.reply(m);
}

bot::task<> deposit_unpaid(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto g = *s.group();
    auto c = st->b.repo().current(g.key());
    std::string text;
    if (!c) {
        text = st->render(g, "none");
    } else {
        auto who = call.user("成员");
        auto user = who.encode();
        auto e = st->b.repo().member(c->id, user);
        auto name = e ? e->name : who.str();
        switch (st->b.unconfirm_payment(*c, user, s.user_id().encode(), unix_now(*st))) {
            case unpay_outcome::reversed: {
                auto due = st->ctx.clock().now() + st->group_cfg(g).pay_within;
                st->ctx.scheduler().schedule(fmt::format("deposit.expire@{}:{}", c->id, user), "deposit.expire",
                                             bot::recurrence::once(due), s.tz(), g, fmt::format("{}\t{}", c->id, user));
                text = st->render(g, "unpaid_ok", {{"name", name}, {"amount", yuan(e ? e->paid : 0)}});
                break;
            }
            case unpay_outcome::not_paid: text = st->render(g, "unpaid_not_paid", {{"name", name}}); break;
            case unpay_outcome::fined: text = st->render(g, "unpaid_fined", {{"name", name}}); break;
            case unpay_outcome::closed: text = st->render(g, "none"); break;
        }
    }
    co_await call.reply(text);
}

bot::task<> deposit_status(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto g = *s.group();
    auto c = st->b.repo().latest(g.key());
    std::string text;
    auto named = call.has("成员") ? named_member(*st, call, c, call.text("成员")) : std::optional<bot::id>(s.user_id());
    bool other = named && *named != s.user_id();
    auto who = named.value_or(s.user_id());
    if (!named) {
        text = st->render(g, "unknown_member", {{"text", call.text("成员")}});
    } else if (other && !bot::perm::admin(s)) {
        text = st->render(g, "status_others");
    } else if (!c) {
        text = st->render(g, "none");
    } else if (auto e = st->b.repo().member(c->id, who.encode())) {
        text = describe_status(*st, g, *c, *e, s.today());
    } else {
        text = st->render(g, "status_not_enrolled",
                          {{"name", other ? who.str() : s.user_name()}, {"challenge", c->r.name}});
    }
    co_await call.reply(text);
}

bot::task<> deposit_list(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = st->b.repo().latest(g.key());
    if (!c) {
        auto text = st->render(g, "none");
        co_await call.reply(text);
        co_return;
    }
    std::string text = st->render(g, "list_head", {{"challenge", c->r.name}});
    int n = 0;
    for (auto const& e : st->b.repo().members(c->id)) {
        auto t = st->b.tally_of(*c, e);
        text += "\n" + st->render(g, "list_line",
                                  {{"n", ++n},
                                   {"name", e.name},
                                   {"state", state_word(*st, g, e.status)},
                                   {"done", t.done},
                                   {"missed", t.missed},
                                   {"leave", t.leave},
                                   {"remaining", yuan(t.remaining)}});
    }
    co_await call.reply(text);
}

}  // namespace

void register_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.command({"challenge new", "新建挑战"}, "新建押金挑战（管理员）")
        .optional_arg("设置", bot::arg_kind::text, "名称和 键=值 设置；不写则显示用法")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/challenge new 21天早起 start=2026-03-03 days=21 deposit=50 fine=5 full=18 to=fund")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await challenge_new(st, call); });
    ctx.command({"challenge", "挑战"}, "查看当前押金挑战的规则")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await challenge_info(st, call); });
    ctx.command({"challenge join", "报名挑战"}, "报名当前的押金挑战")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await challenge_join(st, call); });
    ctx.command({"deposit paid", "确认押金"}, "确认收到成员的押金（管理员）")
        .arg("成员", bot::arg_kind::user, "@交了押金的成员")
        .optional_arg("金额", bot::arg_kind::money, "收到的金额，默认为挑战的押金")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/deposit paid @bob 50")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await deposit_paid(st, call); });
    ctx.command({"deposit unpaid", "撤销押金确认"}, "撤销一次记错的押金确认，记一笔冲正（管理员）")
        .arg("成员", bot::arg_kind::user, "@被记错的成员")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await deposit_unpaid(st, call); });
    ctx.command({"deposit status", "押金", "我的押金"}, "查看押金、罚款、完成天数和剩余天数")
        .optional_arg("成员", bot::arg_kind::text, "@成员或名字（仅管理员可查看别人）")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await deposit_status(st, call); });
    ctx.command({"deposit list", "押金一览"}, "所有报名成员的押金情况（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await deposit_list(st, call); });
}

}  // namespace plugins::deposit
