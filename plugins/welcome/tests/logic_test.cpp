// The plugin's rules as plain values: profiles, the directory, privacy, verification, composing.
#include <catch2/catch.hpp>

#include "bot/display.hpp"
#include "plugins/welcome/compose.hpp"
#include "plugins/welcome/intake.hpp"
#include "plugins/welcome/verify.hpp"

using namespace plugins::welcome;

namespace {

std::vector<field_spec> specs() {
    return parse_field_specs({"role:职位/岗位", "industry:行业", "strengths:擅长", "needs:诉求/需求", "hobbies:爱好"});
}

}  // namespace

TEST_CASE("a filled-in template is read whether on one line or many", "[welcome][logic]") {
    auto one = parse_profile("职位：产品经理 行业:教育，擅长：用户研究、原型  诉求：找搭子 爱好：", specs());
    CHECK(one.size() == 4);
    CHECK(one["role"] == "产品经理");
    CHECK(one["industry"] == "教育");
    CHECK(one["strengths"] == "用户研究、原型");
    CHECK(one["needs"] == "找搭子");
    CHECK_FALSE(one.count("hobbies"));

    auto many = parse_profile("大家好！\n【岗位】设计师\n需求：想认识产品经理\nhobbies: running", specs());
    CHECK(many["role"] == "设计师");
    CHECK(many["needs"] == "想认识产品经理");
    CHECK(many["hobbies"] == "running");
}

TEST_CASE("words without a colon are chat, not a profile", "[welcome][logic]") {
    CHECK(parse_profile("我的爱好很多，职位也不低", specs()).empty());
    CHECK(parse_profile("controle: x", specs()).empty());
}

TEST_CASE("field specs need a key and a label", "[welcome][logic]") {
    CHECK(parse_field_spec("company:公司/单位")->labels.size() == 2);
    CHECK_FALSE(parse_field_spec("公司"));
    CHECK_FALSE(parse_field_spec("a b:公司"));
    CHECK(find_field(specs(), "岗位")->key == "role");
    CHECK(find_field(specs(), "ROLE")->key == "role");
    CHECK(find_field(specs(), "公司") == nullptr);
}

TEST_CASE("the directory ranks by matching fields and never searches what is hidden", "[welcome][logic]") {
    std::vector<profile> all{
        {"s:a", "Ann", {{"role", "UI 设计师"}, {"strengths", "设计"}}},
        {"s:b", "Bob", {{"role", "工程师"}, {"hobbies", "设计小游戏"}}},
        {"s:c", "设计达人", {{"role", "会计"}, {"company", "设计院"}}},
    };
    auto r = search(all, "设计", {}, 10);
    REQUIRE(r.size() == 3);
    CHECK(r[0].name == "Ann");
    CHECK(search(all, "ui", {}, 10).size() == 1);
    auto hidden = search(all, "设计", {"name", "company"}, 10);
    CHECK(hidden.size() == 2);
    CHECK(search(all, "设计", {}, 1).size() == 1);
}

TEST_CASE("private fields are hidden past the seed phase, except from admins", "[welcome][logic]") {
    CHECK_FALSE(hide_private(49, 50, false));
    CHECK(hide_private(50, 50, false));
    CHECK_FALSE(hide_private(500, 50, true));
    CHECK(hide_private(0, 0, false));
}

TEST_CASE("arithmetic questions are stable per seed and answers are forgiving about form", "[welcome][logic]") {
    auto a = arithmetic(42);
    auto b = arithmetic(42);
    CHECK(a.question == b.question);
    REQUIRE(a.answers.size() == 1);
    CHECK(accepts(a, " " + a.answers[0] + " "));
    CHECK_FALSE(accepts(a, a.answers[0] + "0"));
    auto q = fixed_question("主题？", {"读书", "Reading"});
    CHECK(accepts(q, "读 书。"));
    CHECK(accepts(q, "ＲＥＡＤＩＮＧ"));
    CHECK_FALSE(accepts(q, ""));
    CHECK(judge(q, "跑步", 2) == verdict::retry);
    CHECK(judge(q, "跑步", 1) == verdict::failed);
    CHECK(judge(q, "读书", 1) == verdict::passed);
    CHECK(seed_of("g", "u", 1) == seed_of("g", "u", 1));
    CHECK(seed_of("g", "u", 1) != seed_of("g", "u", 2));
    CHECK(split_answers(join_answers({"a", "b"})) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("mentions are spliced where the markers are and names stay text", "[welcome][logic]") {
    std::vector<mention> people{{bot::id("dave"), "Dave"}, {bot::id("erin"), "Erin"}};
    auto m = splice_mentions("欢迎 " + mention_markers(2) + "！", people);
    REQUIRE(m.segments().size() == 5);
    CHECK(std::get<bot::seg::at>(m.segments()[1]).user == bot::id("dave"));
    CHECK(std::get<bot::seg::at>(m.segments()[3]).user == bot::id("erin"));
    CHECK(m.plain_text() == "欢迎 @Dave、@Erin！");
    // A marker a member could type has its control character removed by safe_name first.
    auto forged = bot::shown_name(std::string("x") + mention_marker(0) + "\n[CQ:at,qq=all]");
    CHECK(forged.find('\x01') == std::string::npos);
    CHECK(splice_mentions(forged, people).has<bot::seg::text>());
    CHECK_FALSE(splice_mentions(forged, people).has<bot::seg::at>());
    CHECK(bot::shown_name(std::string(100, 'a')).size() < 60);
    CHECK(bot::shown_name("  ") .empty());
}

TEST_CASE("join requests: reject keywords win, then approve keywords, else the admins decide", "[welcome][logic]") {
    std::vector<std::string> yes{"读书"};
    std::vector<std::string> no{"微信", "代理"};
    CHECK(decide_request("keywords", "我想来读书", yes, no) == request_decision::approve);
    CHECK(decide_request("keywords", "读书，加我微信", yes, no) == request_decision::reject);
    CHECK(decide_request("keywords", "你好", yes, no) == request_decision::ask_admins);
    CHECK(decide_request("admins", "我想来读书", yes, no) == request_decision::ask_admins);
}

TEST_CASE("rules carry their reasons", "[welcome][logic]") {
    auto r = parse_rule("不刷屏｜刷屏会淹没分享");
    CHECK(r.text == "不刷屏");
    CHECK(r.reason == "刷屏会淹没分享");
    CHECK(parse_rule("禁止广告 | 会赶走人").reason == "会赶走人");
    CHECK(format_rule(parse_rule("只有规则")) == "只有规则");
    CHECK(parse_rules({"", "a|b"}).size() == 1);
}
