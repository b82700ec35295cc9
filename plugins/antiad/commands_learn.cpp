// The admin commands that teach the group: /误判 (a wrong action is undone and its text passes
// from then on), /ad (a missed ad is acted on and similar messages are caught), and the list of
// what was learned.
#include <fmt/format.h>

#include "bot/core.hpp"
#include "plugins/antiad/command_support.hpp"
#include "plugins/antiad/commands.hpp"
#include "plugins/antiad/explain.hpp"

namespace plugins::antiad {

using bot::arg_kind;
using bot::command_call;
using bot::task;

namespace {

/// The most passes a group keeps; each is one exact text, so this only bounds a runaway.
constexpr std::int64_t max_passes = 1000;

std::optional<bot::id> replied_to(bot::session const& s) {
    auto const* m = s.content();
    if (!m) return std::nullopt;
    if (auto r = m->first<bot::seg::reply>()) return r->message;
    return std::nullopt;
}

/// Whether the rule's text is something a member wrote (not a QR payload or a card).
bool teachable(incident const& i) {
    return !i.normalized.empty() && i.rule != "qr" && i.rule != "newcomer.qr";
}

/// Whether the sender is an admin of `g`, asked of the platform (for a command sent in private).
task<bool> admin_of(bot::session& s, moderation& mod, bot::group_ref const& g) {
    if (mod.ctx().is_superuser(g.platform, s.user_id())) co_return true;
    auto api = mod.ctx().api_for(g);
    if (!api) co_return false;
    auto gid = g.group;
    auto user = s.user_id();
    auto m = co_await api->member(gid, user);
    co_return m && m->role != bot::role::member;
}

}  // namespace

task<std::string> undo_incident(moderation& mod, bot::session& s, std::optional<std::int64_t> number) {
    auto& ctx = mod.ctx();
    auto here = s.group();
    std::optional<incident> inc;
    if (number) {
        inc = mod.repo().find_incident(*number);
    } else {
        auto replied = replied_to(s);
        if (!replied) co_return ctx.render(here, "wrong_usage");
        inc = mod.repo().incident_by_message(replied->encode());
    }
    std::optional<bot::group_ref> g;
    if (inc) g = ctx.find_group(inc->group);
    // Elsewhere than the incident's group, only its report target (an admin group) may undo it.
    bool elsewhere = inc && here && here->key() != inc->group;
    if (!inc || !g || (elsewhere && mod.group(*g).cfg.report_to != here->group.str())) {
        if (!number) co_return ctx.render(here, "incident_unknown");
        bot::text_args args{{"number", *number}};
        co_return ctx.render(here, "incident_number_unknown", args);
    }
    // In the incident's group the command's permission already held; in private or in the admin
    // group the sender must be an admin of the incident's group.
    if (!here || elsewhere) {
        bool allowed = co_await admin_of(s, mod, *g);
        if (!allowed) co_return ctx.render(g, "not_admin");
    }
    if (inc->cleared) co_return ctx.render(g, "cleared_already");

    std::vector<std::string> restored;
    if (inc->strike != 0 && mod.repo().revoke_strike(inc->strike)) restored.push_back(ctx.render(g, "restored_strike"));
    if (inc->muted > 0) {
        auto api = ctx.api_for(*g);
        bot::status r = bot::error{bot::errc::not_connected, "no connection"};
        if (api) {
            auto gid = g->group;
            auto user = inc->user;
            r = co_await api->unmute(gid, user);
        }
        if (r) {
            restored.push_back(ctx.render(g, "restored_mute"));
        } else {
            bot::text_args args{{"detail", r.err().detail}};
            restored.push_back(ctx.render(g, "action_failed", args));
        }
    }
    if (inc->kicked) {
        bot::text_args args{{"name", inc->name}};
        restored.push_back(ctx.render(g, "kick_final", args));
    }
    if (restored.empty()) restored.push_back(ctx.render(g, "restored_nothing"));

    bool taught = false;
    auto now = unix_now(s);
    auto actor = s.user_id().str();
    if (teachable(*inc) && mod.group(*g).passes.count(inc->normalized) == 0) {
        mod.repo().learn({0, inc->group, inc->group, "pass", inc->normalized, inc->original, actor, now}, max_passes);
        mod.lists_changed();
        taught = true;
    }
    // The admin said this was no ad: a sample learned from it goes too.
    if (inc->rule == "learned" && mod.repo().forget_samples(inc->group, inc->normalized) > 0) mod.lists_changed();
    inc->cleared = true;
    mod.repo().update_incident(*inc);

    std::string list;
    for (auto const& r : restored) list += (list.empty() ? "" : "，") + r;
    finding f{hit{inc->rule, inc->matched}, inc->original, inc->normalized, inc->id};
    mod.audit(inc->group, now, inc->user, actor, "cleared", f, list);
    if (taught) mod.audit(inc->group, now, inc->user, actor, "learn pass", f);
    bot::text_args args{{"name", inc->name}, {"restored", list}};
    co_return ctx.render(g, taught || mod.group(*g).passes.count(inc->normalized) ? "cleared" : "cleared_no_pass",
                         args);
}

void register_learn_commands(bot::plugin_context& plugin, std::shared_ptr<moderation> mod) {
    auto admin = bot::perm::admin;
    auto& c = plugin;

    c.command({"wrong", "误判"},
              "回复机器人的警告、报告或被处理的消息（或写出处理记录的编号 #N）：撤销这次处理，本群以后放行相同内容")
        .optional_arg("编号", arg_kind::word, "#编号，见 /modlog")
        .where(bot::rule::in_group || bot::rule::in_private)
        .permit(admin || bot::rule::in_private)
        .example("/误判 #12")
        .handle([mod](command_call& call) -> task<> {
            std::optional<std::int64_t> number;
            if (call.has("编号")) {
                number = incident_number(call.text("编号"));
                if (!number) {
                    auto usage = mod->ctx().render(call.s().group(), "wrong_usage");
                    co_await call.reply(usage);
                    co_return;
                }
            }
            auto text = co_await undo_incident(*mod, call.s(), number);
            co_await call.reply(text);
        });

    c.command({"ad", "广告"}, "回复一条漏掉的广告：按广告处理，并学会拦截相似的消息")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto replied = replied_to(s);
            if (!replied) {
                auto text = ctx.render(g, "ad_usage");
                co_await call.reply(text);
                co_return;
            }
            // The platform API offers no way to fetch a message by ID, so /ad works on the messages
            // the bot itself saw lately.
            auto seen = mod->recent(g, *replied);
            if (!seen) {
                auto text = ctx.render(g, "ad_unknown");
                co_await call.reply(text);
                co_return;
            }
            if (auto done = mod->repo().incident_by_message(seen->id.encode()); done && !done->cleared) {
                auto text = ctx.render(g, "ad_already");
                co_await call.reply(text);
                co_return;
            }
            auto who = co_await look_up(s, seen->user);
            if (who.protected_member) {
                bot::text_args args{{"name", who.name}};
                auto text = ctx.render(g, "protected", args);
                co_await call.reply(text);
                co_return;
            }
            auto original = text_of(seen->content);
            auto compact = mod->compact_of(seen->content);
            finding f{hit{"learned", original}, original, compact};
            // Named: GCC 12 mishandles temporaries inside a co_await expression.
            offender target{seen->user, who.name, seen->id};
            f.incident = co_await mod->enforce_on(s, f, target);

            auto cfg = mod->group(g).cfg;
            auto now = unix_now(s);
            auto actor = s.user_id().str();
            std::string learned;
            auto known = mod->repo().learned(g.key(), "sample");
            bool seen_before = std::any_of(known.begin(), known.end(),
                                           [&](learned_entry const& e) { return e.normalized == compact; });
            if (seen_before) {
                learned = ctx.render(g, "marked_learned");
            } else if (text_length(compact) >= static_cast<std::size_t>(cfg.similarity_min_chars)) {
                mod->repo().learn({0, g.key(), g.key(), "sample", compact, original, actor, now},
                                  cfg.learn_max_samples);
                if (cfg.learn_global)
                    mod->repo().learn({0, "*", g.key(), "sample", compact, original, actor, now},
                                      cfg.learn_max_samples);
                mod->lists_changed();
                mod->audit(s, seen->user, actor, "learn sample", f);
                learned = ctx.render(g, "marked_learned");
            } else if (!original.empty()) {
                learned = ctx.render(g, "marked_short");
            }
            if (seen->content.has<bot::seg::image>()) {
                auto n = co_await mod->learn_ad_images(s, seen->content);
                if (n > 0) {
                    bot::text_args args{{"count", n}};
                    learned += ctx.render(g, "marked_images", args);
                }
            }
            bot::text_args args{{"name", who.name}, {"learned", learned}};
            auto text = ctx.render(g, "marked", args);
            co_await call.reply(text);
        });

    c.command({"antiad learned", "反广告 学习"}, "列出本群学到的放行内容和广告样本")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto& ctx = mod->ctx();
            auto entries = mod->repo().learned_by(g.key());
            std::string text;
            if (entries.empty()) {
                text = ctx.render(g, "learned_none");
            } else {
                std::string lines;
                for (auto const& e : entries)
                    lines += fmt::format("\n{}. [{}{}] {}", e.id, ctx.render(g, "learned_" + e.kind),
                                         e.group == "*" ? "·全局" : "", shown_text(e.original, 60));
                bot::text_args args{{"lines", lines}};
                text = ctx.render(g, "learned_list", args);
            }
            co_await call.reply(text);
        });

    c.command({"antiad forget", "反广告 忘记"}, "删除一条学到的内容")
        .arg("编号", arg_kind::integer, "见 /antiad learned")
        .where(bot::rule::in_group)
        .permit(admin)
        .handle([mod](command_call& call) -> task<> {
            auto& s = call.s();
            auto g = *s.group();
            auto id = call.integer("编号");
            bool removed = mod->repo().forget(g.key(), id);
            mod->lists_changed();
            if (removed) mod->audit(s, s.user_id(), s.user_id().str(), "forget", manual("learned", std::to_string(id)));
            bot::text_args args{{"id", id}};
            auto text = mod->ctx().render(g, removed ? "forgot" : "forget_missing", args);
            co_await call.reply(text);
        });
}

}  // namespace plugins::antiad
