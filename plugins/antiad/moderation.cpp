#include "plugins/antiad/moderation.hpp"

#include <algorithm>
#include <functional>

#include "bot/core.hpp"
#include "bot/moderation_notice.hpp"
#include "bot/utf8.hpp"

#include <spdlog/spdlog.h>

namespace plugins::antiad {

namespace {

std::int64_t unix_now(bot::session const& s) {
    return s.now().time_since_epoch().count();
}

std::string newcomer_key(std::string const& group, bot::id const& user) {
    return group + "|" + user.encode();
}

std::string family(std::string const& rule) {
    return rule.substr(0, rule.find_first_of("#."));
}

std::string joined_keywords(std::vector<std::string> const& a, std::vector<std::string> const& b) {
    std::string out;
    for (auto const& k : a) out += k + '\x1f';
    out += '\x1e';
    for (auto const& k : b) out += k + '\x1f';
    return out;
}

/// An ID typed in config: digits are a number (as QQ sends them), anything else a string.
bot::id configured_id(std::string const& text) {
    bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && text.size() < 19) return bot::id(static_cast<std::int64_t>(std::stoll(text)));
    return bot::id(text);
}

}  // namespace

/// "10 分钟", "1 天", "2 小时"; mixed units fall back to the compact "1h30m".
std::string zh_duration(std::chrono::seconds d) {
    auto n = d.count();
    if (n > 0 && n % 86400 == 0) return std::to_string(n / 86400) + " 天";
    if (n > 0 && n % 3600 == 0) return std::to_string(n / 3600) + " 小时";
    if (n > 0 && n % 60 == 0) return std::to_string(n / 60) + " 分钟";
    if (n < 60) return std::to_string(n) + " 秒";
    return bot::format_duration(d);
}

bool protected_sender(bot::session const& s) {
    return s.role() != bot::role::member || s.user_id() == s.ev().self_id || s.is_superuser();
}

moderation::moderation(bot::plugin_context& ctx)
    : ctx_(ctx), repo_(ctx.db()), recent_(recent_per_group, recent_bytes, seen_bytes) {
    ctx_.metrics().counter(actions_metric,
                           "What anti-ad moderation did to messages (recall, warn, mute, kick, report, ...), by rule");
}

group_state& moderation::group(bot::group_ref const& g) {
    auto key = g.key();
    auto gen = ctx_.settings_generation();
    auto& gs = groups_[key];
    if (gs.rules && gs.generation == gen && gs.lists_version == lists_version_) return gs;
    gs.generation = gen;
    gs.lists_version = lists_version_;
    gs.cfg = ctx_.group_config<config>(g);
    auto kw = joined_keywords(gs.cfg.keywords, gs.cfg.soft_keywords);
    auto& compiled = compiled_[kw];
    if (!compiled) compiled = std::make_shared<text_rules const>(gs.cfg.keywords, gs.cfg.soft_keywords);
    gs.rules = compiled;
    gs.allow.domains = gs.cfg.allow_domains;
    for (auto& d : repo_.allowed(key)) gs.allow.domains.push_back(std::move(d));
    gs.allow.qr_prefixes = gs.cfg.qr_allow;
    gs.admin = std::make_unique<admin_rules>(repo_.rules(key));
    gs.approved.clear();
    for (auto const& u : repo_.approved(key)) gs.approved.insert(u.encode());
    gs.ad_images = repo_.image_hashes(key);
    gs.acting = policy_of(gs.cfg);
    load_learned(key, gs);
    return gs;
}

void moderation::joined(bot::group_ref const& g, bot::id const& user, std::int64_t at) {
    repo_.joined(g.key(), user, at);
    newcomers_[newcomer_key(g.key(), user)] = newcomer{at, 0};
}

void moderation::left(bot::group_ref const& g, bot::id const& user) {
    if (newcomers_.erase(newcomer_key(g.key(), user))) repo_.forget_newcomer(g.key(), user);
}

bool moderation::is_newcomer(std::string const& key, group_state const& gs, std::int64_t now) {
    auto it = newcomers_.find(key);
    if (it == newcomers_.end()) return false;
    bool by_count = it->second.messages < gs.cfg.newcomer_messages;
    bool by_time = now - it->second.joined_at < gs.cfg.newcomer_window.count();
    return by_count || by_time;
}

