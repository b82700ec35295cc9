// The intake profile: a filled-in template posted in the group or in private, the guided /intro
// conversation, the reminder, /profile and the /who directory with its privacy rule.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "bot/display.hpp"
#include "bot/profile_notice.hpp"
#include "plugins/welcome/state.hpp"
#include "storage/database.hpp"

namespace plugins::welcome {

using namespace bot;

namespace {

constexpr std::size_t max_value_bytes = 300;

std::string shorten(std::string s) {
    if (s.size() <= max_value_bytes) return s;
    std::size_t cut = max_value_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "…";
}

bool is_one_of(std::string const& text, std::initializer_list<char const*> words) {
    auto f = fold(text);
    for (auto const* w : words)
        if (f == w) return true;
    return false;
}

config config_for(state& st, std::optional<group_ref> const& g) { return g ? st.cfg(*g) : st.base(); }

std::string chat_of(session const& s) { return s.group() ? s.group()->key() : std::string("private"); }

/// Sends in the session's chat; in a group it @-mentions the member so the question is not lost.
task<> say_to(session& s, std::string text) {
    message m;
    if (s.in_group()) m.at(s.user_id(), s.user_name()).text(" ");
    m.text(text);
    co_await s.send(m);
}

/// Saves profile fields with `save` and raises bot::profile_saved (labels as members see them) in
/// the same transaction, so what listeners take from it commits with the profile.
void save_and_notify(state& st, std::optional<group_ref> const& g, id const& user, std::string const& name,
                     std::vector<field_spec> const& specs, profile_values const& values,
                     std::function<void()> const& save) {
    profile_saved saved{g ? g->key() : std::string(), user, name, {}};
    for (auto const& [k, v] : values) {
        auto it = std::find_if(specs.begin(), specs.end(), [&](field_spec const& f) { return f.key == k; });
        saved.fields.emplace_back(it == specs.end() ? k : it->label(), v);
    }
    st.ctx.db().immediate([&] {
        save();
        st.ctx.notify(saved);
    });
}

/// Removes a live guide's mark when the conversation ends, however it ends.
struct live_mark {
    state_ptr st;
    std::string key;
    ~live_mark() { st->live_guides.erase(key); }
};

/// Asks the fields from `index` on, one at a time. `first` is an answer to field `index` that
/// already arrived (a conversation resumed after a restart).
task<> guided(state_ptr st, session& s, int index, std::optional<std::string> first) {
    auto g = s.group();
    auto c = config_for(*st, g);
    auto specs = parse_field_specs(c.fields);
    auto platform = s.ev().platform;
    auto user = s.user_id();
    auto encoded = user.encode();
    auto key = person_key(platform, user);
    if (st->live_guides.count(key)) {
        auto busy = st->text(g, "intro_busy");
        co_await s.reply(busy);
        co_return;
    }
    st->live_guides.insert(key);
    live_mark mark{st, key};
    auto name = s.user_name();
    auto chat = chat_of(s);
    if (g) st->repo.member_seen(g->key(), encoded, name, st->now());
    auto total = static_cast<int>(specs.size());

    auto take = [&](std::string const& answer) -> int {  // 1 go on, 0 cancelled
        auto text = trim(answer);
        if (is_one_of(text, {"取消", "cancel", "退出", "结束"})) return 0;
        if (!is_one_of(text, {"跳过", "skip", "略过"}) && !text.empty()) {
            auto const& spec = specs[static_cast<std::size_t>(index)];
            auto value = shorten(text);
            save_and_notify(*st, g, user, name, specs, {{spec.key, value}},
                            [&] { st->repo.set_field(platform, encoded, name, spec.key, value, st->now()); });
        }
        return 1;
    };

    if (first) {
        if (index < total && take(*first) == 0) {
            st->repo.drop_guided(platform, encoded);
            auto bye = st->text(g, "intro_cancelled");
            co_await s.reply(bye);
            co_return;
        }
        ++index;
    } else if (index == 0) {
        auto minutes = static_cast<long long>(std::max<std::int64_t>(1, c.intake_answer_timeout.count() / 60));
        auto hello = st->text(g, "intro_start", {{"minutes", minutes}});
        co_await s.reply(hello);
    }

    // The member's next message in this chat answers, unless it is a command: those still run.
    std::function<bool(event const&)> not_a_command = [](event const& e) {
        auto const* gm = e.as<ev::group_message>();
        auto const* pm = e.as<ev::private_message>();
        auto const* content = gm ? &gm->content : pm ? &pm->content : nullptr;
        return content && !trim(content->plain_text()).starts_with("/");
    };
    for (; index < total; ++index) {
        auto deadline = st->ctx.clock().now() + c.intake_answer_timeout;
        st->repo.set_guided(platform, encoded, {chat, index, deadline.time_since_epoch().count()});
        auto ask = st->text(g, "intro_ask", {{"index", index + 1}, {"total", total},
                                             {"label", specs[static_cast<std::size_t>(index)].label()}});
        co_await say_to(s, ask);
        auto reply = co_await s.wait_for(not_a_command, c.intake_answer_timeout);
        // The bot is stopping: the stored step resumes after the restart.
        if (reply.cancelled()) co_return;
        if (reply.timed_out()) {
            st->repo.drop_guided(platform, encoded);
            auto late = st->text(g, "intro_timeout");
            co_await say_to(s, late);
            co_return;
        }
        auto const* m = reply->as<ev::group_message>();
        auto const* p = reply->as<ev::private_message>();
        auto text = m ? m->content.text_only() : p ? p->content.text_only() : std::string();
        if (take(text) == 0) {
            st->repo.drop_guided(platform, encoded);
            auto bye = st->text(g, "intro_cancelled");
            co_await say_to(s, bye);
            co_return;
        }
    }
    st->repo.drop_guided(platform, encoded);
    auto saved = st->repo.find_profile(platform, encoded);
    auto summary = saved ? describe_profile(*saved, specs, {}) : std::string();
    auto done = st->text(g, "intro_done", {{"profile", summary}});
    co_await say_to(s, done);
}

task<> intro(state_ptr st, command_call& call) { co_await guided(st, call.s(), 0, std::nullopt); }

/// A message that is not a command: a guided answer after a restart, or a filled-in template.
task<> on_message(state_ptr st, session& s) {
    if (s.handled_by_command || s.stopped() || !s.content()) co_return;
    auto platform = s.ev().platform;
    auto user = s.user_id();
    auto encoded = user.encode();
    auto text = s.content()->text_only();
    if (auto gs = st->repo.guided(platform, encoded);
        gs && gs->chat == chat_of(s) && !st->live_guides.count(person_key(platform, user))) {
        if (gs->deadline >= st->now()) {
            s.stop();
            std::optional<std::string> answer = text;
            co_await guided(st, s, gs->field_index, answer);
            co_return;
        }
        st->repo.drop_guided(platform, encoded);
    }
    // An introduction needs at least one labelled field; plain chat stops here, before the config.
    if (!may_hold_profile(text)) co_return;
    auto g = s.group();
    auto c = config_for(*st, g);
    if (!c.intake) co_return;
    auto specs = parse_field_specs(c.fields);
    auto values = parse_profile(text, specs);
    if (static_cast<int>(values.size()) < c.intake_min_fields) co_return;
    for (auto& [k, v] : values) v = shorten(v);
    auto name = s.user_name();
    save_and_notify(*st, g, user, name, specs, values,
                    [&] { st->repo.save_profile(platform, encoded, name, values, st->now()); });
    if (g) {
        st->repo.member_seen(g->key(), encoded, name, st->now());
        std::vector<mention> people{{user, name}};
        auto saved = st->text(g, "intake_saved", {{"at", mention_marker(0)}, {"name", name}});
        auto msg = splice_mentions(saved, people);
        co_await s.send(msg);
    } else {
        auto p = st->repo.find_profile(platform, encoded);
        auto saved = st->text(g, "intake_saved_private", {{"profile", p ? describe_profile(*p, specs, {}) : ""}});
        co_await s.reply(saved);
    }
}

task<> on_remind(state_ptr st, job_run const& run) {
    if (!run.group) co_return;
    auto g = *run.group;
    auto c = st->cfg(g);
    // An introduction posted without @-ing the bot is not seen where it sees only @-messages.
    if (!c.intake || !sees_all(*st, g)) co_return;
    std::vector<mention> people;
    std::string names;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= run.payload.size(); ++i) {
        if (i < run.payload.size() && run.payload[i] != '\n') continue;
        auto u = run.payload.substr(start, i - start);
        start = i + 1;
        if (u.empty() || !st->repo.is_member(g.key(), u) || st->repo.find_profile(g.platform, u)) continue;
        auto name = st->repo.name_of(g.key(), u).value_or(u);
        people.push_back({id::decode(u), name});
        names += (names.empty() ? "" : "、") + name;
    }
    if (people.empty()) co_return;
    auto specs = parse_field_specs(c.fields);
    auto text = st->text(g, "remind", {{"at", mention_markers(people.size())}, {"name", names},
                                       {"template", blank_template(specs)}});
    auto msg = splice_mentions(text, people);
    co_await send_to(st, g, msg);
    auto hours = static_cast<long long>(c.remind_after.count() / 3600);
    auto notice = st->text(g, "remind_admins", {{"hours", hours}, {"names", names}});
    co_await notify_admins(st, g, notice);
}

task<> show_or_edit(state_ptr st, command_call& call) {
    auto& s = call.s();
    auto g = s.group();
    auto c = config_for(*st, g);
    auto specs = parse_field_specs(c.fields);
    auto platform = s.ev().platform;
    auto encoded = s.user_id().encode();
    auto name = s.user_name();
    auto body = trim(call.text("内容"));
    if (g) st->repo.member_seen(g->key(), encoded, name, st->now());
    std::string out;
    if (body.empty()) {
        if (auto p = st->repo.find_profile(platform, encoded))
            out = st->text(g, "profile_show", {{"name", name}, {"profile", describe_profile(*p, specs, {})}});
        else
            out = st->text(g, "profile_empty", {{"template", blank_template(specs)}});
    } else if (is_one_of(body, {"删除", "delete", "clear", "清空"})) {
        profile_values cleared;  // every field, empty: listeners drop what they took from it
        for (auto const& spec : specs) cleared[spec.key] = "";
        save_and_notify(*st, g, s.user_id(), name, specs, cleared,
                        [&] { st->repo.delete_profile(platform, encoded); });
        out = st->text(g, "profile_deleted");
    } else if (auto values = parse_profile(body, specs); !values.empty()) {
        for (auto& [k, v] : values) v = shorten(v);
        save_and_notify(*st, g, s.user_id(), name, specs, values,
                        [&] { st->repo.save_profile(platform, encoded, name, values, st->now()); });
        auto p = st->repo.find_profile(platform, encoded);
        out = st->text(g, "intake_saved_private", {{"profile", p ? describe_profile(*p, specs, {}) : ""}});
    } else {
        auto sp = body.find_first_of(" \n\t");
        auto word = body.substr(0, sp);
        auto value = sp == std::string::npos ? std::string() : shorten(trim(body.substr(sp)));
        if (auto f = find_field(specs, word)) {
            save_and_notify(*st, g, s.user_id(), name, specs, {{f->key, value}},
                            [&] { st->repo.set_field(platform, encoded, name, f->key, value, st->now()); });
            out = value.empty() ? st->text(g, "profile_cleared", {{"label", f->label()}})
                                : st->text(g, "profile_updated", {{"label", f->label()}, {"value", value}});
        } else {
            std::string labels;
            for (auto const& sp2 : specs) labels += (labels.empty() ? "" : "、") + sp2.label();
            out = st->text(g, "profile_unknown", {{"labels", labels}});
        }
    }
    co_await call.reply(out);
}

task<> who(state_ptr st, command_call& call) {
    auto& s = call.s();
    auto g = *s.group();
    auto c = st->cfg(g);
    auto specs = parse_field_specs(c.fields);
    auto keyword = trim(call.text("关键词"));
    auto known = co_await member_count(st, g);
    // Without the platform's count the seed phase cannot be proven: privacy wins.
    auto count = known ? *known : std::max(st->repo.member_count(g.key()), c.privacy_threshold);
    bool admin = perm::admin(s);
    bool above = count >= c.privacy_threshold;
    bool hide = hide_private(count, c.privacy_threshold, admin);
    auto hidden = hide ? c.private_fields : std::vector<std::string>{};
    auto found = search(st->repo.directory(g.key(), s.ev().platform), keyword, hidden,
                        static_cast<std::size_t>(c.who_max));
    if (found.empty()) {
        auto none = st->text(g, "who_none", {{"keyword", keyword}});
        co_await call.reply(none);
        co_return;
    }
    auto is_hidden = [&](std::string const& k) { return std::find(hidden.begin(), hidden.end(), k) != hidden.end(); };
    std::string lines;
    for (std::size_t i = 0; i < found.size(); ++i) {
        auto index = static_cast<long long>(i + 1);
        auto head = is_hidden("name") ? st->text(g, "who_anonymous", {{"index", index}})
                                      : std::to_string(index) + ". " + bot::shown_name(found[i].name);
        std::string fields;
        for (auto const& spec : specs) {
            auto it = found[i].values.find(spec.key);
            if (it == found[i].values.end() || is_hidden(spec.key)) continue;
            fields += (fields.empty() ? "" : "；") + spec.label() + "：" + it->second;
        }
        lines += (lines.empty() ? "" : "\n") + head + (fields.empty() ? "" : "\n   " + fields);
    }
    auto text = st->text(g, "who_results", {{"keyword", keyword}, {"count", static_cast<long long>(found.size())},
                                            {"results", lines}});
    if (hide) text += "\n" + st->text(g, "who_hidden_note", {{"threshold", c.privacy_threshold}});
    if (admin && above) {
        // Past the seed phase an admin's full view must not land in the group: it goes in private.
        bot::result<id> sent = error{errc::not_connected, ""};
        if (auto a = s.api()) {
            auto to = target::user_of(s.user_id());
            message m(text);
            sent = co_await a->send(to, m);
        }
        auto note = st->text(g, sent ? "who_sent_private" : "who_private_failed");
        co_await call.reply(note);
        co_return;
    }
    co_await call.reply(text);
}

}  // namespace

void register_intake(state_ptr st) {
    auto& ctx = st->ctx;
    ctx.job("remind", [st](job_run const& run) { return on_remind(st, run); });
    ctx.on<ev::group_message>([st](session& s, ev::group_message const&) { return on_message(st, s); });
    ctx.on<ev::private_message>([st](session& s, ev::private_message const&) { return on_message(st, s); });
    ctx.command({"intro", "自我介绍", "登记"}, "一项一项登记你的入群资料")
        .handle([st](command_call& call) { return intro(st, call); });
    ctx.command({"profile", "我的资料", "资料"}, "查看或修改你的入群资料")
        .optional_arg("内容", arg_kind::text, "字段 内容，如：擅长 设计；或 删除")
        .example("/profile 擅长 设计、插画")
        .handle([st](command_call& call) { return show_or_edit(st, call); });
    ctx.command({"who", "找人"}, "按关键词在群成员资料里找人")
        .arg("关键词", arg_kind::text, "如：设计")
        .where(rule::in_group)
        .example("/who 设计")
        .handle([st](command_call& call) { return who(st, call); });
}

}  // namespace plugins::welcome
