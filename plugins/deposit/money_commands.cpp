// Admin commands that move money on the books: settle, mark refunds, reverse fines, export.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "plugins/deposit/plugin.hpp"

namespace plugins::deposit {

namespace {

std::int64_t unix_now(state& st) { return st.ctx.clock().now().time_since_epoch().count(); }

/// The challenge a money command is about: the unsettled one, else the latest.
std::optional<challenge> target(state& st, std::string const& group) {
    if (auto c = st.b.repo().current(group)) return c;
    return st.b.repo().latest(group);
}

bot::task<> settle(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = target(*st, g.key());
    std::string text;
    if (!c) {
        text = st->render(g, "none");
    } else if (c->status == challenge_status::open) {
        text = st->render(g, "settle_not_ended", {{"challenge", c->r.name}, {"end", c->r.last_day().str()}});
    } else {
        auto s = st->b.settle(*c, unix_now(*st));
        text = describe_settlement(*st, g, *c, s, st->b.repo().refunds(c->id));
    }
    co_await call.s().send(text);
}

bot::task<> cancel(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = st->b.repo().current(g.key());
    std::string text;
    if (!c) {
        text = st->render(g, "none");
    } else if (st->b.cancel(*c, unix_now(*st)) != cancel_outcome::cancelled) {
        text = st->render(g, "cancel_too_late", {{"challenge", c->r.name}});
    } else {
        for (auto const& e : st->b.repo().members(c->id))
            st->ctx.scheduler().cancel(fmt::format("deposit.expire@{}:{}", c->id, e.user));
        text = st->render(g, "cancel_done", {{"challenge", c->r.name}});
        auto s = st->b.stored_settlement(*c);
        if (!s.lines.empty()) text += "\n" + describe_settlement(*st, g, *c, s, st->b.repo().refunds(c->id));
        co_await call.s().send(text);
        co_return;
    }
    co_await call.reply(text);
}

bot::task<> refund_paid(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = target(*st, g.key());
    if (!c) {
        auto text = st->render(g, "none");
        co_await call.reply(text);
        co_return;
    }
    auto named = named_member(*st, call, c, call.text("成员"));
    if (!named) {
        auto text = st->render(g, "unknown_member", {{"text", call.text("成员")}});
        co_await call.reply(text);
        co_return;
    }
    auto who = *named;
    auto e = st->b.repo().member(c->id, who.encode());
    auto name = e ? e->name : who.str();
    auto [outcome, amount] = st->b.mark_refund(*c, who.encode(), call.s().user_id().encode(), unix_now(*st));
    std::string text;
    switch (outcome) {
        case refund_outcome::marked: {
            auto rows = st->b.repo().refunds(c->id);
            int done = 0;
            for (auto const& r : rows) done += r.paid_at != 0 ? 1 : 0;
            text = st->render(g, "refund_ok",
                              {{"name", name},
                               {"amount", yuan(amount)},
                               {"done", done},
                               {"total", static_cast<int>(rows.size())}});
            if (done == static_cast<int>(rows.size()))
                text += "\n" + st->render(g, "refund_all_done", {{"challenge", c->r.name}});
            break;
        }
        case refund_outcome::nothing_owed: text = st->render(g, "refund_nothing", {{"name", name}}); break;
        case refund_outcome::already_marked:
            text = st->render(g, "refund_already", {{"name", name}, {"amount", yuan(amount)}});
            break;
        case refund_outcome::not_settled: text = st->render(g, "refund_not_settled", {{"challenge", c->r.name}}); break;
        case refund_outcome::not_listed:
            text = st->render(g, "refund_not_listed", {{"name", name}, {"challenge", c->r.name}});
            break;
    }
    co_await call.reply(text);
}

bot::task<> waive(std::shared_ptr<state> st, bot::command_call& call) {
    auto g = *call.s().group();
    auto c = target(*st, g.key());
    auto who = call.user("成员");
    auto day_text = call.text("日期");
    auto day = bot::parse_date(day_text);
    std::string text;
    if (!c) {
        text = st->render(g, "none");
    } else if (!day) {
        text = st->render(g, "waive_bad_date", {{"text", day_text}});
    } else {
        auto e = st->b.repo().member(c->id, who.encode());
        auto name = e ? e->name : who.str();
        auto [outcome, amount] = st->b.waive(*c, who.encode(), *day, call.s().user_id().encode(), unix_now(*st));
        switch (outcome) {
            case waive_outcome::waived:
                text = st->render(g, "waive_ok", {{"name", name}, {"day", day->str()}, {"amount", yuan(amount)}});
                break;
            case waive_outcome::already_waived:
                text = st->render(g, "waive_already", {{"name", name}, {"day", day->str()}});
                break;
            case waive_outcome::no_fine:
                text = st->render(g, "waive_no_fine", {{"name", name}, {"day", day->str()}});
                break;
            case waive_outcome::settled:
                text = st->render(g, "waive_settled", {{"challenge", c->r.name}, {"name", name}});
                break;
        }
    }
    co_await call.reply(text);
}

/// Where exports go: the configured folder, else exports/ beside the database file.
std::filesystem::path export_dir(state& st) {
    auto const& dir = st.ctx.config<config>().export_dir;
    if (!dir.empty()) return dir;
    auto db = std::filesystem::path(st.ctx.db().path());
    if (st.ctx.db().path() == ":memory:" || !db.has_parent_path()) return "exports";
    return db.parent_path() / "exports";
}

bot::task<> export_csv(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto g = *s.group();
    auto c = target(*st, g.key());
    if (!c) {
        auto text = st->render(g, "none");
        co_await call.reply(text);
        co_return;
    }
    auto csv = st->b.export_csv(*c, s.tz());
    auto dir = export_dir(*st);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto path = dir / fmt::format("deposit-{}.csv", c->id);
    std::ofstream(path, std::ios::binary) << csv;
    auto rows = std::count(csv.begin(), csv.end(), '\n') - 1;
    auto text = st->render(g, "export_saved", {{"challenge", c->r.name}, {"rows", rows}, {"path", path.string()}});
    // The sandbox has no file transfer: the CSV is printed as well, so it can be read right there.
    if (s.ev().platform == "console") text += "\n" + csv;
    co_await call.reply(text);
}

}  // namespace

void register_money_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    ctx.command({"settle", "结算"}, "生成押金挑战的退款清单（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await settle(st, call); });
    ctx.command({"challenge cancel", "取消挑战"}, "在第一天结算前取消挑战，已交的押金全额退还（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await cancel(st, call); });
    ctx.command({"refund paid", "已退款"}, "标记某成员的退款已付（管理员）")
        .arg("成员", bot::arg_kind::text, "@已退款的成员，已退群的写名字")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/refund paid @bob")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await refund_paid(st, call); });
    ctx.command({"deposit waive", "撤销罚款"}, "撤销某成员某天的罚款，记一笔冲正（管理员）")
        .arg("成员", bot::arg_kind::user, "@成员")
        .arg("日期", bot::arg_kind::word, "被罚的那天，如 2026-03-05")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/deposit waive @bob 2026-03-05")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await waive(st, call); });
    ctx.command({"deposit export", "导出押金"}, "导出挑战账本为 CSV（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await export_csv(st, call); });
}

}  // namespace plugins::deposit