std::optional<finding> moderation::check(bot::session& s, group_state& gs, bot::message const& m, bool strict,
                                         bool command) {
    check_options o{&gs.allow, &gs.cfg.off_rules, gs.cfg.threshold, strict};
    // The common case, one text segment, is read in place; anything else is joined once.
    std::string joined;
    std::string_view text;
    auto const* only = m.segments().size() == 1 ? std::get_if<bot::seg::text>(&m.segments().front()) : nullptr;
    if (only) {
        text = only->content;
    } else {
        joined = text_of(m);
        text = joined;
    }
    normalize(text, scratch_);

    auto h = check_segments(m, o);
    if (!h) h = gs.rules->check(scratch_, o);
    // A contact split over this and the member's previous message ("联系我 138 0000", "0000 电话同号").
    std::optional<bot::id> earlier;
    auto key = newcomer_key(s.group()->key(), s.user_id());
    auto now = unix_now(s);
    if (!h) {
        auto it = last_texts_.find(key);
        // Only a message with digits, '_' or '@' can complete a contact.
        bool completes = scratch_.spaced.find_first_of("0123456789_@") != std::string::npos;
        if (completes && it != last_texts_.end() && now - it->second.at <= split_window) {
            h = gs.rules->check_across(it->second.text, text, o);
            if (h) earlier = it->second.message;
        }
    }
    if (h) {
        last_texts_.erase(key);
    } else if (!text.empty()) {
        if (last_texts_.size() >= max_last_texts && now != last_sweep_) {
            std::erase_if(last_texts_, [&](auto const& e) { return now - e.second.at > split_window; });
            last_sweep_ = now;
        }
        if (last_texts_.size() < max_last_texts)
            last_texts_[key] = last_text{std::string(text.substr(0, 512)), s.message_id(), now};
    }
    if (!h && !gs.admin->empty() && o.rule_on("admin")) h = gs.admin->check(text, scratch_.compact);
    if (!h && !command && (o.rule_on("flood") || o.rule_on("duplicate"))) {
        behaviour_limits l{gs.cfg.flood_messages, gs.cfg.flood_window.count(), gs.cfg.duplicate_count,
                           gs.cfg.duplicate_window.count(), gs.cfg.duplicate_min_chars};
        auto user = std::hash<bot::id>{}(s.user_id()) ^ (std::hash<std::string>{}(s.ev().platform) << 1);
        auto group = std::hash<bot::id>{}(s.group_id());
        h = behaviour_.record(user, group, scratch_.compact, scratch_.scratch_compact.size(), unix_now(s), l);
        if (h && !o.rule_on(h->rule)) h.reset();
    }
    if (!h) return std::nullopt;
    if (!h->why.empty())
        spdlog::info("antiad: {} scored \"{}\" as {}: {}", s.user_id().encode(), bot::shorten(scratch_.spaced, 200),
                     h->rule, bot::shorten(h->why, 400));
    return finding{std::move(*h), std::string(text), scratch_.compact, 0, earlier};
}

bot::task<> moderation::inspect(bot::session& s, bot::next_fn next) {
    auto const* gm = s.ev().as<bot::ev::group_message>();
    if (!gm || !s.group()) {
        co_await next();
        co_return;
    }
    auto& gs = group(*s.group());
    bool exempt = gs.acting.mode == run_mode::off || protected_sender(s) ||
                  (!gs.approved.empty() && gs.approved.count(s.user_id().encode()) > 0);
    if (exempt) {
        co_await next();
        co_return;
    }
    remember(s, gm->content);
    if (!newcomers_loaded_) {
        for (auto& [k, v] : repo_.all_newcomers()) newcomers_.emplace(k, v);
        newcomers_loaded_ = true;
    }
    std::string nkey;
    bool strict = false;
    if (!newcomers_.empty()) {
        nkey = newcomer_key(s.group()->key(), s.user_id());
        strict = is_newcomer(nkey, gs, unix_now(s));
    }
    // A command the bot knows: one the member may not use is refused politely by the command layer
    // and posts nothing, so it is left to it; repeating a command is never a flood or a duplicate.
    // The text of a command the member may use is still read ("/echo 加我微信 abc123" posts it).
    bool command = false;
    if (auto cmd = ctx_.command_named(s)) {
        if (!cmd->where(s) || !cmd->permit(s)) {
            co_await next();
            co_return;
        }
        command = true;
    }
    auto f = check(s, gs, gm->content, strict, command);
    if (!f) f = check_similar(gs, gm->content);
    // What an admin cleared passes the text rules; behaviour and images are still checked.
    if (f && f->what.rule != "flood" && f->what.rule != "duplicate" && learned_pass(gs, gm->content)) f.reset();
    if (!f && gs.cfg.scan_images && gm->content.has<bot::seg::image>())
        f = co_await check_images(s, gm->content, strict);
    if (!f) {
        if (!nkey.empty()) {
            if (auto it = newcomers_.find(nkey); it != newcomers_.end()) {
                ++it->second.messages;
                repo_.count_message(s.group()->key(), s.user_id());
            }
        }
        co_await next();
        co_return;
    }
    co_await enforce(s, *f);
    // A dry run only reports: the message goes on as if nothing happened.
    if (group(*s.group()).acting.mode == run_mode::dry_run) co_await next();
}

