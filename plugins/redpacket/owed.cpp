// Owed red packets: created at day close for missed check-ins, settled by the member's red packet
// or an admin, and the group fund they pay into.
#include <fmt/format.h>

#include "plugins/redpacket/glue.hpp"
#include "storage/database.hpp"

namespace plugins::redpacket {

namespace {

std::string yuan(bot::fen f) { return bot::format_money(f); }

/// Lets a member off the red packet of a day they made up; false when it was no longer owed.
bool let_off(state& st, std::string const& gk, owed_row const& r, std::int64_t at) {
    bool done = false;
    st.repo.db().immediate([&] {
        if (!st.repo.settle(r.id, owed_state::owed, owed_state::waived, 0, at, "system")) return;
        st.ctx.ledger().post(settle_posting(gk, r.id, r.user, r.amount, 0,
                                            fmt::format("{} {} 已补卡，免除红包", r.name, r.day.str()), "system", at));
        done = true;
    });
    return done;
}

/// A make-up clears the day's red packet in its own transaction (see on_made_up); this catches
/// days made up while this plugin was off, before anything reads or settles what is owed.
void reconcile(state& st, std::string const& gk) {
    for (auto const& r : st.repo.open(gk))
        if (r.state == owed_state::owed && st.records->mark(gk, r.user, r.day) == bot::day_mark::done)
            let_off(st, gk, r, st.now());
}

/// A member made up a missed day: its red packet is let off at once, inside the make-up's
/// transaction, so the next red packet they send pays for a day still owed.
void on_made_up(state& st, bot::day_made_up& e) {
    auto row = st.repo.owed_on(e.group_key, e.user, e.day);
    if (!row || !let_off(st, e.group_key, *row, e.at)) return;
    auto g = st.ctx.find_group(e.group_key);
    bot::text_args args{{"name", row->name}, {"date", row->day.str()}, {"amount", yuan(row->amount)}};
    e.notes.push_back(st.ctx.render(g, "made_up", args));
}

bot::task<> close_day(std::shared_ptr<state> st, bot::group_ref const& g, bot::time_point fire) {
    auto day = st->ctx.group_day(g, fire - std::chrono::seconds(1));
    auto gk = g.key();
    auto cfg = st->cfg(g);
    if (!cfg.owe_on_miss) co_return;
    reconcile(*st, gk);
    std::vector<bot::id> owing;
    auto at = fire.time_since_epoch().count();
    // The claim, the owed rows and their ledger entries commit together: after a crash either all
    // of the day is recorded or none of it, and a second run finds the claim and does nothing.
    st->repo.db().immediate([&] {
        if (!st->repo.claim(gk, day, "owed", at)) return;
        for (auto const& m : st->records->roster(gk)) {
            if (day < m.since || st->records->mark(gk, m.user, day) != bot::day_mark::missed) continue;
            auto id = st->repo.add_owed(gk, m.user, m.name, day, cfg.owed_amount.value, at);
            if (!id) continue;
            st->ctx.ledger().post(owed_posting(gk, m.user, day, cfg.owed_amount.value, m.name, at));
            owing.push_back(m.user);
        }
    });
    if (owing.empty()) co_return;
    // Where the platform reports red packets they are recorded by themselves; elsewhere an admin
    // confirms each one, and the nudge says so.
    auto api = st->ctx.api_for(g);
    bool reported = api && api->caps().red_packet_events;
    bot::text_args args{{"date", day.str()},
                        {"count", static_cast<int>(owing.size())},
                        {"amount", yuan(cfg.owed_amount.value)},
                        {"confirm", st->ctx.render(g, reported ? "confirm_auto" : "confirm_admin")}};
    auto head = st->ctx.render(g, "nudge", args);
    co_await st->ctx.mention_batches(g, head, owing, cfg.max_mentions);
}

bot::task<> list_owed(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    reconcile(*st, gk);
    std::map<bot::id, std::vector<owed_row>> by_user;
    std::vector<bot::id> order;
    for (auto const& r : st->repo.open(gk)) {
        if (!by_user.count(r.user)) order.push_back(r.user);
        by_user[r.user].push_back(r);
    }
    std::string text;
    if (order.empty()) {
        text = st->ctx.render(g, "owed_none");
    } else {
        std::string lines;
        bot::fen sum = 0;
        for (auto const& u : order) {
            auto const& rows = by_user[u];
            std::string days;
            bot::fen owed = 0;
            int unconfirmed = 0;
            for (auto const& r : rows) {
                if (r.state == owed_state::sent_unconfirmed) {
                    ++unconfirmed;
                    continue;
                }
                days += (days.empty() ? "" : "、") + r.day.str().substr(5);
                owed += r.amount;
            }
            sum += owed;
            auto line = owed > 0 ? fmt::format("{}：{} 个（{}），共 {} 元", rows.front().name,
                                               rows.size() - static_cast<std::size_t>(unconfirmed), days, yuan(owed))
                                 : rows.front().name + "：";
            if (unconfirmed > 0) line += fmt::format("{}已发 {} 个，待管理员确认金额", owed > 0 ? "；" : "", unconfirmed);
            lines += (lines.empty() ? "" : "\n") + line;
        }
        bot::text_args args{{"lines", lines}, {"total", yuan(sum)}};
        text = st->ctx.render(g, "owed_list", args);
    }
    co_await s.reply(text);
}

bot::task<> confirm_done(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto who = call.user("成员");
    reconcile(*st, gk);
    // A red packet already seen but without an amount is confirmed first; then the oldest owed one.
    auto row = st->repo.oldest(gk, who, owed_state::sent_unconfirmed);
    if (!row) row = st->repo.oldest(gk, who, owed_state::owed);
    std::string text;
    if (!row) {
        bot::text_args args{{"name", st->records->name_of(gk, who).value_or(who.str())}};
        text = st->ctx.render(g, "owed_nothing", args);
    } else {
        auto paid = call.has("金额") ? call.money("金额") : row->amount;
        bool done = false;
        st->repo.db().immediate([&] {
            if (!st->repo.settle(row->id, row->state, owed_state::sent, paid, st->now(), s.user_id().str())) return;
            st->ctx.ledger().post(settle_posting(gk, row->id, who, row->amount, paid,
                                                 fmt::format("{} {} 的红包，管理员确认", row->name, row->day.str()),
                                                 s.user_id().str(), st->now()));
            done = true;
        });
        bot::text_args args{{"name", row->name}, {"date", row->day.str()}, {"amount", yuan(paid)}};
        text = st->ctx.render(g, done ? "done" : "owed_nothing", args);
    }
    co_await s.reply(text);
}

bot::task<> waive(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto who = call.user("成员");
    reconcile(*st, gk);
    auto row = st->repo.oldest(gk, who, owed_state::owed);
    std::string text;
    if (!row) {
        bot::text_args args{{"name", st->records->name_of(gk, who).value_or(who.str())}};
        text = st->ctx.render(g, "owed_nothing", args);
    } else {
        st->repo.db().immediate([&] {
            if (!st->repo.settle(row->id, owed_state::owed, owed_state::waived, 0, st->now(), s.user_id().str()))
                return;
            st->ctx.ledger().post(settle_posting(gk, row->id, who, row->amount, 0,
                                                 fmt::format("{} {} 的红包，管理员免除", row->name, row->day.str()),
                                                 s.user_id().str(), st->now()));
        });
        bot::text_args args{{"name", row->name}, {"date", row->day.str()}, {"amount", yuan(row->amount)}};
        text = st->ctx.render(g, "waived", args);
    }
    co_await s.reply(text);
}

bot::task<> on_red_packet(std::shared_ptr<state> st, bot::session& s, bot::ev::red_packet const& e) {
    if (!s.group()) co_return;
    auto const& g = *s.group();
    auto gk = g.key();
    auto name = s.user_name();
    // Sending a red packet is speaking up: the sender is no lurker today.
    st->ctx.presence().spoke(gk, e.user, name, s.today());
    reconcile(*st, gk);
    auto row = st->repo.oldest(gk, e.user, owed_state::owed);
    if (!row) co_return;
    auto to = e.amount ? owed_state::sent : owed_state::sent_unconfirmed;
    auto paid = e.amount.value_or(0);
    bool done = false;
    st->repo.db().immediate([&] {
        if (!st->repo.settle(row->id, owed_state::owed, to, paid, st->now(), "platform")) return;
        if (e.amount)
            st->ctx.ledger().post(settle_posting(gk, row->id, e.user, row->amount, paid,
                                                 fmt::format("{} {} 的红包", row->name, row->day.str()), "system",
                                                 st->now()));
        done = true;
    });
    if (!done) co_return;
    bot::text_args args{{"name", row->name}, {"date", row->day.str()}, {"amount", yuan(paid)}};
    auto text = st->ctx.render(g, e.amount ? "received" : "received_no_amount", args);
    auto msg = bot::message(text);
    co_await s.send(msg);
}

bot::task<> show_fund(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto gk = g.key();
    auto account = fund_account(gk);
    auto cfg = st->cfg(g);
    auto balance = st->ctx.ledger().balance(gk, account);
    auto history = st->ctx.ledger().history(gk, account, cfg.fund_entries);
    std::string lines;
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        bot::fen delta = 0;
        for (auto const& l : it->legs)
            if (l.account == account) delta += l.fen;
        auto date = s.tz().to_local(bot::time_point(std::chrono::seconds(it->at))).date.str().substr(5);
        lines += fmt::format("\n{} {} {}{} 元 {}", date, kind_words(it->kind), delta < 0 ? "-" : "+",
                             yuan(delta < 0 ? -delta : delta), it->memo);
    }
    bot::fen pending = 0;
    int pending_count = 0;
    for (auto const& r : st->repo.open(gk))
        if (r.state == owed_state::owed) {
            pending += r.amount;
            ++pending_count;
        }
    bot::text_args args{{"balance", yuan(balance)},
                        {"entries", lines.empty() ? st->ctx.render(g, "fund_empty") : lines.substr(1)},
                        {"owed_count", pending_count},
                        {"owed", yuan(pending)}};
    auto text = st->ctx.render(g, "fund", args);
    co_await s.reply(text);
}

}  // namespace

