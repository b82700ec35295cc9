// The chat commands: the bank (add, list, remove), suggestions (suggest, pending, approve, reject)
// and a topic on demand (now). Each refusal is a keyed text and changes nothing.
#include <fmt/format.h>

#include <algorithm>

#include "bot/display.hpp"
#include "bot/utf8.hpp"
#include "plugins/topics/glue.hpp"
#include "storage/database.hpp"

namespace plugins::topics {

namespace {

using bot::arg_kind;

/// How many topics /topic list and /topic pending print; the console shows them all.
constexpr int listed_at_most = 30;
/// Suggestions one member may have waiting at once.
constexpr int pending_per_member = 5;
/// The longest topic printed, in bytes (a topic is at most max_topic_chars characters).
constexpr std::size_t shown_bytes = 800;

std::string joined(std::vector<std::string> const& items) {
    std::string out;
    for (auto const& i : items) out += (out.empty() ? "" : "、") + i;
    return out;
}

std::string shown(std::string const& text) {
    return bot::shown_text(text, shown_bytes);
}

/// Topics in the order of the configured categories (any other after them), then by number.
void sort_by_category(std::vector<topic_row>& rows, std::vector<std::string> const& categories) {
    auto rank = [&](std::string const& c) {
        auto it = std::find(categories.begin(), categories.end(), c);
        return std::make_pair(static_cast<std::size_t>(it - categories.begin()), c);
    };
    std::stable_sort(rows.begin(), rows.end(), [&](auto const& a, auto const& b) {
        return std::make_pair(rank(a.category), a.number) < std::make_pair(rank(b.category), b.number);
    });
}

/// A topic as typed, checked; the refusal to reply when it is not fit.
struct checked {
    std::string category;
    std::string text;
    std::string refusal;
};

checked check_topic(state& st, bot::group_ref const& g, std::string const& input, std::string const& usage) {
    auto cfg = st.cfg(g);
    auto typed = read_topic(input, cfg.categories);
    checked out;
    if (!typed.unknown.empty()) {
        bot::text_args args{{"category", bot::shown_name(typed.unknown)}, {"categories", joined(cfg.categories)}};
        out.refusal = st.ctx.render(g, "unknown_category", args);
    } else if (typed.text.empty()) {
        bot::text_args args{{"usage", usage}};
        out.refusal = st.ctx.render(g, "empty", args);
    } else if (auto n = bot::code_points(typed.text); n > max_topic_chars) {
        bot::text_args args{{"count", static_cast<int>(n)}, {"max", static_cast<int>(max_topic_chars)}};
        out.refusal = st.ctx.render(g, "too_long", args);
    }
    out.category = typed.category.empty() ? cfg.categories.front() : typed.category;
    out.text = bot::printable(typed.text);
    return out;
}

/// The reply to a topic that reads like one already pending or in the bank.
std::string duplicate(state& st, bot::group_ref const& g, topic_row const& r) {
    bot::text_args args{{"number", r.number}, {"topic", shown(r.text)}};
    return st.ctx.render(g, r.state == topic_state::pending ? "duplicate_pending" : "duplicate", args);
}

/// Stores a topic (or a suggestion) unless a live one reads alike; the reply.
std::string store(state& st, bot::session& s, checked const& c, topic_state how, int& number) {
    auto const& g = *s.group();
    auto gk = g.key();
    std::string reply;
    st.repo.db().immediate([&] {
        if (auto dup = st.repo.find_live(gk, c.text)) {
            reply = duplicate(st, g, *dup);
            return;
        }
        if (how == topic_state::pending && st.repo.pending_of(gk, s.user_id()) >= pending_per_member) {
            bot::text_args args{{"count", pending_per_member}};
            reply = st.ctx.render(g, "too_many_pending", args);
            return;
        }
        new_topic t{c.category, c.text, how, s.user_id(), s.user_name(), st.unix(s.now())};
        number = st.repo.add(gk, t);
        bot::text_args args{{"number", number}, {"category", c.category}, {"topic", shown(c.text)}};
        reply = st.ctx.render(g, how == topic_state::pending ? "suggested" : "added", args);
    });
    return reply;
}

bot::task<> add(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto c = check_topic(*st, *s.group(), call.text("内容"), "/topic add [分类] 内容");
    int number = 0;
    auto reply = c.refusal.empty() ? store(*st, s, c, topic_state::active, number) : c.refusal;
    co_await s.reply(reply);
    if (number) bank_changed(*st, *s.group(), true);
}

bot::task<> suggest(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    auto c = check_topic(*st, g, call.text("内容"), "/topic suggest [分类] 内容");
    int number = 0;
    auto reply = c.refusal.empty() ? store(*st, s, c, topic_state::pending, number) : c.refusal;
    co_await s.reply(reply);
    if (!number) co_return;
    bot::text_args args{
        {"name", s.user_name()}, {"number", number}, {"category", c.category}, {"topic", shown(c.text)}};
    auto note = st->ctx.render(g, "suggest_admins", args);
    co_await st->ctx.tell_admins(g, note);
}

std::string list(state& st, bot::group_ref const& g, std::string const& wanted) {
    auto cfg = st.cfg(g);
    std::optional<std::string> only;
    if (!wanted.empty()) {
        only = find_category(wanted, cfg.categories);
        if (!only) {
            bot::text_args args{{"category", bot::shown_name(wanted)}, {"categories", joined(cfg.categories)}};
            return st.ctx.render(g, "unknown_category", args);
        }
    }
    auto bank = st.repo.in_state(g.key(), topic_state::active);
    std::vector<topic_row> rows;
    for (auto& r : bank)
        if (!only || r.category == *only) rows.push_back(std::move(r));
    sort_by_category(rows, cfg.categories);
    if (rows.empty()) {
        bot::text_args args{{"category", only.value_or("")}};
        return st.ctx.render(g, only ? "list_empty_category" : "list_empty", args);
    }
    bot::text_args head{{"count", static_cast<int>(rows.size())}};
    auto out = st.ctx.render(g, "list_head", head);
    std::string category;
    int printed = 0;
    for (auto const& r : rows) {
        if (printed == listed_at_most) break;
        if (r.category != category || printed == 0) {
            category = r.category;
            bot::text_args args{{"category", category}};
            out += "\n" + st.ctx.render(g, "list_category", args);
        }
        bot::text_args args{{"number", r.number}, {"topic", bot::shown_name(r.text, 120)}, {"posts", r.posts}};
        out += "\n" + st.ctx.render(g, "list_line", args);
        ++printed;
    }
    if (static_cast<int>(rows.size()) > printed) {
        bot::text_args args{{"count", static_cast<int>(rows.size()) - printed}};
        out += "\n" + st.ctx.render(g, "list_more", args);
    }
    return out;
}

std::string pending(state& st, bot::group_ref const& g) {
    auto rows = st.repo.in_state(g.key(), topic_state::pending);
    std::sort(rows.begin(), rows.end(), [](auto const& a, auto const& b) { return a.number < b.number; });
    if (rows.empty()) return st.ctx.render(g, "pending_none");
    bot::text_args head{{"count", static_cast<int>(rows.size())}};
    auto out = st.ctx.render(g, "pending_head", head);
    int printed = 0;
    for (auto const& r : rows) {
        if (printed++ == listed_at_most) break;
        bot::text_args args{{"number", r.number},
                            {"category", r.category},
                            {"topic", bot::shown_name(r.text, 120)},
                            {"name", bot::shown_name(r.author_name)}};
        out += "\n" + st.ctx.render(g, "pending_line", args);
    }
    return out;
}

/// Moves the topic named by `word` from `from` to `to`; the reply either way.
std::string decide(state& st, bot::session& s, std::string const& word, topic_state from, topic_state to,
                   std::string const& done_key) {
    auto const& g = *s.group();
    auto number = parse_number(word);
    if (!number) return st.ctx.render(g, from == topic_state::pending ? "bad_number_pending" : "bad_number");
    std::string reply;
    st.repo.db().immediate([&] {
        bot::text_args args{{"number", *number}};
        auto row = st.repo.find(g.key(), *number);
        if (!row || row->state == topic_state::removed || row->state == topic_state::rejected) {
            reply = st.ctx.render(g, "not_found", args);
            return;
        }
        if (row->state != from) {
            reply = st.ctx.render(g, from == topic_state::pending ? "not_pending" : "remove_pending", args);
            return;
        }
        st.repo.move(g.key(), *number, from, to, s.user_id().encode(), st.unix(s.now()));
        args.push_back({"topic", shown(row->text)});
        args.push_back({"category", row->category});
        reply = st.ctx.render(g, done_key, args);
    });
    return reply;
}

bot::task<> now(std::shared_ptr<state> st, bot::command_call& call) {
    auto& s = call.s();
    auto const& g = *s.group();
    std::optional<taken> post;
    st->repo.db().immediate([&] { post = take_topic(*st, g, s.now(), "now", s.user_id().encode()); });
    if (!post) {
        auto text = st->ctx.render(g, "now_empty");
        co_await s.reply(text);
        co_return;
    }
    auto msg = bot::message(post->text);
    co_await s.send(msg);
}

}  // namespace

void register_commands(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;
    auto admin = bot::perm::group_admin || bot::perm::superuser;
    auto in_group = bot::rule::in_group;

    ctx.command({"topic", "话题"}, "话题库：群里安静时由机器人抛出话题")
        .optional_arg("子命令", arg_kind::text)
        .where(in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = st->ctx.render(call.s().group(), "help");
            co_await call.reply(text);
        });
    ctx.command({"topic add", "话题 添加"}, "把一个话题加入话题库（管理员）")
        .optional_arg("内容", arg_kind::text, "[分类] 话题内容")
        .where(in_group)
        .permit(admin)
        .example("/topic add 专业 你最近读到的好文章是什么？")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await add(st, call); });
    ctx.command({"topic list", "话题 列表"}, "查看话题库")
        .optional_arg("分类", arg_kind::word)
        .where(in_group)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = list(*st, *call.s().group(), call.text("分类"));
            co_await call.reply(text);
        });
    ctx.command({"topic remove", "话题 删除"}, "从话题库删除一个话题（管理员）")
        .optional_arg("编号", arg_kind::word, "#编号，见 /topic list")
        .where(in_group)
        .permit(admin)
        .example("/topic remove #3")
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = decide(*st, call.s(), call.text("编号"), topic_state::active, topic_state::removed, "removed");
            co_await call.reply(text);
            bank_changed(*st, *call.s().group(), false);
        });
    ctx.command({"topic suggest", "话题 投稿"}, "投稿一个话题，管理员审核后加入话题库")
        .optional_arg("内容", arg_kind::text, "[分类] 话题内容")
        .where(in_group)
        .example("/topic suggest 周末大家都怎么充电？")
        .handle([st](bot::command_call& call) -> bot::task<> { co_await suggest(st, call); });
    ctx.command({"topic pending", "话题 待审"}, "查看待审核的话题投稿（管理员）")
        .where(in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = pending(*st, *call.s().group());
            co_await call.reply(text);
        });
    ctx.command({"topic approve", "话题 通过"}, "通过一个话题投稿（管理员）")
        .optional_arg("编号", arg_kind::word, "#编号，见 /topic pending")
        .where(in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text = decide(*st, call.s(), call.text("编号"), topic_state::pending, topic_state::active, "approved");
            co_await call.reply(text);
            bank_changed(*st, *call.s().group(), true);
        });
    ctx.command({"topic reject", "话题 拒绝"}, "拒绝一个话题投稿（管理员）")
        .optional_arg("编号", arg_kind::word, "#编号，见 /topic pending")
        .where(in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> {
            auto text =
                decide(*st, call.s(), call.text("编号"), topic_state::pending, topic_state::rejected, "rejected");
            co_await call.reply(text);
        });
    ctx.command({"topic now", "话题 现在"}, "马上发一个话题（管理员）")
        .where(in_group)
        .permit(admin)
        .handle([st](bot::command_call& call) -> bot::task<> { co_await now(st, call); });
}

}  // namespace plugins::topics
