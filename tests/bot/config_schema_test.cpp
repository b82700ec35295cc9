#include "bot/config_schema.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using bot::config_node;

namespace {

template <typename V>
config_node node(V v) {
    config_node n;
    n.value = std::move(v);
    n.pos = {"bot.toml", 3, 7};
    return n;
}

// What was expected, in the English of bot.toml errors.
std::optional<std::string> english(std::optional<bot::expectation> const& e) {
    if (!e) return std::nullopt;
    return e->english;
}

template <typename T>
std::optional<std::string> from_text(std::string_view s, T& out) {
    return english(bot::detail::field_codec<T>::from_text(s, out));
}

template <typename T>
std::optional<std::string> from_node(config_node const& n, T& out) {
    return english(bot::detail::field_codec<T>::from_node(n, out));
}

struct group_settings {
    bool enabled = true;
    int max_warnings = 3;
    std::chrono::seconds mute_for = 10min;
    bot::time_of_day remind_at{21 * 60};
    bot::money_amount min_bet{100};
    std::vector<std::int64_t> exempt;
    std::string mode = "soft";
    static void describe(bot::schema<group_settings>& s) {
        s.field("enabled", &group_settings::enabled, "on or off");
        s.range("max_warnings", &group_settings::max_warnings, 1, 10, "warnings before a mute");
        s.field("mute_for", &group_settings::mute_for, "mute length");
        s.field("remind_at", &group_settings::remind_at, "daily reminder");
        s.field("min_bet", &group_settings::min_bet, "smallest bet").global_only();
        s.field("exempt", &group_settings::exempt, "users never checked");
        s.one_of("mode", &group_settings::mode, {"soft", "hard"}, "how strict");
    }
};

bot::schema<group_settings> group_schema() {
    bot::schema<group_settings> s;
    group_settings::describe(s);
    return s;
}

}  // namespace

TEST_CASE("durations are read in seconds, minutes, hours, days, weeks and combinations") {
    CHECK(bot::parse_duration("90s") == 90s);
    CHECK(bot::parse_duration("10m") == 10min);
    CHECK(bot::parse_duration("2h") == 2h);
    CHECK(bot::parse_duration("3d") == 72h);
    CHECK(bot::parse_duration("1w") == 168h);
    CHECK(bot::parse_duration("1h30m") == 90min);
    CHECK(bot::parse_duration("1d2h3m4s") == 26h + 3min + 4s);
    CHECK(bot::parse_duration(" 1h 30m ") == 90min);
    CHECK(bot::parse_duration("0s") == 0s);
}

TEST_CASE("bad durations are refused") {
    for (auto bad : {"", " ", "10", "-5m", "+5m", "1.5h", "10x", "m", "1h30", "30m1h", "1h1h", "10M", "1 h",
                     "99999999999999999999s", "9223372036854775807s", "100000w"}) {
        INFO(bad);
        CHECK_FALSE(bot::parse_duration(bad));
    }
}

TEST_CASE("durations are formatted back in the largest units") {
    CHECK(bot::format_duration(0s) == "0s");
    CHECK(bot::format_duration(45s) == "45s");
    CHECK(bot::format_duration(90min) == "1h30m");
    CHECK(bot::format_duration(72h) == "3d");
    CHECK(bot::format_duration(192h + 1s) == "1w1d1s");
    CHECK(bot::format_duration(-90s) == "-1m30s");
    for (auto text : {"1h30m", "2w3d", "59s", "1d1s"}) CHECK(bot::format_duration(*bot::parse_duration(text)) == text);
}

TEST_CASE("a duration field takes a string, an integer number of seconds, or chat text") {
    std::chrono::seconds d{};
    CHECK_FALSE(from_node(node(std::string("10m")), d));
    CHECK(d == 10min);
    CHECK_FALSE(from_node(node(std::int64_t{90}), d));
    CHECK(d == 90s);
    CHECK(from_node(node(std::int64_t{-1}), d).value_or("").find("a duration like") == 0);
    CHECK(from_node(node(1.5), d));
    CHECK_FALSE(from_text("1h30m", d));
    CHECK(d == 90min);
    CHECK_FALSE(from_text("45", d));
    CHECK(d == 45s);
    CHECK(from_text("soon", d).value_or("").find("\"10m\"") != std::string::npos);
    CHECK(d == 45s);
    CHECK(bot::detail::field_codec<std::chrono::seconds>::to_text(90min) == "1h30m");
}

TEST_CASE("times of day are read as hours and minutes") {
    bot::time_of_day t;
    CHECK_FALSE(from_text("21:00", t));
    CHECK(t.minutes == 21 * 60);
    CHECK_FALSE(from_text("9:05", t));
    CHECK(t.minutes == 9 * 60 + 5);
    CHECK(t.str() == "09:05");
    CHECK_FALSE(from_text("0:00", t));
    CHECK(t.str() == "00:00");
    CHECK_FALSE(from_text("23:59", t));
    CHECK_FALSE(from_text("21：30", t));  // a full-width colon from a Chinese keyboard
    CHECK(t.str() == "21:30");
    for (auto bad : {"24:00", "21:60", "9:5", "921", "", "21:00:00", "-1:00", "a:bc", "123:00", ":00"}) {
        INFO(bad);
        CHECK(from_text(bad, t) == "a time like \"21:00\" (00:00 to 23:59)");
    }
    CHECK(from_node(node(std::int64_t{2100}), t) == "a time like \"21:00\"");
}

