// /announce: drafts with a preview, confirmation, list, pause, resume, edit and cancel. Sending is
// in sending.cpp.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

constexpr std::string_view all_flag = "--all";

/// "schedule | text" split at the first bar ('|' or '｜').
std::optional<std::pair<std::string, std::string>> split_first(std::string_view s) {
    auto ascii = s.find('|');
    auto wide = s.find("\xEF\xBD\x9C");
    auto at = std::min(ascii, wide);
    if (at == std::string_view::npos) return std::nullopt;
    auto width = at == ascii ? 1 : 3;
    auto parts = split_bar(s.substr(0, at));
    auto rest = s.substr(at + static_cast<std::size_t>(width));
    std::string body(rest);
    while (!body.empty() && (body.front() == ' ' || body.front() == '\n')) body.erase(0, 1);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\n')) body.pop_back();
    return std::pair{parts.front(), body};
}

std::string state_word(state& st, bot::group_ref const& g, item_state s) {
    switch (s) {
        case item_state::draft:
            return st.ctx.render(g, "state_draft");
        case item_state::active:
            return st.ctx.render(g, "state_active");
        case item_state::paused:
            return st.ctx.render(g, "state_paused");
        default:
            return st.ctx.render(g, "state_over");
    }
}

std::string next_words(state& st, bot::group_ref const& g, std::optional<std::int64_t> next) {
    return next ? st.when(g, *next) : st.ctx.render(g, "never");
}

/// Checks "schedule | text" and stores it as the draft of `existing` (or a new announcement);
/// returns the reply: the preview, or what is wrong (and then nothing changed).
/// `all_allowed`: whether the bot may @all in the group (asked only when the input has --all).
std::string make_draft(state& st, bot::session& s, std::optional<item> const& existing, std::string input,
                       bool all_allowed) {
    auto const& g = *s.group();
    bool mention_all = asks_for_all(input);
    if (mention_all) {
        if (!all_allowed) return st.ctx.render(g, "no_all");
        input = input.substr(input.find_first_not_of(" \t") + all_flag.size());
    }
    auto split = split_first(input);
    if (!split) return st.ctx.render(g, "need_bar");
    auto const& [rule_text, body] = *split;
    if (body.empty()) return st.ctx.render(g, "empty_body");
    if (body.size() > max_body) {
        bot::text_args args{{"max", static_cast<int>(max_body)}};
        return st.ctx.render(g, "too_long", args);
    }
    auto parsed = parse_schedule(rule_text, s.local_time().date);
    bot::text_args quoted{{"schedule", bot::shown_name(rule_text, 80)}};
    if (!parsed.value) {
        switch (parsed.error) {
            case schedule_error::bad_time:
                return st.ctx.render(g, "bad_time", quoted);
            case schedule_error::never_fires:
                return st.ctx.render(g, "never_fires", quoted);
            default:
                return st.ctx.render(g, "unreadable", quoted);
        }
    }
    auto tz = st.ctx.group_tz(g);
    auto times = parsed.value->next_times(st.now(), tz, 3);
    if (times.empty()) return st.ctx.render(g, "past", quoted);
    auto canonical = parsed.value->str();
    std::int64_t id = 0;
    st.repo.db().immediate([&] {
        if (existing) {
            id = existing->id;
            st.repo.set_draft(id, canonical, body, mention_all);
        } else {
            id = st.repo.add_draft(g.key(), canonical, body, s.user_id().encode(), to_unix(st.now()), mention_all);
        }
    });
    std::string lines;
    for (auto t : times) lines += (lines.empty() ? "" : "\n") + st.when(g, t);
    bot::text_args args{{"id", id},
                        {"schedule", st.words(g, *parsed.value)},
                        {"times", lines},
                        {"text", bot::shown_text(body, max_body)},
                        {"all", mention_all ? st.ctx.render(g, "preview_all") : std::string()}};
    return st.ctx.render(g, existing && existing->state != item_state::draft ? "preview_edit" : "preview", args);
}

/// The announcement named by the argument, or the reply saying why there is none.
std::variant<item, std::string> named(state& st, bot::command_call& call) {
    auto const& g = *call.s().group();
    auto n = item_number(call.text("编号"));
    if (!n) return st.ctx.render(g, "bad_number");
    auto found = st.repo.find(*n, g.key());
    if (!found || found->state == item_state::cancelled || found->state == item_state::finished) {
        bot::text_args args{{"id", *n}};
        return st.ctx.render(g, "not_found", args);
    }
    return *found;
}

std::string conflict(state& st, bot::group_ref const& g, item const& it) {
    bot::text_args args{{"id", it.id}, {"state", state_word(st, g, it.state)}};
    return st.ctx.render(g, "state_conflict", args);
}

