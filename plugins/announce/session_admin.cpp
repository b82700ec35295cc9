// Sessions, the admins' and host's side: the sign-up and waiting lists, cancelling a session,
// changing its host, and the reminder before it starts (mentions in batches to those signed up,
// the list to the host in private).
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

constexpr char const* remind_handler = "announce.remind";

std::string remind_key(std::int64_t id) {
    return "announce.session:" + std::to_string(id);
}

std::string names_of(state& st, bot::group_ref const& g, std::vector<signup> const& list) {
    std::string out;
    auto sep = st.ctx.render(g, "list_sep");
    for (auto const& s : list) out += (out.empty() ? "" : sep) + bot::shown_name(s.name);
    return out.empty() ? st.ctx.render(g, "s_nobody") : out;
}

std::string roster_text(state& st, bot::group_ref const& g, session_row const& s, std::string const& key) {
    auto r = split(st.repo.signups(s.id), s.cap);
    bot::text_args args{{"id", s.id},
                        {"title", bot::shown_name(s.title)},
                        {"when", st.when(g, s.starts_at)},
                        {"place", bot::shown_name(s.place, max_place)},
                        {"count", static_cast<int>(r.in.size())},
                        {"cap", s.cap},
                        {"in", names_of(st, g, r.in)},
                        {"wcount", static_cast<int>(r.waiting.size())},
                        {"waiting", names_of(st, g, r.waiting)}};
    return st.ctx.render(g, key, args);
}

std::variant<session_row, std::string> numbered(state& st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto n = item_number(call.text("编号"));
    if (!n) return st.ctx.render(g, "s_bad_number");
    auto found = st.repo.session(*n, g.key());
    if (!found) {
        bot::text_args args{{"id", *n}};
        return st.ctx.render(g, "s_not_found", args);
    }
    return *found;
}

/// The reminder `remind_before` the start ("N"), or the early one `early_remind` before ("N:early"):
/// both mention those with a place; the first also sends the host the list.
bot::task<> remind(std::shared_ptr<state> st, bot::job_run run) {
    bool early = run.payload.ends_with(":early");
    auto id = item_number(early ? run.payload.substr(0, run.payload.size() - 6) : run.payload);
    if (!id || !run.group) co_return;
    auto const& g = *run.group;
    auto cfg = st->cfg(g);
    auto now = st->now();
    std::optional<session_row> row;
    roster r;
    st->repo.db().immediate([&] {
        auto s = st->repo.session(*id, g.key());
        if (!s || s->cancelled || now >= from_unix(s->starts_at)) return;
        if (now - run.fire_time > cfg.max_lateness) return;
        if (!st->repo.claim(*id, early ? "remind_early" : "remind", to_unix(now))) return;
        row = s;
        r = split(st->repo.signups(*id), s->cap);
    });
    if (!row) co_return;
    std::vector<bot::id> users;
    for (auto const& s : r.in) users.push_back(s.user);
    if (early) {
        if (users.empty()) co_return;
        bot::text_args args{{"title", bot::shown_name(row->title)},
                            {"when", st->when(g, row->starts_at)},
                            {"place", bot::shown_name(row->place, max_place)}};
        auto head = st->ctx.render(g, "s_remind_early", args);
        co_await st->ctx.mention_batches(g, head, users, cfg.max_mentions);
        co_return;
    }
    if (!users.empty()) {
        bot::text_args args{{"title", bot::shown_name(row->title)},
                            {"when", st->when(g, row->starts_at)},
                            {"place", bot::shown_name(row->place, max_place)}};
        auto head = st->ctx.render(g, "s_remind", args);
        co_await st->ctx.mention_batches(g, head, users, cfg.max_mentions);
    }
    auto list = roster_text(*st, g, *row, "s_host_list");
    auto api = st->ctx.api_for(g);
    bool told = false;
    if (api) {
        auto to = bot::target::user_of(row->host);
        auto msg = bot::message(list);
        told = static_cast<bool>(co_await api->send(to, msg));
    }
    if (!told) {
        // No private message on this platform (or it failed): the host gets the list in the group.
        auto msg = bot::message().at(row->host, row->host_name).text(" ").text(list);
        co_await st->ctx.send(g, msg);
    }
}