TEST_CASE("money is read from text or from a whole number of yuan") {
    bot::money_amount m;
    CHECK_FALSE(from_node(node(std::string("50.5元")), m));
    CHECK(m.value == 5050);
    CHECK_FALSE(from_node(node(std::int64_t{50}), m));
    CHECK(m.value == 5000);
    CHECK_FALSE(from_text("0.01", m));
    CHECK(m.value == 1);
    CHECK(bot::detail::field_codec<bot::money_amount>::to_text(m) == "0.01");
    CHECK(from_node(node(50.5), m).value_or("").find("write decimals in quotes") != std::string::npos);
    CHECK(from_node(node(std::int64_t{-5}), m));
    CHECK(from_node(node(std::int64_t{9'000'000'000'000'000'000}), m));
    for (auto bad : {"", "-5", "1.234", "fifty", "5..0"}) {
        INFO(bad);
        CHECK(from_text(bad, m).value_or("").find("\"50.5元\"") != std::string::npos);
    }
    CHECK(m.value == 1);
}

TEST_CASE("booleans typed in chat accept on, off, yes, no and Chinese") {
    bool b = false;
    for (auto yes : {"true", "ON", "yes", "1", "开", "开启"}) {
        b = false;
        CHECK_FALSE(from_text(yes, b));
        CHECK(b);
    }
    for (auto no : {"false", "off", "No", "0", "关", "关闭"}) {
        b = true;
        CHECK_FALSE(from_text(no, b));
        CHECK_FALSE(b);
    }
    CHECK(from_text("maybe", b));
    CHECK(from_node(node(std::string("true")), b) == "true or false");
}

TEST_CASE("integers are range-checked against their type") {
    int i = 0;
    CHECK_FALSE(from_text(" -42 ", i));
    CHECK(i == -42);
    CHECK(from_text("4.2", i) == "an integer");
    CHECK(from_text("99999999999", i).value_or("").find("from -2147483648 to 2147483647") != std::string::npos);
    CHECK(from_node(node(std::int64_t{1} << 40), i));
    std::int64_t wide = 0;
    CHECK_FALSE(from_node(node(std::int64_t{1} << 40), wide));
    CHECK(wide == std::int64_t{1} << 40);
    CHECK(from_node(node(2.0), wide) == "an integer");
    double d = 0;
    CHECK_FALSE(from_node(node(std::int64_t{2}), d));
    CHECK(d == 2.0);
    CHECK_FALSE(from_text("0.25", d));
    CHECK(d == 0.25);
    CHECK(from_text("inf", d));
}

TEST_CASE("lists typed in chat are split on ASCII and Chinese commas") {
    std::vector<std::string> words;
    CHECK_FALSE(from_text("加群, 广告，代理、 ", words));
    CHECK(words == std::vector<std::string>{"加群", "广告", "代理"});
    CHECK(bot::detail::field_codec<std::vector<std::string>>::to_text(words) == "加群, 广告, 代理");
    CHECK_FALSE(from_text("", words));
    CHECK(words.empty());

    std::vector<std::int64_t> ids;
    CHECK_FALSE(from_text("1001, 1002", ids));
    CHECK(ids == std::vector<std::int64_t>{1001, 1002});
    CHECK(from_text("1001, bob", ids));
    CHECK(ids == std::vector<std::int64_t>{1001, 1002});
}

TEST_CASE("a list with a wrong item names the item") {
    std::vector<std::string> words{"kept"};
    auto list = node(config_node::array{node(std::string("a")), node(std::int64_t{5})});
    auto e = from_node(list, words);
    REQUIRE(e);
    CHECK(e->find("a list of strings") == 0);
    CHECK(e->find("item 2 is integer 5") != std::string::npos);
    CHECK(words == std::vector<std::string>{"kept"});
}

TEST_CASE("every codec reads back what it writes, as per-group overrides are stored as text") {
    auto round_trip = [](auto value) {
        using codec = bot::detail::field_codec<decltype(value)>;
        decltype(value) back{};
        auto e = codec::from_text(codec::to_text(value), back);
        INFO(codec::to_text(value));
        CHECK_FALSE(e);
        CHECK(back == value);
    };
    round_trip(true);
    round_trip(false);
    round_trip(-7);
    round_trip(std::int64_t{1} << 50);
    round_trip(0.1);
    round_trip(1e20);
    round_trip(std::string(" spaced 文本 "));
    round_trip(std::vector<std::string>{"a", "签到"});
    round_trip(std::vector<std::int64_t>{-1, 2});
    round_trip(0s);
    round_trip(std::chrono::seconds(694861));
    round_trip(bot::time_of_day{0});
    round_trip(bot::time_of_day{23 * 60 + 59});
    round_trip(bot::money_amount{5050});
    round_trip(bot::money_amount{1});
}