std::string list(state& st, bot::group_ref const& g) {
    auto items = st.repo.live(g.key());
    if (items.empty()) return st.ctx.render(g, "list_none");
    std::string lines;
    for (auto const& it : items) {
        auto rule = it.state == item_state::draft ? it.draft_rule.value_or("") : it.rule;
        auto parsed = parse_schedule(rule, {});
        auto body = it.state == item_state::draft ? it.draft_body.value_or("") : it.body;
        bot::text_args args{{"id", it.id},
                            {"state", state_word(st, g, it.state)},
                            {"schedule", parsed.value ? st.words(g, *parsed.value) : rule},
                            {"next", it.state == item_state::active ? next_words(st, g, it.next_at) : "—"},
                            {"text", bot::shown_name(body, 60)}};
        lines += (lines.empty() ? "" : "\n") + st.ctx.render(g, "list_line", args);
    }
    bot::text_args args{{"count", static_cast<int>(items.size())}, {"list", lines}};
    return st.ctx.render(g, "list", args);
}

/// The reply to one of the commands that name an announcement.
std::string act(state& st, bot::command_call& call, std::string const& what) {
    auto const& g = *call.s().group();
    auto found = named(st, call);
    if (auto* err = std::get_if<std::string>(&found)) return *err;
    auto it = std::get<item>(found);
    bot::text_args id_arg{{"id", it.id}};
    if (what == "ok") {
        if (!it.draft_rule || !it.draft_body) return st.ctx.render(g, "no_draft", id_arg);
        auto parsed = parse_schedule(*it.draft_rule, {});
        auto next = parsed.value ? parsed.value->next_after(st.now(), st.ctx.group_tz(g)) : std::nullopt;
        if (!next) {
            bot::text_args args{{"schedule", parsed.value ? st.words(g, *parsed.value) : *it.draft_rule}};
            return st.ctx.render(g, "past", args);
        }
        st.repo.db().immediate([&] {
            st.repo.confirm(it.id);
            st.repo.set_next(it.id, to_unix(*next));
            plan(st, g, it.id, next);
        });
        bot::text_args args{{"id", it.id}, {"next", st.when(g, *next)}};
        return st.ctx.render(g, "confirmed", args);
    }
    if (what == "discard") {
        if (!it.draft_rule) return st.ctx.render(g, "no_draft", id_arg);
        st.repo.db().immediate([&] {
            st.repo.set_draft(it.id, std::nullopt, std::nullopt);
            if (it.state == item_state::draft) st.repo.set_state(it.id, item_state::cancelled);
        });
        return st.ctx.render(g, "discarded", id_arg);
    }
    if (what == "pause") {
        if (it.state != item_state::active) return conflict(st, g, it);
        st.repo.db().immediate([&] {
            st.repo.set_state(it.id, item_state::paused);
            st.repo.set_next(it.id, std::nullopt);
            plan(st, g, it.id, std::nullopt);
        });
        return st.ctx.render(g, "paused", id_arg);
    }
    if (what == "resume") {
        if (it.state != item_state::paused) return conflict(st, g, it);
        auto parsed = parse_schedule(it.rule, {});
        auto next = parsed.value ? parsed.value->next_after(st.now(), st.ctx.group_tz(g)) : std::nullopt;
        if (!next) return st.ctx.render(g, "resume_past", id_arg);
        st.repo.db().immediate([&] {
            st.repo.set_state(it.id, item_state::active);
            st.repo.set_next(it.id, to_unix(*next));
            plan(st, g, it.id, next);
        });
        bot::text_args args{{"id", it.id}, {"next", st.when(g, *next)}};
        return st.ctx.render(g, "resumed", args);
    }
    // cancel
    st.repo.db().immediate([&] {
        st.repo.set_state(it.id, item_state::cancelled);
        st.repo.set_next(it.id, std::nullopt);
        plan(st, g, it.id, std::nullopt);
    });
    return st.ctx.render(g, "cancelled", id_arg);
}