void register_owed(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.text("nudge",
             "🧧 按群约定「没有输出，就发个小红包」：{date} 没打卡的 {count} 位小伙伴，记得给群里发一个 {amount} 元的小红包哦～"
             "{confirm}明天继续加油！",
             {"date", "count", "amount", "confirm"});
    ctx.text("confirm_auto", "发了我会自动记下，", {});
    ctx.text("confirm_admin", "发完请管理员用「/redpacket done @你」帮你记下，", {});
    ctx.text("owed_list", "🧧 待发的红包：\n{lines}\n合计 {total} 元", {"lines", "total"});
    ctx.text("owed_none", "🎉 目前没有人欠红包。", {});
    ctx.text("owed_nothing", "{name} 目前没有待确认的红包。", {"name", "date", "amount"});
    ctx.text("done", "✅ 已确认 {name} {date} 的红包 {amount} 元，记入群基金。", {"name", "date", "amount"});
    ctx.text("waived", "🙆 已免除 {name} {date} 的红包（{amount} 元）。", {"name", "date", "amount"});
    ctx.text("received", "🧧 收到 {name} 的红包 {amount} 元，{date} 的红包已记下，谢谢！", {"name", "date", "amount"});
    ctx.text("received_no_amount",
             "🧧 收到 {name} 的红包，{date} 的红包已记下，谢谢！平台没有告诉我金额，请管理员用「/redpacket done @{name} 金额」确认。",
             {"name", "date", "amount"});
    ctx.text("fund", "💰 群基金余额：{balance} 元\n最近的记录：\n{entries}\n待发红包：{owed_count} 个，共 {owed} 元",
             {"balance", "entries", "owed_count", "owed"});
    ctx.text("fund_empty", "（还没有记录）", {});
    ctx.text("made_up", "🧧 {date} 已补卡，这天的红包（{amount} 元）不用发了。", {"name", "date", "amount"});
    ctx.listen<bot::day_made_up>([st](bot::day_made_up& e) { on_made_up(*st, e); });

    ctx.each_group(
        "close",
        [&ctx](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            return bot::recurrence::daily(ctx.close_hour(g) * 60);
        },
        [st](bot::group_ref const& g, bot::time_point fire) -> bot::task<> { co_await close_day(st, g, fire); });
    ctx.on<bot::ev::red_packet>([st](bot::session& s, bot::ev::red_packet const& e) -> bot::task<> {
        co_await on_red_packet(st, s, e);
    });

    ctx.command({"redpacket owed", "欠红包", "红包欠账"}, "谁还欠红包")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await list_owed(st, call); });
    ctx.command({"redpacket done", "红包已发"}, "确认某人发了红包（管理员），可写实际金额")
        .arg("成员", bot::arg_kind::user, "@发红包的人")
        .optional_arg("金额", bot::arg_kind::money, "实际金额，默认为欠的金额")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await confirm_done(st, call); });
    ctx.command({"redpacket waive", "免红包"}, "免除某人最早欠的一个红包（管理员）")
        .arg("成员", bot::arg_kind::user, "@要免除的人")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await waive(st, call); });
    ctx.command({"fund", "群基金"}, "群基金余额和最近的记录")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await show_fund(st, call); });
}

}  // namespace plugins::redpacket