void texts(bot::plugin_context& ctx) {
    ctx.text("s_nobody", "（无）");
    ctx.text("s_roster", "📋 #{id}「{title}」{when}\n已报名 {count}/{cap}：{in}\n候补 {wcount} 人：{waiting}",
             {"id", "title", "when", "place", "count", "cap", "in", "wcount", "waiting"});
    ctx.text("s_host_list",
             "📋 你主持的「{title}」{when} 开始（{place}）。\n已报名 {count}/{cap}：{in}\n候补 {wcount} 人：{waiting}",
             {"id", "title", "when", "place", "count", "cap", "in", "wcount", "waiting"});
    ctx.text("s_remind_early", "📅 提醒：「{title}」{when} 开始，地点：{place}。报了名的伙伴记得留出时间～",
             {"title", "when", "place"});
    ctx.text("s_remind", "⏰「{title}」{when} 开始，地点：{place}。报了名的伙伴别忘了～", {"title", "when", "place"});
    ctx.text("s_cancelled", "🛑 分享会 #{id}「{title}」已取消。", {"id", "title"});
    ctx.text("s_cancelled_notice", "📣「{title}」取消了，报了名的伙伴请留意～", {"id", "title"});
    ctx.text("s_already_cancelled", "ℹ️ 分享会 #{id} 已经取消过了。", {"id"});
    ctx.text("s_host_set", "✅ 分享会 #{id} 的主持人改为 {name}。", {"id", "name"});
}

}  // namespace

void plan_reminder(state& st, bot::group_ref const& g, session_row const& s) {
    auto cfg = st.cfg(g);
    auto tz = st.ctx.group_tz(g);
    auto at = from_unix(s.starts_at) - cfg.remind_before;
    if (at > st.now())
        st.ctx.scheduler().schedule(remind_key(s.id), remind_handler, bot::recurrence::once(at), tz, g,
                                    std::to_string(s.id));
    auto early = from_unix(s.starts_at) - cfg.early_remind;
    if (cfg.early_remind > cfg.remind_before && early > st.now())
        st.ctx.scheduler().schedule(remind_key(s.id) + ":early", remind_handler, bot::recurrence::once(early), tz, g,
                                    std::to_string(s.id) + ":early");
}

void register_session_admin(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    texts(ctx);
    register_repeat(st);
    ctx.job("remind", [st](bot::job_run const& run) -> bot::task<> { co_await remind(st, run); });
    auto admin = bot::perm::group_admin || bot::perm::superuser;
    ctx.command({"session list", "报名名单", "分享会 名单"}, "分享会的报名和候补名单")
        .arg("编号", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto found = numbered(*st, call);
            auto text = std::holds_alternative<std::string>(found)
                            ? std::get<std::string>(found)
                            : roster_text(*st, *call.s().group(), std::get<session_row>(found), "s_roster");
            co_await call.reply(text);
        });
    ctx.command({"session cancel", "分享会 取消", "活动 取消"}, "取消分享会（管理员）")
        .arg("编号", bot::arg_kind::word, "#编号")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto const& g = *call.s().group();
            auto found = numbered(*st, call);
            if (auto* err = std::get_if<std::string>(&found)) {
                co_await call.reply(*err);
                co_return;
            }
            auto row = std::get<session_row>(found);
            bot::text_args args{{"id", row.id}, {"title", bot::shown_name(row.title)}};
            if (row.cancelled) {
                auto text = st->ctx.render(g, "s_already_cancelled", args);
                co_await call.reply(text);
                co_return;
            }
            std::vector<bot::id> users;
            st->repo.db().immediate([&] {
                st->repo.cancel_session(row.id);
                for (auto const& s : st->repo.signups(row.id)) users.push_back(s.user);
                st->ctx.scheduler().cancel(remind_key(row.id));
                st->ctx.scheduler().cancel(remind_key(row.id) + ":early");
                stop_repeat(*st, row.id);
            });
            auto text = st->ctx.render(g, "s_cancelled", args);
            co_await call.reply(text);
            if (users.empty()) co_return;
            auto head = st->ctx.render(g, "s_cancelled_notice", args);
            co_await st->ctx.mention_batches(g, head, users, st->cfg(g).max_mentions);
        });
    ctx.command({"session host", "分享会 主持"}, "指定分享会主持人（管理员）")
        .arg("编号", bot::arg_kind::word, "#编号")
        .arg("主持人", bot::arg_kind::user, "@主持人")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto const& g = *call.s().group();
            auto found = numbered(*st, call);
            if (auto* err = std::get_if<std::string>(&found)) {
                co_await call.reply(*err);
                co_return;
            }
            auto row = std::get<session_row>(found);
            auto host = call.user("主持人");
            auto name = bot::shown_name(host.str());
            if (auto api = call.s().api()) {
                auto info = co_await api->member(g.group, host);
                if (info) name = info->display_name();
            }
            st->repo.db().immediate([&] { st->repo.set_host(row.id, host, name); });
            bot::text_args args{{"id", row.id}, {"name", name}};
            auto text = st->ctx.render(g, "s_host_set", args);
            co_await call.reply(text);
        });
}

}  // namespace plugins::announce
