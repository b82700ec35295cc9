// The reward: taken from the group fund when the week closes (never twice: one row and one ledger
// key per group-week, never more than the fund holds: then owed and the admins told), granted
// later when the fund can pay, and marked paid out by an admin.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/bestshare/glue.hpp"
#include "plugins/bestshare/rules.hpp"
#include "storage/database.hpp"
#include "storage/ledger.hpp"

namespace plugins::bestshare {

std::string fund_account(std::string const& group) { return "fund:" + group; }
std::string reward_account(std::string const& user) { return "bestshare:reward:" + user; }
std::string external_account(std::string const& user) { return "external:" + user; }

namespace {

/// The fund pays the winner's reward into what is held for them until an admin pays it out.
storage::posting grant_posting(reward_row const& r, std::int64_t at) {
    return {fmt::format("bestshare:reward:{}:{}", r.group_key, r.week), r.group_key, "reward",
            fmt::format("第{}期最佳分享 {}", r.num, bot::shown_name(r.winner_name)), "system",
            {{fund_account(r.group_key), -r.amount}, {reward_account(r.winner), r.amount}}, at};
}

/// An admin handed the reward to the winner.
storage::posting paid_posting(reward_row const& r, std::string const& by, std::int64_t at) {
    return {fmt::format("bestshare:paid:{}:{}", r.group_key, r.week), r.group_key, "payout",
            fmt::format("第{}期最佳分享奖励已发给 {}", r.num, bot::shown_name(r.winner_name)), by,
            {{reward_account(r.winner), -r.amount}, {external_account(r.winner), r.amount}}, at};
}

bot::fen fund_balance(state& st, std::string const& gk) { return st.ctx.ledger().balance(gk, fund_account(gk)); }

bot::text_args reward_args(state& st, reward_row const& r) {
    return {{"num", r.num},
            {"name", bot::shown_name(r.winner_name)},
            {"amount", yuan(r.amount)},
            {"balance", yuan(fund_balance(st, r.group_key))}};
}

bot::task<> show_reward(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto gk = g.key();
    settle_owed(*st, g);
    std::string owed;
    for (auto const& r : st->repo.rewards(gk, reward_state::owed))
        owed += fmt::format("\n第{}期 {} {} 元", r.num, bot::shown_name(r.winner_name), yuan(r.amount));
    for (auto const& r : st->repo.rewards(gk, reward_state::granted))
        owed += "\n" + st->text(g, "reward_unpaid_line", reward_args(*st, r));
    bot::text_args args{{"amount", yuan(st->cfg(g).reward.value)},
                        {"balance", yuan(fund_balance(*st, gk))},
                        {"owed", owed.empty() ? st->text(g, "reward_none_owed") : owed.substr(1)}};
    auto text = st->text(g, "reward_status", args);
    co_await call.reply(text);
}

bot::task<> set_reward(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    if (!call.has("金额")) {
        co_await show_reward(st, call);
        co_return;
    }
    auto amount = call.money("金额");
    auto balance = fund_balance(*st, g.key());
    std::string text;
    if (amount > balance) {
        text = st->text(g, "reward_too_big", {{"amount", yuan(amount)}, {"balance", yuan(balance)}});
    } else if (auto problem = st->ctx.set_group_value(g, "reward", yuan(amount), s.user_id().encode())) {
        text = *problem;
    } else {
        auto key = amount == 0 ? "reward_off" : "reward_set";
        text = st->text(g, key, {{"amount", yuan(amount)}, {"balance", yuan(balance)}});
    }
    co_await call.reply(text);
}

bot::task<> mark_paid(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    settle_owed(*st, g);
    std::optional<reward_row> r;
    std::string text;
    if (call.has("期")) {
        auto num = parse_number(call.text("期"));
        auto w = num ? st->repo.week_by_num(gk, *num) : std::nullopt;
        if (w) r = st->repo.reward(gk, w->week);
        if (!r) text = st->text(g, "paid_no_reward", {{"num", call.text("期")}});
    } else {
        auto granted = st->repo.rewards(gk, reward_state::granted);
        if (!granted.empty()) r = granted.front();
        if (!r) text = st->text(g, "paid_nothing");
    }
    if (r && r->state == reward_state::paid) {
        text = st->text(g, "paid_already", reward_args(*st, *r));
    } else if (r && r->state == reward_state::owed) {
        text = st->text(g, "paid_still_owed", reward_args(*st, *r));
    } else if (r) {
        bool done = false;
        auto at = st->now();
        auto by = s.user_id().encode();
        st->repo.db().immediate([&] {
            if (!st->repo.move_reward(gk, r->week, reward_state::granted, reward_state::paid, at, by)) return;
            st->ctx.ledger().post(paid_posting(*r, by, at));
            done = true;
        });
        text = st->text(g, done ? "paid_ok" : "paid_already", reward_args(*st, *r));
    }
    co_await call.reply(text);
}

}  // namespace

std::optional<reward_row> reward_winner(state& st, bot::group_ref const& g, week_row const& w,
                                        nomination_row const& winner) {
    auto amount = st.cfg(g).reward.value;
    if (amount <= 0) return std::nullopt;
    auto gk = g.key();
    auto at = st.now();
    reward_row r{gk, w.week, w.num, winner.nominee, winner.nominee_name, amount, reward_state::owed, at, {}, {}, {}};
    // Never more than the fund holds: a short fund posts nothing and the reward is owed.
    if (fund_balance(st, gk) >= amount) {
        r.state = reward_state::granted;
        r.granted_at = at;
    }
    if (!st.repo.add_reward(r)) return st.repo.reward(gk, w.week);
    if (r.state == reward_state::granted) st.ctx.ledger().post(grant_posting(r, at));
    return r;
}

std::vector<reward_row> settle_owed(state& st, bot::group_ref const& g) {
    auto gk = g.key();
    std::vector<reward_row> granted;
    // Oldest first, and none jumps the queue: a smaller later reward waits for an older one.
    for (auto r : st.repo.rewards(gk, reward_state::owed)) {
        bool done = false;
        auto at = st.now();
        st.repo.db().immediate([&] {
            if (fund_balance(st, gk) < r.amount) return;
            if (!st.repo.move_reward(gk, r.week, reward_state::owed, reward_state::granted, at, "system")) return;
            st.ctx.ledger().post(grant_posting(r, at));
            done = true;
        });
        if (!done) break;
        r.state = reward_state::granted;
        r.granted_at = at;
        granted.push_back(r);
    }
    return granted;
}

void register_reward(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.command({"bestshare reward", "最佳奖励"}, "查看或设置本群最佳分享的奖励（管理员），不能超过群基金余额")
        .optional_arg("金额", bot::arg_kind::money, "如 5、5.00、¥5；0 为不发奖励")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .example("/bestshare reward 5")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await set_reward(st, call); });
    ctx.command({"bestshare paid", "最佳奖励已发"}, "标记某期最佳分享的奖励已发给获奖人（管理员）")
        .optional_arg("期", bot::arg_kind::word, "#期数，默认最早一笔未发的")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .example("/bestshare paid #1")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await mark_paid(st, call); });
}

}  // namespace plugins::bestshare