std::string moderation::reason(bot::group_ref const& g, std::string const& rule) const {
    auto key = "reason_" + family(rule);
    if (!ctx_.has_text(key)) key = "reason_admin";
    return ctx_.render(g, key);
}

std::string moderation::describe(step const& st, bot::group_ref const& g) const {
    switch (st.what) {
        case step::kind::warn:
            return ctx_.render(g, "next_warn");
        case step::kind::mute: {
            bot::text_args args{{"duration", zh_duration(st.duration)}};
            return ctx_.render(g, "next_mute", args);
        }
        case step::kind::kick:
            return ctx_.render(g, "next_kick");
    }
    return {};
}

void moderation::audit(bot::session& s, bot::id const& user, std::string const& actor, std::string const& action,
                       finding const& f, std::string const& detail) {
    auto group = s.group() ? s.group()->key() : std::string();
    auto at = unix_now(s);
    audit(group, at, user, actor, action, f, detail);
    if (actor == s.user_id().str()) {
        // A member's own command (not the bot's rules): others may keep account of it.
        bot::moderation_taken notice{group, s.user_id(), user, action.substr(0, action.find(' ')), at};
        ctx().notify(notice);
    }
}

void moderation::audit(std::string const& group, std::int64_t at, bot::id const& user, std::string const& actor,
                       std::string const& action, finding const& f, std::string const& detail) {
    log_entry e;
    e.group = group;
    e.user = user;
    e.actor = actor;
    e.action = action;
    e.rule = f.what.rule;
    e.original = f.original;
    e.normalized = f.normalized;
    e.detail = detail.empty() ? f.what.matched : detail;
    e.at = at;
    e.incident = f.incident;
    repo_.log(e);
}

bot::task<> moderation::tell_admins(bot::session& s, std::string const& text, bool group_fallback) {
    co_await notify_admins(s, text, group_fallback);
}

bot::task<std::vector<bot::id>> moderation::notify_admins(bot::session& s, std::string const& text,
                                                          bool group_fallback) {
    // Not the core's tell_admins: this one must say which messages went (a reply to one of them
    // undoes the incident), and a report must never fall back to the group it is about.
    auto const& g = *s.group();
    auto to = group(g).cfg.report_to;
    auto api = s.api();
    std::vector<bot::id> sent_ids;
    if (api && (to == "owner" || to == "admins")) {
        auto members = co_await api->members(g.group);
        if (members) {
            for (auto const& m : *members) {
                if (m.user == api->self_id()) continue;
                if (to == "owner" ? m.role != bot::role::owner : m.role == bot::role::member) continue;
                auto target = bot::target::user_of(m.user);
                bot::message msg(text);
                auto sent = co_await api->send(target, msg);
                if (sent) sent_ids.push_back(*sent);
            }
        }
    } else if (api && !to.empty() && to != "off") {
        auto target = bot::target::group_of(configured_id(to));
        bot::message msg(text);
        auto sent = co_await api->send(target, msg);
        if (sent) sent_ids.push_back(*sent);
    }
    if (sent_ids.empty() && group_fallback) {
        bot::message msg(text);
        auto sent = co_await s.send(msg);
        if (sent) sent_ids.push_back(*sent);
    }
    co_return sent_ids;
}

}  // namespace plugins::antiad
