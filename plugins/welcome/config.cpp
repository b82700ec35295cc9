#include "plugins/welcome/config.hpp"

#include "plugins/welcome/intake.hpp"

namespace plugins::welcome {

namespace {

std::optional<std::string> positive(std::chrono::seconds const& d) {
    if (d.count() <= 0) return "a duration above zero, like 10m";
    return std::nullopt;
}

std::optional<std::string> field_specs(std::vector<std::string> const& specs) {
    if (specs.empty()) return "at least one field like \"role:职位\"";
    for (auto const& s : specs)
        if (!parse_field_spec(s)) return "fields written as \"key:标签\" or \"key:标签/别名\" (\"" + s + "\" is not)";
    return std::nullopt;
}

}  // namespace

void config::describe(bot::schema<config>& s) {
    s.field("group_name", &config::group_name, "how the welcome names the group; empty says 本群");
    s.field("burst_window", &config::burst_window, "joins within this window are welcomed in one message (0s: at once)");
    s.range("burst_max", &config::burst_max, 1, 100, "newcomers mentioned in one welcome message at most");
    s.field("show_rules", &config::show_rules, "put the group rules in the welcome");
    s.field("intake", &config::intake, "ask newcomers for the intake profile (template in the welcome, reminder)");
    s.field("icebreaker", &config::icebreaker, "suggest a small red packet with the introduction");
    s.field("rules", &config::rules, "default rules, each \"规则｜原因\"; groups change theirs with /rules").global_only();

    s.field("fields", &config::fields, "intake profile fields, each \"key:标签/别名\"")
        .check(&config::fields, field_specs);
    s.range("intake_min_fields", &config::intake_min_fields, 1, 20,
            "filled fields an unprompted message needs to count as an introduction");
    s.field("intake_answer_timeout", &config::intake_answer_timeout, "time for each answer in /intro")
        .check(&config::intake_answer_timeout, positive);
    s.field("remind_after", &config::remind_after, "no introduction after this long: remind the member, list to admins")
        .check(&config::remind_after, positive);
    s.range("privacy_threshold", &config::privacy_threshold, 0, 100000,
            "from this many members on, /who hides private fields from non-admins (0: always hidden)");
    s.field("private_fields", &config::private_fields, "fields hidden above the threshold (\"name\" is the member's name)");
    s.range("who_max", &config::who_max, 1, 50, "results /who shows at most");

    s.one_of("verify", &config::verify, {"off", "arithmetic", "question"}, "screen newcomers with a question");
    s.field("verify_question", &config::verify_question, "the question when verify = \"question\"");
    s.field("verify_answers", &config::verify_answers, "accepted answers to verify_question");
    s.field("verify_timeout", &config::verify_timeout, "time to answer").check(&config::verify_timeout, positive);
    s.range("verify_retries", &config::verify_retries, 1, 10, "answers allowed before failing");
    s.field("verify_mute", &config::verify_mute, "mute newcomers until they answer, where the platform can");
    s.one_of("verify_on_timeout", &config::verify_on_timeout, {"kick", "notify"},
             "on timeout or too many wrong answers: remove the member, or only tell the admins");

    s.one_of("requests", &config::requests, {"admins", "keywords"},
             "join requests: leave them to admins, or answer by keywords in the request text");
    s.field("request_approve", &config::request_approve, "keywords that approve a join request");
    s.field("request_reject", &config::request_reject, "keywords that reject a join request (checked first)");
    s.field("request_reject_reason", &config::request_reject_reason, "the reason a rejected requester sees");

    s.field("leave_notice", &config::leave_notice, "say goodbye in the group when a member leaves");
    s.field("admin_group", &config::admin_group, "group ID for admin notices; empty: the group itself, @-mentioning admins");
}

}  // namespace plugins::welcome
