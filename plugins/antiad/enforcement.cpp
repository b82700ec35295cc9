#include "plugins/antiad/enforcement.hpp"

#include <algorithm>

namespace plugins::antiad {

std::optional<run_mode> parse_mode(std::string_view text) {
    if (text == "on") return run_mode::on;
    if (text == "off") return run_mode::off;
    if (text == "dry-run") return run_mode::dry_run;
    return std::nullopt;
}

std::string_view mode_name(run_mode m) {
    switch (m) {
        case run_mode::on:
            return "on";
        case run_mode::off:
            return "off";
        case run_mode::dry_run:
            return "dry-run";
    }
    return "on";
}

std::vector<step> parse_ladder(std::vector<std::string> const& ladder) {
    std::vector<step> out;
    out.reserve(ladder.size());
    for (auto const& s : ladder) out.push_back(parse_step(s).value_or(step{}));
    return out;
}

step step_for(std::vector<step> const& ladder, std::int64_t strikes) {
    if (ladder.empty() || strikes < 1) return {};
    auto index = static_cast<std::size_t>(strikes - 1);
    return ladder[std::min(index, ladder.size() - 1)];
}

policy policy_of(config const& cfg) {
    policy p;
    // Config accepts only the three words; were anything else to get through, the group is only
    // reported on, so a bad value never acts on members.
    p.mode = parse_mode(cfg.mode).value_or(run_mode::dry_run);
    p.rule_actions = parse_rule_actions(cfg.rule_actions);
    p.fallback = parse_actions(cfg.default_action).value_or(p.fallback);
    p.ladder = parse_ladder(cfg.ladder);
    p.mute_duration = cfg.mute_duration;
    p.report_target = !cfg.report_to.empty() && cfg.report_to != "off";
    return p;
}

std::string_view act_name(enforcement_step::act a) {
    using act = enforcement_step::act;
    switch (a) {
        case act::recall:
            return "recall";
        case act::strike:
            return "strike";
        case act::warn:
            return "warn";
        case act::mute:
            return "mute";
        case act::kick:
            return "kick";
        case act::tell_cannot:
            return "degraded";
        case act::tell_failures:
            return "failed";
        case act::report:
            return "report";
        case act::dry_run:
            return "dry-run";
    }
    return "unknown";
}

namespace {

using act = enforcement_step::act;

enforcement_step make(act what, std::string text = {}, audience to = audience::none) {
    enforcement_step out;
    out.what = what;
    out.text = std::move(text);
    out.to = to;
    return out;
}

/// What escalation or a fixed action asks of the member; nullopt when only recall/report.
std::optional<step> punishment(policy const& p, action_set acts, std::int64_t strikes) {
    if (acts.has(action_set::escalate)) return step_for(p.ladder, strikes);
    if (acts.has(action_set::kick)) return step{step::kind::kick, {}};
    if (acts.has(action_set::mute)) return step{step::kind::mute, p.mute_duration};
    if (acts.has(action_set::warn)) return step{step::kind::warn, {}};
    return std::nullopt;
}

enforcement_step member_step(policy const& p, step const& st, std::int64_t strikes) {
    auto out = make(act::warn, {}, audience::member);
    switch (st.what) {
        case step::kind::mute:
            out.what = act::mute;
            out.text = "muted";
            out.duration = st.duration;
            break;
        case step::kind::kick:
            out.what = act::kick;
            out.text = "kicked";
            break;
        case step::kind::warn:
            out.what = act::warn;
            out.text = strikes > 0 ? "warned" : "warned_once";
            if (strikes > 0) out.next = step_for(p.ladder, strikes + 1);
            break;
    }
    return out;
}

}  // namespace

enforcement_plan plan_enforcement(policy const& p, verdict const& v, standing const& who, abilities const& can) {
    enforcement_plan out;
    if (p.mode == run_mode::off || who.protected_member) return out;
    auto acts = actions_for(p.rule_actions, p.fallback, v.rule);
    if (p.mode == run_mode::dry_run) {
        auto dry = make(act::dry_run, "dry_run", audience::admins_or_group);
        dry.would = acts;
        out.steps.push_back(std::move(dry));
        return out;
    }

    std::vector<act> lacking;
    bool can_fail = false;
    if (acts.has(action_set::recall)) {
        if (can.recall) {
            out.steps.push_back(make(act::recall));
            can_fail = true;
        } else {
            lacking.push_back(act::recall);
        }
    }
    if (acts.has(action_set::escalate)) {
        out.strikes = who.prior_strikes + 1;
        out.steps.push_back(make(act::strike));
    }
    if (auto st = punishment(p, acts, out.strikes)) {
        // Only what the platform lacks is replaced by a warning; an action that fails when tried
        // is told to the admins, never covered up by another.
        if ((st->what == step::kind::mute && !can.mute) || (st->what == step::kind::kick && !can.kick)) {
            lacking.push_back(st->what == step::kind::mute ? act::mute : act::kick);
            st = step{step::kind::warn, {}};
        }
        out.steps.push_back(member_step(p, *st, out.strikes));
        can_fail = can_fail || st->what != step::kind::warn;
    }
    if (!lacking.empty()) {
        auto tell = make(act::tell_cannot, "cannot", audience::admins_or_group);
        tell.lacking = std::move(lacking);
        out.steps.push_back(std::move(tell));
    }
    if (can_fail) out.steps.push_back(make(act::tell_failures, "failed", audience::admins_or_group));
    if (acts.has(action_set::report) && p.report_target)
        out.steps.push_back(make(act::report, "report", audience::admins));
    return out;
}

}  // namespace plugins::antiad
