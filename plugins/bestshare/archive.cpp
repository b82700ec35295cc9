// The group's "best of" archive: /bestshare export sends every week (its winner, the nominated
// shares with their texts and votes) as CSV to the admin in private; /bestshare remove takes a
// nomination back (with the votes for it) while it is pending or being voted on.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "bot/display.hpp"
#include "plugins/bestshare/glue.hpp"
#include "plugins/bestshare/rules.hpp"
#include "storage/database.hpp"

namespace plugins::bestshare {

namespace {

std::string source_words(state& st, bot::group_ref const& g, std::string const& source) {
    return st.text(g, source == "checkin" ? "source_checkin" : "source_member");
}

}  // namespace

std::string reward_words(reward_state s) {
    switch (s) {
        case reward_state::owed: return "待发（基金不足）";
        case reward_state::granted: return "已从基金划出，待发给获奖人";
        case reward_state::paid: return "已发放";
    }
    return "";
}

std::string archive_csv(state& st, bot::group_ref const& g) {
    auto gk = g.key();
    std::string out = csv_row({"期", "投票开始", "编号", "成员", "分享", "来源", "提名人", "票数", "当选", "奖励（元）", "奖励状态", "投票人"});
    auto weeks = st.repo.weeks(gk);
    for (auto w = weeks.rbegin(); w != weeks.rend(); ++w) {
        auto reward = st.repo.reward(gk, w->week);
        std::map<int, std::string> voters;
        for (auto const& [name, num] : st.repo.ballots(gk, w->week))
            voters[num] += (voters[num].empty() ? "" : "、") + bot::shown_name(name);
        for (auto const& n : st.repo.nominations_of(gk, w->week)) {
            bool won = w->winner && *w->winner == n.id;
            out += csv_row({std::to_string(w->num), st.when(g, w->opened_at), std::to_string(n.num),
                            bot::shown_name(n.nominee_name), bot::shown_text(n.text, 2000), source_words(st, g, n.source),
                            bot::shown_name(n.nominator_name), std::to_string(n.votes), won ? "是" : "",
                            won && reward ? yuan(reward->amount) : "", won && reward ? reward_words(reward->state) : "",
                            voters[n.num]});
        }
    }
    return out;
}

namespace {

bot::task<> export_archive(state_ptr st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto csv = archive_csv(*st, g);
    auto rows = static_cast<int>(std::count(csv.begin(), csv.end(), '\n')) - 1;
    if (rows == 0) {
        auto text = st->text(g, "export_empty");
        co_await call.reply(text);
        co_return;
    }
    auto head = st->text(g, "export_head", {{"rows", rows}});
    auto body = bot::message(head + "\n" + csv);
    auto api = st->ctx.api_for(g);
    bool sent = false;
    auto to = bot::target::user_of(s.user_id());
    if (api) sent = (co_await api->send(to, body)).ok();
    auto text = st->text(g, sent ? "exported" : "export_failed", {{"rows", rows}});
    co_await call.reply(text);
}

bot::task<> withdraw(state_ptr st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto gk = g.key();
    auto num = parse_number(call.text("编号"));
    auto n = num ? st->repo.nomination(gk, *num) : std::nullopt;
    std::string text;
    bool open = false;
    if (n) {
        auto w = n->week.empty() ? std::nullopt : st->repo.week(gk, n->week);
        open = n->week.empty() || (w && !w->closed_at);
    }
    if (!n || !open) {
        text = st->text(g, "err_remove", {{"num", call.text("编号")}});
    } else {
        st->repo.db().immediate([&] { st->repo.remove_nomination(n->id); });
        text = st->text(g, "removed", {{"num", n->num}, {"name", bot::shown_name(n->nominee_name)}, {"votes", n->votes}});
    }
    co_await call.reply(text);
}

}  // namespace

void register_archive(state_ptr const& st) {
    auto& ctx = st->ctx;
    ctx.command({"bestshare export", "导出最佳分享"}, "把历届最佳分享（提名、内容、票数、获奖）私信发给你（管理员）")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await export_archive(st, call); });
    ctx.command({"bestshare remove", "撤销提名"}, "撤下一个还没评完的提名（管理员）")
        .arg("编号", bot::arg_kind::word, "#提名编号")
        .where(bot::rule::in_group)
        .permit(bot::perm::group_admin || bot::perm::superuser)
        .example("/bestshare remove #3")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await withdraw(st, call); });
}

}  // namespace plugins::bestshare
