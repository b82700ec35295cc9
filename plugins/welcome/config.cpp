#include "plugins/welcome/config.hpp"

#include "plugins/welcome/intake.hpp"

namespace plugins::welcome {

namespace {

std::optional<bot::expectation> positive(std::chrono::seconds const& d) {
    if (d.count() <= 0) return bot::expect::positive_duration();
    return std::nullopt;
}

// The text welcome.expect.fields is defined in plugin.cpp.
std::optional<bot::expectation> field_specs(std::vector<std::string> const& specs) {
    if (specs.empty())
        return bot::expect::custom("welcome.expect.fields", "at least one field like \"role:职位\"", {{"item", ""}});
    for (auto const& s : specs)
        if (!parse_field_spec(s))
            return bot::expect::custom("welcome.expect.fields",
                                       "fields written as \"key:标签\" or \"key:标签/别名\" (\"" + s + "\" is not)",
                                       {{"item", s}});
    return std::nullopt;
}

}  // namespace

void config::describe(bot::schema<config>& s) {
    s.field("group_name", &config::group_name, "欢迎语里怎么称呼本群；留空则说「本群」");
    s.field("burst_window", &config::burst_window, "这段时间内入群的人合并成一条欢迎（0s 为立即逐个欢迎）");
    s.range("burst_max", &config::burst_max, 1, 100, "一条欢迎最多 @ 几位新人");
    s.field("show_rules", &config::show_rules, "欢迎语里附上群规");
    s.field("intake", &config::intake, "请新人填写自我介绍（欢迎语附模板，并提醒未填写的人）");
    s.field("icebreaker", &config::icebreaker, "建议新人自我介绍时发个小红包");
    s.field("rules", &config::rules, "默认群规，每条写作「规则｜原因」；各群用 /rules 修改自己的").global_only();

    s.field("fields", &config::fields, "自我介绍的字段，每项写作「key:标签/别名」")
        .check(&config::fields, field_specs);
    s.range("intake_min_fields", &config::intake_min_fields, 1, 20,
            "主动发的消息至少填了几个字段才算自我介绍");
    s.field("intake_answer_timeout", &config::intake_answer_timeout, "/intro 中每个问题的作答时间")
        .check(&config::intake_answer_timeout, positive);
    s.field("remind_after", &config::remind_after, "入群这么久还没自我介绍：提醒本人，并列给管理员")
        .check(&config::remind_after, positive);
    s.range("privacy_threshold", &config::privacy_threshold, 0, 100000,
            "群成员达到这么多人时，/who 对非管理员隐藏私密字段（0 为总是隐藏）");
    s.field("private_fields", &config::private_fields, "超过人数门槛时隐藏的字段（name 指成员名字）");
    s.range("who_max", &config::who_max, 1, 50, "/who 最多显示几条结果");

    s.one_of("verify", &config::verify, {"off", "arithmetic", "question"}, "入群验证：off 不验证、arithmetic 算术题、question 自定义问题");
    s.field("verify_question", &config::verify_question, "verify 为 question 时提的问题");
    s.field("verify_answers", &config::verify_answers, "verify_question 的正确答案");
    s.field("verify_timeout", &config::verify_timeout, "验证的作答时间").check(&config::verify_timeout, positive);
    s.range("verify_retries", &config::verify_retries, 1, 10, "最多可以答几次");
    s.field("verify_mute", &config::verify_mute, "答对之前禁言新人（平台支持时）");
    s.one_of("verify_on_timeout", &config::verify_on_timeout, {"kick", "notify"},
             "超时或答错太多次：kick 移出群，notify 只告诉管理员");

    s.one_of("requests", &config::requests, {"admins", "keywords"},
             "入群申请：admins 交给管理员，keywords 按申请里的关键词处理");
    s.field("request_approve", &config::request_approve, "同意入群申请的关键词");
    s.field("request_reject", &config::request_reject, "拒绝入群申请的关键词（先检查）");
    s.field("request_reject_reason", &config::request_reject_reason, "被拒绝的申请人看到的理由");

    s.field("leave_notice", &config::leave_notice, "成员退群时在群里道别");
    s.field("admin_group", &config::admin_group, "管理通知发到哪个群（群 ID）；留空则发在本群并 @ 管理员");
}

}  // namespace plugins::welcome
