#pragma once
/// What to do about one ad, decided as a value: the ordered steps, each with the text it shows
/// once it succeeded. Knows nothing about sessions or platforms; moderation carries a plan out.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/antiad/actions.hpp"
#include "plugins/antiad/config.hpp"

namespace plugins::antiad {

/// A group's mode: `on` acts, `dry-run` only reports what it would do, `off` does nothing.
enum class run_mode : std::uint8_t { on, off, dry_run };

/// Parses the config words "on", "off", "dry-run"; nullopt for anything else.
std::optional<run_mode> parse_mode(std::string_view text);
/// The config word for a mode.
std::string_view mode_name(run_mode m);
/// The steps of a ladder as config writes them; a malformed one warns, like step_for.
std::vector<step> parse_ladder(std::vector<std::string> const& ladder);
/// The step for the `strikes`-th strike (1-based) of a parsed ladder; past the end the last repeats.
step step_for(std::vector<step> const& ladder, std::int64_t strikes);

/// A group's settings for acting on ads, parsed once from its config.
struct policy {
    run_mode mode = run_mode::on;
    std::vector<rule_action> rule_actions;
    action_set fallback{action_set::recall | action_set::escalate};  ///< default_action
    std::vector<step> ladder{step{}};
    std::chrono::seconds mute_duration{600};
    bool report_target = false;  ///< report_to is set, so `report` has somewhere to go
};

/// The policy of a group's config.
policy policy_of(config const& cfg);

/// What fired.
struct verdict {
    std::string rule;  ///< "wechat", "admin#3", "newcomer.link"
};

/// The member, as far as the plan cares.
struct standing {
    std::int64_t prior_strikes = 0;  ///< strikes still counting before this offence
    bool protected_member = false;   ///< an admin, the owner, a superuser or the bot: never acted on
};

/// What the platform lets the bot do.
struct abilities {
    bool recall = true;
    bool mute = true;
    bool kick = true;
};

/// Who reads a step's text.
enum class audience : std::uint8_t {
    none,
    member,           ///< in the group, mentioning the member
    admins,           ///< report_to, never the group
    admins_or_group,  ///< report_to, else the group
};

/// One step of a plan. Recall, warn, mute and kick are written to the moderation log with the rule
/// whether done or failed ("kick failed" with the platform's reason); so are tell_cannot ("degraded"),
/// report and dry_run. A strike goes to the strikes table, where /warns and /unwarn see it.
struct enforcement_step {
    enum class act : std::uint8_t {
        recall,         ///< recall the message
        strike,         ///< record a strike
        warn,           ///< the warning is the step: it succeeds when sent
        mute,           ///< for `duration`
        kick,           ///< remove from the group
        tell_cannot,    ///< tell the admins what the platform lacks (`lacking`) and was warned instead
        tell_failures,  ///< tell the admins which of the steps above failed and why, if any did
        report,         ///< summarise what was done for report_to
        dry_run,        ///< tell the admins what `would` have been done
    };
    act what = act::warn;
    std::string text;  ///< the template shown once the step succeeded; empty for none
    audience to = audience::none;
    std::chrono::seconds duration{0};  ///< mute
    std::optional<step> next;          ///< warn after a strike: what the next strike brings
    std::vector<act> lacking;          ///< tell_cannot: recall, mute or kick, in plan order
    action_set would;                  ///< dry_run
    friend bool operator==(enforcement_step const&, enforcement_step const&) = default;
};

struct enforcement_plan {
    std::int64_t strikes = 0;  ///< the member's active strikes counting this one; 0 when not escalating
    std::vector<enforcement_step> steps;
    bool empty() const { return steps.empty(); }
};

/// The plan for one offence. A failed action is never replaced by another: only actions the
/// platform lacks are (a warning stands in for a mute or kick, and the admins are told).
enforcement_plan plan_enforcement(policy const& p, verdict const& v, standing const& who, abilities const& can);

/// "recall", "mute", "kick", ...: the name of an act for logs.
std::string_view act_name(enforcement_step::act a);

}  // namespace plugins::antiad