void texts(bot::plugin_context& ctx) {
    ctx.text("preview",
             "📝 公告草稿 #{id}（还没生效）\n⏰ {schedule}\n接下来发送：\n{times}\n📄 内容：\n{text}\n{all}"
             "确认：/announce ok #{id}　放弃：/announce discard #{id}",
             {"id", "schedule", "times", "text", "all"});
    ctx.text("preview_edit",
             "📝 公告 #{id} 的修改（还没生效，原来的照常发送）\n⏰ {schedule}\n接下来发送：\n{times}\n📄 内容：\n{text}\n"
             "{all}确认修改：/announce ok #{id}　放弃修改：/announce discard #{id}",
             {"id", "schedule", "times", "text", "all"});
    ctx.text("preview_all", "📣 发送时 @全体成员\n");
    ctx.text("need_bar", "❓ 格式是：/announce add 时间 | 内容，例如 /announce add 每天 08:00 | 早安，今天也要输出哦");
    ctx.text("empty_body", "❓ 公告内容不能为空，没有保存。");
    ctx.text("too_long", "❓ 公告内容太长了（最多 {max} 字节），没有保存。", {"max"});
    ctx.text("unreadable",
             "❓ 看不懂时间「{schedule}」，没有保存。可以写：2026-03-04 20:00、每天 08:00、每周一三五 20:00、"
             "每月15日 09:00、每3天 09:00（英文 at 2026-03-04 20:00、daily 08:00、weekly mon,wed,fri 20:00、"
             "monthly 15 09:00、every 3d 09:00）。",
             {"schedule"});
    ctx.text("bad_time", "❓「{schedule}」里的时刻不对，请写 24 小时制的 HH:MM，如 08:00。没有保存。", {"schedule"});
    ctx.text("never_fires", "❓「{schedule}」永远不会发出去（比如每 0 天、每月 0 日或 32 日），没有保存。",
             {"schedule"});
    ctx.text("past", "❓「{schedule}」已经过去了，不会再发，没有保存。", {"schedule"});
    ctx.text("no_all",
             "❓ 不能 @全体成员：机器人要是本群的管理员或群主（并且平台能查到它的身份）才行，没有保存。"
             "去掉 --all 再试。");
    ctx.text("bad_number", "❓ 请写公告编号，如 #3（/announce list 可以查看）。");
    ctx.text("not_found", "❓ 本群没有公告 #{id}（/announce list 可以查看）。", {"id"});
    ctx.text("no_draft", "❓ 公告 #{id} 没有待确认的草稿。", {"id"});
    ctx.text("confirmed", "✅ 公告 #{id} 已生效，下次发送：{next}。", {"id", "next"});
    ctx.text("discarded", "🗑 已放弃公告 #{id} 的草稿。", {"id"});
    ctx.text("paused", "⏸ 公告 #{id} 已暂停，/announce resume #{id} 可恢复。", {"id"});
    ctx.text("resumed", "▶️ 公告 #{id} 已恢复，下次发送：{next}。", {"id", "next"});
    ctx.text("resume_past", "❓ 公告 #{id} 的时间已经过去，恢复不了；用 /announce edit #{id} 改个时间。", {"id"});
    ctx.text("cancelled", "🛑 公告 #{id} 已取消，不会再发送。", {"id"});
    ctx.text("state_conflict", "❓ 公告 #{id} 现在是「{state}」，不能这样操作。", {"id", "state"});
    ctx.text("state_draft", "草稿");
    ctx.text("state_active", "进行中");
    ctx.text("state_paused", "已暂停");
    ctx.text("state_over", "已结束");
    ctx.text("never", "不再发送");
    ctx.text("list", "📢 本群公告（{count} 条）：\n{list}", {"count", "list"});
    ctx.text("list_line", "#{id}【{state}】{schedule}，下次 {next}：{text}",
             {"id", "state", "schedule", "next", "text"});
    ctx.text("list_none", "📢 本群还没有公告。/announce add 时间 | 内容 可以新建。");
}

}  // namespace

void register_announcements(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    texts(ctx);
    register_sending(st);
    auto admin = bot::perm::group_admin || bot::perm::superuser;
    ctx.command({"announce add", "公告 添加", "公告 新建"}, "新建定时公告（先预览，确认后生效）")
        .arg("时间与内容", bot::arg_kind::text, "时间 | 内容")
        .example("/announce add 每周一三五 20:00 | 今晚八点分享会，不见不散")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto input = call.text("时间与内容");
            bool allowed = false;
            if (asks_for_all(input)) allowed = co_await may_mention_all(*st, *call.s().group());
            auto text = make_draft(*st, call.s(), std::nullopt, input, allowed);
            co_await call.reply(text);
        });
    ctx.command({"announce edit", "公告 修改"}, "修改公告（先预览，确认后生效）")
        .arg("编号", bot::arg_kind::word, "#编号")
        .arg("时间与内容", bot::arg_kind::text, "时间 | 内容")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto found = named(*st, call);
            auto input = call.text("时间与内容");
            bool allowed = false;
            if (asks_for_all(input)) allowed = co_await may_mention_all(*st, *call.s().group());
            auto text = std::holds_alternative<std::string>(found)
                            ? std::get<std::string>(found)
                            : make_draft(*st, call.s(), std::get<item>(found), input, allowed);
            co_await call.reply(text);
        });
    ctx.command({"announce", "公告", "announce list", "公告 列表"}, "本群的定时公告")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = list(*st, *call.s().group());
            co_await call.reply(text);
        });
    auto verb = [&ctx, st, admin](std::string what, std::initializer_list<std::string> names, std::string help) {
        ctx.command(names, std::move(help))
            .arg("编号", bot::arg_kind::word, "#编号")
            .where(bot::rule::in_group)
            .permit(admin)
            .handle([st, what](bot::command_call& call) -> bot::task<> {
                auto text = act(*st, call, what);
                co_await call.reply(text);
            });
    };
    verb("ok", {"announce ok", "公告 确认"}, "确认公告草稿或修改");
    verb("discard", {"announce discard", "公告 放弃"}, "放弃公告草稿或修改");
    verb("pause", {"announce pause", "公告 暂停"}, "暂停公告");
    verb("resume", {"announce resume", "公告 恢复"}, "恢复暂停的公告");
    verb("cancel", {"announce cancel", "公告 取消"}, "取消公告");
}

}  // namespace plugins::announce
