// plan_enforcement as a value: modes, escalation, what the platform lacks, and the order of steps.
#include <catch2/catch.hpp>

#include "plugins/antiad/enforcement.hpp"

using namespace plugins::antiad;
using namespace std::chrono_literals;
using act = enforcement_step::act;

namespace {

/// The default policy with reports switched off (report_to = "off"), so plans end at the member.
policy defaults() {
    config c;
    c.report_to = "off";
    return policy_of(c);
}

std::vector<act> acts_of(enforcement_plan const& p) {
    std::vector<act> out;
    for (auto const& st : p.steps) out.push_back(st.what);
    return out;
}

enforcement_step const& find(enforcement_plan const& p, act a) {
    for (auto const& st : p.steps)
        if (st.what == a) return st;
    FAIL("no step " << act_name(a));
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("modes parse from the config words and back", "[antiad][plan]") {
    CHECK(parse_mode("on") == run_mode::on);
    CHECK(parse_mode("off") == run_mode::off);
    CHECK(parse_mode("dry-run") == run_mode::dry_run);
    CHECK_FALSE(parse_mode("dry_run"));
    CHECK_FALSE(parse_mode("On"));
    for (auto m : {run_mode::on, run_mode::off, run_mode::dry_run}) CHECK(parse_mode(mode_name(m)) == m);
}

TEST_CASE("the default config parses into a policy once", "[antiad][plan]") {
    auto p = policy_of(config{});
    CHECK(p.mode == run_mode::on);
    CHECK(p.fallback.str() == "recall+escalate+report");
    REQUIRE(p.rule_actions.size() == 1);
    CHECK(p.rule_actions[0].rule == "flood");
    CHECK(p.rule_actions[0].actions.str() == "recall+mute+report");
    CHECK(p.ladder == std::vector<step>{step{step::kind::warn, {}}, step{step::kind::mute, 600s},
                                        step{step::kind::mute, 86400s}, step{step::kind::kick, {}}});
    CHECK(step_for(p.ladder, 9) == step{step::kind::kick, {}});
    CHECK(step_for(std::vector<step>{}, 1) == step{});
    CHECK(p.report_target);
    CHECK_FALSE(defaults().report_target);
}

TEST_CASE("by default every automatic action ends with a report to the admins", "[antiad][plan]") {
    auto plan = plan_enforcement(policy_of(config{}), {"wechat"}, {0, false}, {});
    CHECK(acts_of(plan) == std::vector<act>{act::recall, act::strike, act::warn, act::tell_failures, act::report});
    CHECK(plan.steps.back().to == audience::admins);
    auto flood = plan_enforcement(policy_of(config{}), {"flood"}, {0, false}, {});
    CHECK(acts_of(flood).back() == act::report);
}

TEST_CASE("off plans nothing, and neither does a protected member", "[antiad][plan]") {
    auto p = defaults();
    p.mode = run_mode::off;
    CHECK(plan_enforcement(p, {"wechat"}, {}, {}).empty());
    p.mode = run_mode::on;
    CHECK(plan_enforcement(p, {"wechat"}, {3, true}, {}).empty());
}

TEST_CASE("dry-run only tells the admins what would be done, and records no strike", "[antiad][plan]") {
    auto p = defaults();
    p.mode = run_mode::dry_run;
    auto plan = plan_enforcement(p, {"wechat"}, {2, false}, {});
    REQUIRE(acts_of(plan) == std::vector<act>{act::dry_run});
    CHECK(plan.steps[0].text == "dry_run");
    CHECK(plan.steps[0].to == audience::admins_or_group);
    CHECK(plan.steps[0].would.str() == "recall+escalate+report");
    CHECK(plan.strikes == 0);
    CHECK(plan_enforcement(p, {"flood"}, {}, {}).steps[0].would.str() == "recall+mute+report");
}

TEST_CASE("a first offence is recalled, struck and warned with what comes next", "[antiad][plan][escalation]") {
    auto plan = plan_enforcement(defaults(), {"wechat"}, {0, false}, {});
    CHECK(acts_of(plan) == std::vector<act>{act::recall, act::strike, act::warn, act::tell_failures});
    CHECK(plan.strikes == 1);
    auto const& warn = find(plan, act::warn);
    CHECK(warn.text == "warned");
    CHECK(warn.to == audience::member);
    CHECK(warn.next == step{step::kind::mute, 600s});
    CHECK(find(plan, act::recall).text.empty());
    CHECK(find(plan, act::tell_failures).text == "failed");
    CHECK(find(plan, act::tell_failures).to == audience::admins_or_group);
}

TEST_CASE("each strike takes its ladder step, and the last step repeats", "[antiad][plan][escalation]") {
    auto p = defaults();
    auto second = plan_enforcement(p, {"qq"}, {1, false}, {});
    CHECK(acts_of(second) == std::vector<act>{act::recall, act::strike, act::mute, act::tell_failures});
    CHECK(second.strikes == 2);
    CHECK(find(second, act::mute).duration == 600s);
    CHECK(find(second, act::mute).text == "muted");
    CHECK(find(plan_enforcement(p, {"qq"}, {2, false}, {}), act::mute).duration == 86400s);
    for (std::int64_t prior : {3, 10}) {
        auto plan = plan_enforcement(p, {"qq"}, {prior, false}, {});
        CHECK(acts_of(plan) == std::vector<act>{act::recall, act::strike, act::kick, act::tell_failures});
        CHECK(find(plan, act::kick).text == "kicked");
        CHECK(find(plan, act::kick).to == audience::member);
        CHECK(plan.strikes == prior + 1);
    }
}

TEST_CASE("fixed actions act without strikes", "[antiad][plan]") {
    auto p = defaults();
    p.rule_actions = parse_rule_actions({"flood:recall+mute", "file:warn", "invite:kick", "admin:recall"});
    p.mute_duration = 1800s;
    auto flood = plan_enforcement(p, {"flood"}, {5, false}, {});
    CHECK(acts_of(flood) == std::vector<act>{act::recall, act::mute, act::tell_failures});
    CHECK(find(flood, act::mute).duration == 1800s);
    CHECK(flood.strikes == 0);
    auto file = plan_enforcement(p, {"file"}, {5, false}, {});
    CHECK(acts_of(file) == std::vector<act>{act::warn});
    CHECK(find(file, act::warn).text == "warned_once");
    CHECK_FALSE(find(file, act::warn).next);
    CHECK(acts_of(plan_enforcement(p, {"invite"}, {}, {})) == std::vector<act>{act::kick, act::tell_failures});
    CHECK(acts_of(plan_enforcement(p, {"admin#2"}, {}, {})) == std::vector<act>{act::recall, act::tell_failures});
    p.rule_actions = parse_rule_actions({"link:none"});
    CHECK(plan_enforcement(p, {"link"}, {}, {}).empty());
}

TEST_CASE("what the platform lacks is replaced by a warning and told to the admins", "[antiad][plan]") {
    auto p = defaults();
    p.ladder = parse_ladder({"mute 10m"});
    auto plan = plan_enforcement(p, {"wechat"}, {0, false}, {false, false, true});
    CHECK(acts_of(plan) == std::vector<act>{act::strike, act::warn, act::tell_cannot});
    CHECK(find(plan, act::warn).text == "warned");
    CHECK(find(plan, act::tell_cannot).lacking == std::vector<act>{act::recall, act::mute});
    CHECK(find(plan, act::tell_cannot).text == "cannot");

    p.ladder = parse_ladder({"kick"});
    auto kick = plan_enforcement(p, {"wechat"}, {0, false}, {true, true, false});
    CHECK(acts_of(kick) == std::vector<act>{act::recall, act::strike, act::warn, act::tell_cannot, act::tell_failures});
    CHECK(find(kick, act::tell_cannot).lacking == std::vector<act>{act::kick});
}

TEST_CASE("a kick the platform offers has no warning planned behind it", "[antiad][plan]") {
    auto p = defaults();
    p.ladder = parse_ladder({"kick"});
    auto plan = plan_enforcement(p, {"wechat"}, {0, false}, {true, true, true});
    CHECK(acts_of(plan) == std::vector<act>{act::recall, act::strike, act::kick, act::tell_failures});
}

TEST_CASE("a report comes last, and only when there is somewhere to send it", "[antiad][plan]") {
    auto p = defaults();
    p.fallback = *parse_actions("recall+escalate+report");
    CHECK(acts_of(plan_enforcement(p, {"keyword"}, {}, {})).back() == act::tell_failures);
    p.report_target = true;
    auto plan = plan_enforcement(p, {"keyword"}, {}, {});
    CHECK(acts_of(plan) == std::vector<act>{act::recall, act::strike, act::warn, act::tell_failures, act::report});
    CHECK(plan.steps.back().to == audience::admins);
    CHECK(plan.steps.back().text == "report");
}
