// Helpers the handlers share: names, member counts, admin notices, the welcome message itself.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/welcome/intake.hpp"
#include "plugins/welcome/state.hpp"

namespace plugins::welcome {

using namespace bot;

std::string state::group_label(group_ref const& g) {
    auto name = cfg(g).group_name;
    return name.empty() ? std::string("本群") : "「" + name + "」";
}

std::string person_key(std::string const& platform, id const& user) { return platform + "|" + user.encode(); }

task<std::string> member_name(state_ptr st, group_ref g, id user, std::string fallback) {
    std::string card;
    std::string nickname;
    if (auto a = st->ctx.api_for(g); a && a->caps().member_info) {
        auto info = co_await a->member(g.group, user);
        if (info) {
            card = info->card;
            nickname = info->nickname;
        }
    }
    for (auto const* candidate : {&card, &fallback, &nickname}) {
        auto safe = bot::shown_name(*candidate);
        if (!safe.empty()) co_return safe;
    }
    co_return bot::shown_name(user.str());
}

task<std::optional<int>> member_count(state_ptr st, group_ref g) {
    auto now = st->ctx.clock().now();
    if (auto it = st->counts.find(g.key()); it != st->counts.end() && now - it->second.second < std::chrono::minutes(10))
        co_return it->second.first;
    if (auto a = st->ctx.api_for(g); a && a->caps().member_list) {
        auto list = co_await a->members(g.group);
        if (list) {
            auto n = static_cast<int>(list->size());
            st->counts[g.key()] = {n, now};
            co_return n;
        }
    }
    co_return std::nullopt;
}

task<bool> send_to(state_ptr st, group_ref g, message m) {
    auto r = co_await st->ctx.send(g, std::move(m));
    // The outbox logs failed sends already (at a bounded rate); this names the plugin, for debugging.
    if (!r) spdlog::debug("welcome: sending to {} failed: {} {}", g.key(), errc_name(r.err().code), r.err().detail);
    co_return r.ok();
}

bool sees_all(state& st, group_ref const& g) {
    auto a = st.ctx.api_for(g);
    return !a || a->caps().all_messages;
}

task<> notify_admins(state_ptr st, group_ref g, std::string text) {
    auto c = st->cfg(g);
    if (!c.admin_group.empty()) {
        auto digits = !c.admin_group.empty() && c.admin_group.find_first_not_of("0123456789") == std::string::npos;
        group_ref admins{g.platform, g.self_id, digits ? id(std::stoll(c.admin_group)) : id(c.admin_group)};
        auto prefix = st->text(g, "admin_prefix", {{"group", g.group.str()}});
        message m(prefix + text);
        if (co_await send_to(st, admins, m)) co_return;
    }
    message m;
    bool mentioned = false;
    if (auto a = st->ctx.api_for(g); a && a->caps().member_list) {
        auto list = co_await a->members(g.group);
        if (list) {
            std::vector<member_info> admins;
            for (auto const& mi : *list)
                if (mi.role != role::member && mi.user != g.self_id) admins.push_back(mi);
            // The owner first, then at most two more: enough to be seen without pinging a crowd.
            std::stable_sort(admins.begin(), admins.end(),
                             [](auto const& x, auto const& y) { return x.role == role::owner && y.role != role::owner; });
            for (std::size_t i = 0; i < admins.size() && i < 3; ++i) {
                m.at(admins[i].user, admins[i].display_name());
                m.text(" ");
                mentioned = true;
            }
        }
    }
    if (!mentioned) m.text(st->text(g, "admins_attention"));
    m.text(text);
    co_await send_to(st, g, m);
}

std::vector<group_rule> group_rules(state& st, group_ref const& g) {
    if (auto own = st.repo.rules(g.key())) return parse_rules(*own);
    return parse_rules(st.base().rules);
}

message welcome_message(state& st, group_ref const& g, std::vector<mention> const& people, std::optional<int> count) {
    auto c = st.cfg(g);
    std::string names;
    for (auto const& p : people) names += (names.empty() ? "" : "、") + p.name;
    // A count the platform cannot give is left out rather than guessed.
    auto text = count ? st.text(g, "welcome", {{"at", mention_markers(people.size())}, {"name", names},
                                               {"group", st.group_label(g)}, {"count", *count}})
                      : st.text(g, "welcome_nocount",
                                {{"at", mention_markers(people.size())}, {"name", names}, {"group", st.group_label(g)}});
    if (c.show_rules) {
        auto rules = group_rules(st, g);
        if (!rules.empty()) {
            text += "\n" + st.text(g, "rules_header");
            for (std::size_t i = 0; i < rules.size(); ++i) {
                auto index = static_cast<std::int64_t>(i + 1);
                text += "\n" + (rules[i].reason.empty()
                                    ? st.text(g, "rule_line_plain", {{"index", index}, {"rule", rules[i].text}})
                                    : st.text(g, "rule_line",
                                              {{"index", index}, {"rule", rules[i].text}, {"reason", rules[i].reason}}));
            }
        }
    }
    if (c.intake) {
        auto specs = parse_field_specs(c.fields);
        text += "\n" + st.text(g, "intake_prompt", {{"template", blank_template(specs)}});
    }
    if (c.icebreaker) text += "\n" + st.text(g, "icebreaker");
    return splice_mentions(text, people);
}

void schedule_reminder(state& st, group_ref const& g, std::vector<std::string> const& users) {
    auto c = st.cfg(g);
    if (!c.intake || users.empty()) return;
    auto due = st.ctx.clock().now() + c.remind_after;
    std::string payload;
    for (auto const& u : users) payload += (payload.empty() ? "" : "\n") + u;
    auto key = "welcome.remind:" + g.key() + ":" + std::to_string(st.now()) + ":" + users.front();
    st.ctx.scheduler().schedule(key, "welcome.remind", recurrence::once(due), st.ctx.group_tz(g), g, payload);
}

}  // namespace plugins::welcome