TEST_CASE("values are described with their type and a short rendering") {
    CHECK(bot::describe_config_value(node(std::int64_t{5})) == "integer 5");
    CHECK(bot::describe_config_value(node(true)) == "boolean true");
    CHECK(bot::describe_config_value(node(1.5)) == "float 1.5");
    CHECK(bot::describe_config_value(node(std::string("abc"))) == "string \"abc\"");
    CHECK(bot::describe_config_value(node(config_node::table{})) == "table");
    CHECK(bot::describe_config_value(node(config_node::array{})) == "empty array");
    CHECK(bot::describe_config_value(node(config_node::array{node(std::int64_t{1}), node(std::string("x"))})) ==
          "array [1, \"x\"]");
    auto long_text = bot::describe_config_value(node(std::string(100, 'x')));
    CHECK(long_text.size() < 60);
    CHECK(long_text.ends_with("…\""));
    // Chinese text is cut between characters, never inside one (each is three bytes).
    auto chinese = bot::describe_config_value(node(std::string("欢迎新朋友加入本群请先阅读群公告然后做个自我介绍")));
    CHECK(chinese == "string \"欢迎新朋友加入本群请先阅读…\"");
}

TEST_CASE("per-group overrides typed in chat go through the same fields and limits") {
    auto s = group_schema();
    group_settings g;
    REQUIRE(s.find("mute_for"));
    CHECK_FALSE(s.find("mute_for")->from_text(g, "1h"));
    CHECK(g.mute_for == 1h);
    CHECK_FALSE(s.find("enabled")->from_text(g, "关"));
    CHECK_FALSE(g.enabled);
    CHECK_FALSE(s.find("exempt")->from_text(g, "1, 2"));
    CHECK(g.exempt == std::vector<std::int64_t>{1, 2});
    CHECK(english(s.find("max_warnings")->from_text(g, "11")) == "a number from 1 to 10");
    CHECK(english(s.find("max_warnings")->from_text(g, "many")) == "an integer");
    CHECK(g.max_warnings == 3);
    CHECK(english(s.find("mode")->from_text(g, "medium")) == "one of \"soft\", \"hard\"");
    CHECK_FALSE(s.find("mode")->from_text(g, "hard"));
    CHECK(s.find("remind_at")->to_text(g) == "21:00");
    CHECK_FALSE(s.find("min_bet")->per_group);
    CHECK(s.find("enabled")->per_group);
}

TEST_CASE("a field says what it accepts, as a keyed text with its limits") {
    auto s = group_schema();
    auto const& warnings = s.find("max_warnings")->kind;
    CHECK(warnings.key == "core.expect.integer_range");
    CHECK(warnings.english == "a number from 1 to 10");
    CHECK(s.find("mute_for")->kind.key == "core.expect.duration");
    CHECK(s.find("remind_at")->kind.key == "core.expect.time");
    CHECK(s.find("min_bet")->kind.key == "core.expect.money");
    CHECK(s.find("exempt")->kind.key == "core.expect.integer_list");
    CHECK(s.find("mode")->kind.english == "one of \"soft\", \"hard\"");
    CHECK(s.names() == "enabled, max_warnings, mute_for, remind_at, min_bet, exempt, mode");
}

TEST_CASE("expectations render in the bot's language, with their limits") {
    bot::texts t;
    bot::define_expectation_texts(t);
    auto s = group_schema();
    group_settings g;
    CHECK(bot::render_expectation(t, "", *s.find("max_warnings")->from_text(g, "11")) == "介于 1 和 10 之间的整数");
    CHECK(bot::render_expectation(t, "", *s.find("max_warnings")->from_text(g, "many")) == "整数");
    CHECK(bot::render_expectation(t, "", *s.find("mode")->from_text(g, "medium")) == "以下之一：soft、hard");
    CHECK_THAT(bot::render_expectation(t, "", *s.find("mute_for")->from_text(g, "soon")),
               Catch::StartsWith("时长，如 90s、10m"));
    CHECK(bot::render_expectation(t, "", *s.find("enabled")->from_text(g, "maybe")).starts_with("开或关"));
    // A check with no keyed text (a field never set from chat) falls back to its English.
    CHECK(bot::render_expectation(t, "", bot::expect::english_only("a ws:// URL")) == "a ws:// URL");
}

TEST_CASE("a value out of range is reported with the key, line and limits") {
    auto s = group_schema();
    auto table = node(config_node::table{{"max_warnings", node(std::int64_t{0})}});
    group_settings g;
    try {
        s.read(table, "plugins.antiad", g);
        FAIL("no error");
    } catch (bot::config_error const& e) {
        CHECK(std::string(e.what()) ==
              "bot.toml:3:7: plugins.antiad.max_warnings: expected a number from 1 to 10, got integer 0");
        CHECK(e.key() == "plugins.antiad.max_warnings");
        CHECK(e.pos().line == 3);
    }
    CHECK(g.max_warnings == 3);
}
